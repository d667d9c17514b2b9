import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { answerCodec, QuestionType, Role, scoreAnswer, type RandomPaper } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { shuffled } from '../../modules/exams/attempt-draw';
import { encodeAnswer } from '../../modules/exams/attempt-answer';
import { ExamAttempt } from '../../modules/exams/exam-attempt.entity';
import type { ExamInputDto } from '../../modules/exams/dto/exam.dto';
import { ExamsService } from '../../modules/exams/exams.service';
import { roundScore } from '../../modules/exams/exam-paper';
import { Letter } from '../../modules/letters/letter.entity';
import { SchoolClass } from '../../modules/org/school-class.entity';
import { QuestionPool, type VersionContent } from '../../modules/questions/question-pool';
import { Question } from '../../modules/questions/question.entity';
import { User } from '../../modules/users/user.entity';
import { latestCutoff } from '../../modules/stats/report-week';
import { WeeklyReportService } from '../../modules/weekly-report/weekly-report.service';
import { Sql } from '../sql';
import { demoFreshmanUsername } from './demo-school';

const DAY_MS = 24 * 3600_000;
const WEEK_MS = 7 * DAY_MS;
/** The 入学第一考 opened five weeks ago and stays open four more. */
const OPENED_WEEKS_AGO = 5;
const CLOSES_IN_WEEKS = 4;
const DURATION_MINUTES = 30;
const PASS_SCORE = 80;
const MAX_ATTEMPTS = 3;

/**
 * Drawn by rule on question type only, so the paper still draws whatever the shipped bank holds
 * (25 questions, 100 marks).
 */
const PAPER: RandomPaper = {
  rules: [
    { type: QuestionType.Single, count: 10, score: 4 },
    { type: QuestionType.Multiple, count: 5, score: 6 },
    { type: QuestionType.Judge, count: 10, score: 3 },
  ],
};

/**
 * How the five demo colleges behave (in roster order): the share of freshmen who have sat the exam
 * so far, and how much better or worse they know the subject — so the ranking, the not-passed lists
 * and the week-over-week change have something to show.
 */
const COLLEGE_PROFILES = [
  { participation: 0.96, ability: 0.35 },
  { participation: 0.9, ability: 0.15 },
  { participation: 0.84, ability: 0 },
  { participation: 0.72, ability: -0.15 },
  { participation: 0.52, ability: -0.35 },
];
const LETTER_CONFIRMATION = 0.78;
const IN_PROGRESS = 6;

export interface DemoActivity {
  examId: number;
  attempts: number;
  inProgress: number;
  letterConfirmations: number;
  weeklyReports: number;
}

interface Freshman {
  id: number;
  username: string;
  collegeId: number | null;
}

interface Candidate {
  entry: { questionId: number; versionId: number; group: string | null };
  version: VersionContent;
  difficulty: number;
}

/** A small deterministic generator (mulberry32): the demo looks the same on every fresh start. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box–Muller). */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * The demo school's past weeks: one published 入学第一考 for this year's freshmen with a few hundred
 * attempts spread over the weeks since it opened (passes, fails and retakes, a few still in
 * progress), letter confirmations, and the Friday reports of the last weeks — so that a new user
 * sees the dashboard, the 周五通报 and item analysis with real shapes instead of zeros. Only the demo
 * school gets this (DEMO_DATA); the named demo freshman is left untouched, to take the exam live.
 *
 * The attempts are written in bulk, already scored with the same rule the exam engine uses
 * (scoreAnswer), instead of being played through the attempt service one request at a time: that
 * keeps a first start fast (well under a second for these rows), and the times can be in the past.
 */
@Injectable()
export class DemoActivitySeeder {
  private readonly logger = new Logger(DemoActivitySeeder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly exams: ExamsService,
    private readonly pool: QuestionPool,
    private readonly weeklyReports: WeeklyReportService,
  ) {}

