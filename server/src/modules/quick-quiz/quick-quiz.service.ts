import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerCodec,
  encodeKeys,
  isRandomPaper,
  QUICK_QUIZ_CODE_LENGTH,
  QUICK_QUIZ_SECONDS,
  Role,
  type QuickQuizRoundDto,
  type QuickQuizStartInput,
  type QuickQuizStudentDto,
} from '@campus/shared';
import { randomInt } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { TtlCache } from '../../common/cache/ttl-cache';
import { CacheBus } from '../../common/cluster/cache-bus';
import { rawDate } from '../../database/raw-values';
import { Sql } from '../../database/sql';
import { ExamCache } from '../exams/exam-cache';
import { inAudience } from '../exams/exam-audience';
import { wrongAnswersUpsert } from '../exams/wrong-book';
import { SchoolClass } from '../org/school-class.entity';
import { Question } from '../questions/question.entity';
import { TeachingService } from '../teaching/teaching.service';
import { User } from '../users/user.entity';
import { mapRound, mapStudentView } from './quick-quiz.mapper';
import { QuickQuestionService, QUICK_QUESTION_TYPES } from './quick-question.service';
import { isOpen, type RoundState } from './round-state';
import { QuizRound } from './quiz-round.entity';

/** A join code leads to its round for this long after the start (a phone that reconnects late still finds the result). */
export const JOIN_WINDOW_MS = 60 * 60_000;
/** A round's state stays in memory this long; an early close anywhere evicts it at once (CacheBus). */
const STATE_TTL_MS = 60_000;
/**
 * A join code's round stays in memory this long. A code is not given to another round while a round
 * started within the join window holds it (freshCode), so a remembered code is never another round's.
 */
const CODE_TTL_MS = 10_000;

const codeNotFound = () => new NotFoundException('没有找到这个快问：请核对老师屏幕上的 6 位数字');

/**
 * 课堂快问: the teacher starts a round for one class; the class's students join by code and answer
 * once before the countdown ends. The answer path is one conditional UPDATE (no read first): it
 * succeeds only while the student has not answered and the round is open, so double taps, retries
 * and late answers change nothing, on any number of instances.
 */