  async load(admin: Principal, now: Date, freshmanYear: number): Promise<DemoActivity> {
    const rand = random(freshmanYear);
    const opensAt = new Date(Math.floor((now.getTime() - OPENED_WEEKS_AGO * WEEK_MS) / 3600_000) * 3600_000);
    const examId = await this.publishEntranceExam(admin, freshmanYear, opensAt, now);
    const freshmen = await this.freshmen(freshmanYear);
    const candidates = await this.candidates();
    const { attempts, inProgress } = await this.writeAttempts(examId, freshmen, candidates, opensAt, now, rand);
    const letterConfirmations = await this.confirmLetter(freshmanYear, freshmen, opensAt, now, rand);
    const weeklyReports = await this.fridayReports(opensAt, now);
    this.logger.log(
      `Demo activity: ${attempts} attempts (${inProgress} in progress), ${letterConfirmations} letter confirmations, ${weeklyReports} Friday reports`,
    );
    return { examId, attempts, inProgress, letterConfirmations, weeklyReports };
  }

  private async publishEntranceExam(admin: Principal, year: number, opensAt: Date, now: Date): Promise<number> {
    const body: ExamInputDto = {
      title: `${year} 级入学第一考`,
      description: '新生入学反诈知识测试：25 题，满分 100 分，80 分及格，未通过可再考（共 3 次）。',
      kind: 'entrance',
      opensAt: opensAt.toISOString(),
      closesAt: new Date(now.getTime() + CLOSES_IN_WEEKS * WEEK_MS).toISOString(),
      durationMinutes: DURATION_MINUTES,
      passScore: PASS_SCORE,
      maxAttempts: MAX_ATTEMPTS,
      audience: { enrollmentYears: [year] },
      paper: PAPER,
      shuffleQuestions: true,
      shuffleOptions: true,
      reviewPolicy: 'after_submit',
      leaveLimit: null,
    };
    const exam = await this.exams.create(admin, body);
    await this.exams.publish(admin, exam.id);
    // Published when it opened, as the school would have done.
    await this.sql.execute('UPDATE exam SET published_at = ? WHERE id = ?', [opensAt, exam.id]);
    return exam.id;
  }

  private async freshmen(year: number): Promise<Freshman[]> {
    const classes = await this.dataSource
      .getRepository(SchoolClass)
      .find({ where: { enrollmentYear: year }, select: { id: true } });
    const users = await this.dataSource.getRepository(User).find({
      where: { role: Role.Student, classId: In(classes.map((c) => c.id)) },
      select: { id: true, username: true, collegeId: true },
      order: { username: 'ASC' },
    });
    const named = demoFreshmanUsername(year);
    return users.filter((u) => u.username !== named);
  }

  private async candidates(): Promise<Map<QuestionType, Candidate[]>> {
    const byType = new Map<QuestionType, Candidate[]>();
    for (const rule of PAPER.rules) {
      const entries = await this.pool.active({ type: rule.type });
      const versions = await this.pool.versionsById(entries.map((e) => e.versionId));
      const questions = await this.dataSource.getRepository(Question).find({
        where: { id: In(entries.map((e) => e.questionId)) },
        select: { id: true, difficulty: true },
      });
      const difficulty = new Map(questions.map((q) => [q.id, q.difficulty]));
      byType.set(
        rule.type,
        entries.map((entry) => ({
          entry,
          version: versions.get(entry.versionId)!,
          difficulty: difficulty.get(entry.questionId) ?? 3,
        })),
      );
    }
    return byType;
  }

  private async writeAttempts(
    examId: number,
    freshmen: Freshman[],
    candidates: Map<QuestionType, Candidate[]>,
    opensAt: Date,
    now: Date,
    rand: () => number,
  ): Promise<{ attempts: number; inProgress: number }> {
    const collegeIds = [...new Set(freshmen.map((f) => f.collegeId))].sort((a, b) => (a ?? 0) - (b ?? 0));
    const span = now.getTime() - opensAt.getTime() - DAY_MS;
    const attempts: ExamAttemptRow[] = [];
    const questions: unknown[][] = [];
    const sitters = shuffledBy(freshmen, rand);
    const waiting = new Set(sitters.slice(0, IN_PROGRESS).map((f) => f.id));

    for (const student of sitters) {
      const profile = COLLEGE_PROFILES[collegeIds.indexOf(student.collegeId) % COLLEGE_PROFILES.length]!;
      if (!waiting.has(student.id) && rand() > profile.participation) continue;
      let ability = 1.3 + profile.ability + 0.75 * normal(rand);
      // Most sit in the first weeks after the exam opened, fewer later on.
      let startedAt = daytime(new Date(opensAt.getTime() + Math.pow(rand(), 1.6) * span), rand);
      for (let attemptNo = 1; attemptNo <= MAX_ATTEMPTS; attemptNo++) {
        const open = waiting.has(student.id);
        if (open) startedAt = new Date(now.getTime() - (3 + Math.floor(rand() * 12)) * 60_000);
        const paper = drawPaper(candidates, rand);
        let score = 0;
        const minutes = 8 + Math.floor(rand() * 20);
        const submittedAt = open ? null : new Date(startedAt.getTime() + minutes * 60_000);
        paper.forEach((q, position) => {
          const chance = 1 / (1 + Math.exp(-(ability - 0.45 * (q.candidate.difficulty - 3))));
          const answered = !open || rand() < 0.5;
          const keys = answered ? answerFor(q.candidate.version, rand() < chance, rand) : null;
          const awarded = open || keys === null ? null : scoreAnswer(keys, q.candidate.version.answer, q.score);
          if (awarded !== null) score += awarded;
          questions.push([
            attempts.length,
            q.candidate.entry.questionId,
            q.candidate.entry.versionId,
            position,
            q.optionOrder,
            q.score,
            answerCodec(q.candidate.version.type).key(q.candidate.version.answer),
            keys === null ? null : encodeAnswer(keys),
            keys === null ? null : new Date(startedAt.getTime() + (position + 1) * 30_000),
            awarded,
          ]);
        });
        const total = roundScore(score);
        attempts.push({
          userId: student.id,
          attemptNo,
          startedAt,
          deadline: new Date(startedAt.getTime() + DURATION_MINUTES * 60_000),
          submittedAt,
          score: open ? null : total,
          passed: open ? null : total >= PASS_SCORE,
          leaveCount: rand() < 0.12 ? 1 + Math.floor(rand() * 3) : 0,
        });
        if (open || total >= PASS_SCORE || rand() > 0.7) break;
        // A retake a few days later, having read the 解析.
        ability += 0.6;
        startedAt = daytime(new Date(startedAt.getTime() + (1 + Math.floor(rand() * 5)) * DAY_MS), rand);
        if (startedAt.getTime() > now.getTime() - 3600_000) break;
      }
    }

    await this.sql.transaction(async (manager) => {
      await this.sql.insertMany(
        manager,
        'exam_attempt',
        [
          'exam_id',
          'user_id',
          'attempt_no',
          'started_at',
          'deadline',
          'submitted_at',
          'auto_submitted',
          'score',
          'passed',
          'leave_count',
        ],
        attempts.map((a) => [
          examId,
          a.userId,
          a.attemptNo,
          a.startedAt,
          a.deadline,
          a.submittedAt,
          false,
          a.score,
          a.passed,
          a.leaveCount,
        ]),
      );
      const ids = await manager.getRepository(ExamAttempt).find({
        where: { examId },
        select: { id: true, userId: true, attemptNo: true },
      });
      const idOf = new Map(ids.map((r) => [`${r.userId}:${r.attemptNo}`, r.id]));
      const attemptIds = attempts.map((a) => idOf.get(`${a.userId}:${a.attemptNo}`)!);
      await this.sql.insertMany(
        manager,
        'attempt_question',
        [
          'attempt_id',
          'question_id',
          'question_version_id',
          'position',
          'option_order',
          'score',
          'answer_key',
          'answer',
          'saved_at',
          'awarded',
        ],
        questions.map(([index, ...rest]) => [attemptIds[index as number], ...rest]),
      );
    });
    return { attempts: attempts.length, inProgress: attempts.filter((a) => a.submittedAt === null).length };
  }