@Injectable()
export class QuickQuizService {
  /** Rounds as the screens show them; a round's countdown is refreshed from the database each tick. */
  private readonly states: TtlCache<number, RoundState>;
  private readonly codes: TtlCache<string, number>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly bus: CacheBus,
    private readonly access: AccessService,
    private readonly teaching: TeachingService,
    private readonly quickQuestions: QuickQuestionService,
    private readonly exams: ExamCache,
  ) {
    this.codes = new TtlCache({ ttlMs: CODE_TTL_MS, maxEntries: 10_000, clock });
    this.states = new TtlCache({ ttlMs: STATE_TTL_MS, maxEntries: 10_000, clock });
    bus.on((message) => {
      if (message.kind === 'quick-quiz') this.states.delete(message.id);
    });
  }

  async start(principal: Principal, input: QuickQuizStartInput): Promise<QuickQuizRoundDto> {
    await this.teaching.assertTeaches(principal, input.classId);
    const seconds = input.seconds ?? QUICK_QUIZ_SECONDS.default;
    if (!(await this.quickQuestions.carries(input.promptId, input.questionId))) {
      throw new BadRequestException({
        message: '这道题不是该提示的快问题目',
        errors: [{ field: 'questionId', message: '请从该提示的快问题目中选择' }],
      });
    }
    const question = await this.dataSource.getRepository(Question).findOne({ where: { id: input.questionId } });
    if (!question || question.status !== 'active' || question.currentVersionId === null) {
      throw new BadRequestException({
        message: '该题已停用，不能用于快问',
        errors: [{ field: 'questionId', message: '该题已停用' }],
      });
    }
    if (!QUICK_QUESTION_TYPES.has(question.type)) {
      throw new BadRequestException({
        message: '快问只用单选题或判断题',
        errors: [{ field: 'questionId', message: '题型不适合快问' }],
      });
    }
    await this.assertNotOnOpenPaper(input.classId, question.id);
    const classSize = await this.dataSource
      .getRepository(User)
      .countBy({ classId: input.classId, role: Role.Student, disabled: false });
    const now = this.clock.date();
    const id = await this.sql.transaction(async (manager) =>
      this.sql.insertReturningId(manager, 'quiz_round', {
        prompt_id: input.promptId,
        question_id: question.id,
        question_version_id: question.currentVersionId,
        class_id: input.classId,
        teacher_id: principal.id,
        join_code: await this.freshCode(now),
        class_size: classSize,
        started_at: now,
        closes_at: new Date(now.getTime() + seconds * 1000),
      }),
    );
    this.bus.publish({ kind: 'quick-quiz', id });
    return mapRound(await this.state(id), new Map(), now);
  }

  /** 提前揭晓: the teacher ends the countdown now. */
  async close(principal: Principal, id: number): Promise<QuickQuizRoundDto> {
    const round = await this.state(id);
    await this.assertRuns(principal, round);
    const now = this.clock.date();
    if (isOpen(round, now)) {
      await this.sql.execute('UPDATE quiz_round SET closes_at = ? WHERE id = ? AND closes_at > ?', [now, id, now]);
      this.bus.publish({ kind: 'quick-quiz', id });
    }
    return this.roundView(principal, id);
  }

  async roundView(principal: Principal, id: number): Promise<QuickQuizRoundDto> {
    const round = await this.state(id);
    await this.assertWatches(principal, round);
    const tallies = await this.tallies([id]);
    return mapRound(round, tallies.get(id) ?? new Map(), this.clock.date());
  }

  /**
   * A student types the code (or scans the QR code): they are counted as joined, once. At one bell a
   * whole school's phones join within seconds, so this is one statement for a phone that joins
   * for the first time: the code's round comes from memory, and a fresh join has no answer to read.
   */
  async join(principal: Principal, code: string): Promise<QuickQuizStudentDto> {
    const now = this.clock.date();
    const round = await this.state(await this.roundOfCode(code, now));
    if (round.startedAt.getTime() <= now.getTime() - JOIN_WINDOW_MS) throw codeNotFound();
    this.assertStudentOf(principal, round);
    const fresh = await this.sql.insertIgnoringDuplicate('quiz_response', {
      round_id: round.id,
      user_id: principal.id,
      joined_at: now,
    });
    return fresh ? mapStudentView(round, null, now) : this.studentView(principal, round.id);
  }

  /** The round a join code leads to (the newest started within the join window), kept a few seconds. */
  private async roundOfCode(code: string, now: Date): Promise<number> {
    // A class's phones join within seconds of each other: one query for all that miss together.
    return this.codes.getOrLoad(code, async () => {
      const rows = await this.sql.query<Array<{ id: number | string }>>(
        'SELECT id FROM quiz_round WHERE join_code = ? AND started_at > ? ORDER BY started_at DESC LIMIT 1',
        [code, new Date(now.getTime() - JOIN_WINDOW_MS)],
      );
      if (rows.length === 0) throw codeNotFound();
      return Number(rows[0]!.id);
    });
  }

  async studentView(principal: Principal, id: number): Promise<QuickQuizStudentDto> {
    const round = await this.state(id);
    this.assertStudentOf(principal, round);
    const [mine] = await this.sql.hotRows<{ answer: string | null }>(
      'SELECT answer FROM quiz_response WHERE round_id = ? AND user_id = ?',
      [id, principal.id],
    );
    return mapStudentView(round, mine?.answer ?? null, this.clock.date());
  }

  async answer(principal: Principal, id: number, keys: string[]): Promise<QuickQuizStudentDto> {
    const round = await this.state(id);
    this.assertStudentOf(principal, round);
    const problem = answerCodec(round.type).validate(
      keys,
      round.options.map((o) => o.key),
    );
    if (problem || keys.length === 0) {
      throw new BadRequestException({
        message: problem ?? '请选择一个答案',
        errors: [{ field: 'answer', message: problem ?? '请选择一个答案' }],
      });
    }
    const stored = encodeKeys(keys)!;
    const correct = stored === encodeKeys(round.answer);
    const now = this.clock.date();
    // One statement on the bell's hot path (sent with the hot statements issued beside it). Tried
    // again on a lost connection like every hot write: if the first try went through, the retry
    // matches nothing and the phone is told it has already answered, which is then true.
    const update = () =>
      this.sql.hotExecute(
        `UPDATE quiz_response SET answer = ?, correct = ?, answered_at = ?
          WHERE round_id = ? AND user_id = ? AND answer IS NULL
            AND (SELECT closes_at FROM quiz_round WHERE id = ?) > ?`,
        [stored, correct, now, id, principal.id, id, now],
      );
    let changed = 0;
    // The countdown's end held in memory only ever moves earlier (an early close evicts it on every
    // instance), so an answer it finds late is late: no write to try, only which refusal to give.
    if (isOpen(round, now)) {
      changed = await update();
      // Nothing matched: a phone that answers without having joined (a reload that skipped the
      // join) joins now and tries once more; one that had joined has answered already (a double tap).
      const row = { round_id: id, user_id: principal.id, joined_at: now };
      if (changed === 0 && (await this.sql.insertIgnoringDuplicate('quiz_response', row))) changed = await update();
    }
    if (changed === 0) {
      const view = await this.studentView(principal, id);
      if (view.myAnswer !== null) throw new ConflictException('你已经回答过这道快问了，每人只能答一次');
      throw new ConflictException('快问已经结束，这次回答没有计入');
    }
    if (!correct) await this.recordWrong(principal.id, round.questionId, stored, now);
    return mapStudentView(round, stored, now);
  }

  /** Everything a screen needs of a round, from memory when it can. */
  async state(id: number): Promise<RoundState> {
    return this.states.getOrLoad(id, () => this.loadState(id));
  }

  private async loadState(id: number): Promise<RoundState> {
    const row = await this.dataSource
      .getRepository(QuizRound)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.questionVersion', 'v')
      .innerJoinAndSelect('r.prompt', 'p')
      .innerJoinAndSelect('r.schoolClass', 'c')
      .innerJoinAndSelect('r.teacher', 't')
      .where('r.id = :id', { id })
      .getOne();
    if (!row) throw new NotFoundException('快问不存在');
    const v = row.questionVersion!;
    return {
      id: row.id,
      promptId: row.promptId,
      promptTitle: row.prompt!.title,
      questionId: row.questionId,
      classId: row.classId,
      className: row.schoolClass!.name,
      collegeId: row.schoolClass!.collegeId,
      teacherId: row.teacherId,
      teacherName: row.teacher!.name,
      joinCode: row.joinCode,
      classSize: row.classSize,
      startedAt: row.startedAt,
      closesAt: row.closesAt,
      type: v.type,
      stem: v.stem,
      options: v.options,
      answer: v.answer,
      analysis: v.analysis,
    };
  }

  /** Answers per round and stored answer, for many rounds in one query (the screens' tick). */
  async tallies(ids: number[]): Promise<Map<number, Map<string | null, number>>> {
    const out = new Map<number, Map<string | null, number>>(ids.map((id) => [id, new Map()]));
    if (ids.length === 0) return out;
    const rows = await this.sql.query<Array<{ roundId: number | string; answer: string | null; n: number | string }>>(
      `SELECT round_id AS roundId, answer, COUNT(*) AS n FROM quiz_response
        WHERE round_id IN (${ids.map(() => '?').join(',')}) GROUP BY round_id, answer`,
      ids,
    );
    for (const row of rows) out.get(Number(row.roundId))?.set(row.answer, Number(row.n));
    return out;
  }

  /** The countdown's end as the database holds it now (another instance may have closed early). */
  async closingTimes(ids: number[]): Promise<Map<number, Date>> {
    if (ids.length === 0) return new Map();
    const rows = await this.sql.query<Array<{ id: number | string; closesAt: unknown }>>(
      `SELECT id, closes_at AS closesAt FROM quiz_round WHERE id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    return new Map(rows.map((r) => [Number(r.id), rawDate(r.closesAt)!]));
  }

  /** Keeps a cached state's countdown in step with the database. */
  refreshClosing(id: number, closesAt: Date): void {
    const hit = this.states.get(id);
    if (hit && hit.closesAt.getTime() !== closesAt.getTime()) this.states.set(id, { ...hit, closesAt });
  }

  /** Who may watch a round's projector view: its class's teachers, and admins over its college. */
  async assertWatches(principal: Principal, round: RoundState): Promise<void> {
    if (principal.role === Role.Teacher) {
      if (!(await this.teaching.teaches(principal.id, round.classId)))
        throw new ForbiddenException('您不是该班的授课教师');
      return;
    }
    this.access.assertCollege(principal, round.collegeId);
  }

  assertStudentOf(principal: Principal, round: RoundState): void {
    if (principal.classId !== round.classId)
      throw new ForbiddenException('这道快问是给其他班级的，只有该班同学可以作答');
  }

  private async assertRuns(principal: Principal, round: RoundState): Promise<void> {
    if (principal.role !== Role.Teacher || !(await this.teaching.teaches(principal.id, round.classId))) {
      throw new ForbiddenException('只有该班的授课教师可以结束快问');
    }
  }

  /**
   * The projector shows the right answer to the room. A question on the fixed paper of an exam this
   * class can still sit would hand that paper's key out, so it is refused. A question that a rule-drawn
   * paper may draw is allowed: one of hundreds, chosen by the teacher to teach, not a copy of the paper
   * (practice, which could list every key, stays held back by KeyDisclosure).
   */
  private async assertNotOnOpenPaper(classId: number, questionId: number): Promise<void> {
    const schoolClass = await this.dataSource
      .getRepository(SchoolClass)
      .findOne({ where: { id: classId }, select: { id: true, collegeId: true } });
    if (!schoolClass) throw new NotFoundException('班级不存在');
    const member = {
      collegeId: schoolClass.collegeId,
      classId,
      enrollmentYear: await this.exams.enrollmentYear(classId),
    };
    const now = this.clock.date();
    for (const exam of await this.exams.publishedExams()) {
      if (isRandomPaper(exam.paper) || !inAudience(exam.audience, member)) continue;
      if (!exam.paper.questionIds.includes(questionId)) continue;
      if (now >= exam.closesAt && !(await this.classStillSitting(exam.id, classId, now))) continue;
      throw new ConflictException({
        message: `这道题在本班尚未结束的考试「${exam.title}」的试卷上，课堂揭晓答案会泄露考题：请换一道，或在考试结束后再用`,
        errors: [{ field: 'questionId', message: '该题在本班进行中的考试试卷上' }],
      });
    }
  }

  /**
   * Whether a student of the class is still answering the exam: a window shortened under an attempt
   * in progress never cuts it short, so the paper can outlive the window.
   */
  private async classStillSitting(examId: number, classId: number, now: Date): Promise<boolean> {
    const rows = await this.sql.query<unknown[]>(
      `SELECT 1 FROM exam_attempt a JOIN user u ON u.id = a.user_id
        WHERE a.exam_id = ? AND a.submitted_at IS NULL AND a.deadline > ? AND u.class_id = ? LIMIT 1`,
      [examId, now, classId],
    );
    return rows.length > 0;
  }

  /** Unique among the codes a phone could still be typing (rounds started within the join window). */
  private async freshCode(now: Date): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const code = String(randomInt(0, 10 ** QUICK_QUIZ_CODE_LENGTH)).padStart(QUICK_QUIZ_CODE_LENGTH, '0');
      const taken = await this.sql.query<unknown[]>(
        'SELECT 1 FROM quiz_round WHERE join_code = ? AND started_at > ? LIMIT 1',
        [code, new Date(now.getTime() - JOIN_WINDOW_MS)],
      );
      if (taken.length === 0) return code;
    }
    throw new ConflictException('暂时无法生成快问码，请稍后再试');
  }

  /** A wrong 快问 answer goes to the 错题本 like a wrong practice answer (it never touches an exam). */
  private async recordWrong(userId: number, questionId: number, answer: string, at: Date): Promise<void> {
    const upsert = wrongAnswersUpsert(this.sql, userId, [{ questionId, answer }], at);
    await this.sql.hotExecute(upsert.text, upsert.params);
  }
}