  /** Most freshmen confirmed the letter, from the weeks before the exam opened until now. */
  private async confirmLetter(
    year: number,
    freshmen: Freshman[],
    opensAt: Date,
    now: Date,
    rand: () => number,
  ): Promise<number> {
    const letter = await this.dataSource.getRepository(Letter).findOne({ where: { enrollmentYear: year } });
    if (!letter) return 0;
    const from = opensAt.getTime() - 2 * WEEK_MS;
    const rows = freshmen
      .filter(() => rand() < LETTER_CONFIRMATION)
      .map((f) => [f.id, letter.id, daytime(new Date(from + rand() * (now.getTime() - from - DAY_MS)), rand)]);
    await this.sql.transaction((manager) =>
      this.sql.insertMany(manager, 'letter_confirmation', ['user_id', 'letter_id', 'confirmed_at'], rows),
    );
    return rows.length;
  }

  /** The Friday reports the scheduler would have frozen since the exam opened (at most three). */
  private async fridayReports(opensAt: Date, now: Date): Promise<number> {
    const cutoffs: Date[] = [];
    for (let cutoff = latestCutoff(now); cutoff > opensAt && cutoffs.length < 3;) {
      cutoffs.unshift(cutoff);
      cutoff = new Date(cutoff.getTime() - WEEK_MS);
    }
    for (const cutoff of cutoffs) await this.weeklyReports.generateWeekly(cutoff);
    return cutoffs.length;
  }
}

interface ExamAttemptRow {
  userId: number;
  attemptNo: number;
  startedAt: Date;
  deadline: Date;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
  leaveCount: number;
}

function shuffledBy<T>(items: readonly T[], rand: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The same day between 08:00 and 22:00 Beijing time (UTC+8), when students actually sit it. */
function daytime(at: Date, rand: () => number): Date {
  const beijingMidnight = Math.floor((at.getTime() + 8 * 3600_000) / DAY_MS) * DAY_MS - 8 * 3600_000;
  return new Date(beijingMidnight + (8 + rand() * 14) * 3600_000);
}

function drawPaper(
  candidates: Map<QuestionType, Candidate[]>,
  rand: () => number,
): { candidate: Candidate; score: number; optionOrder: string }[] {
  // Like the exam engine's draw: at most one question of a 互斥组 on a paper.
  const groups = new Set<string>();
  const paper: { candidate: Candidate; score: number; optionOrder: string }[] = [];
  for (const rule of PAPER.rules) {
    let drawn = 0;
    for (const candidate of shuffledBy(candidates.get(rule.type) ?? [], rand)) {
      if (drawn === rule.count) break;
      const { group } = candidate.entry;
      if (group !== null && groups.has(group)) continue;
      if (group !== null) groups.add(group);
      drawn += 1;
      paper.push({
        candidate,
        score: rule.score,
        optionOrder: shuffled(candidate.version.options.map((o) => o.key)).join(''),
      });
    }
  }
  return paper;
}

/** The right keys, or a plausible wrong answer (one wrong key swapped in or left out). */
function answerFor(version: VersionContent, right: boolean, rand: () => number): string[] {
  if (right) return [...version.answer];
  const keys = version.options.map((o) => o.key);
  const wrong = keys.filter((k) => !version.answer.includes(k));
  if (version.type !== QuestionType.Multiple) return [wrong[Math.floor(rand() * wrong.length)] ?? keys[0]!];
  // Multiple choice: usually a correct key missed, sometimes a wrong one ticked as well.
  const chosen = version.answer.filter((_, i) => i !== Math.floor(rand() * version.answer.length));
  if (wrong.length > 0 && (chosen.length === 0 || rand() < 0.4)) chosen.push(wrong[Math.floor(rand() * wrong.length)]!);
  return chosen.sort();
}
