import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  answerCodec,
  isAnswerCorrect,
  type AttemptQuestion,
  type Page,
  type PracticeCheckResult,
  type WrongQuestionDto,
} from '@campus/shared';
import { In, IsNull, type DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { Question } from '../questions/question.entity';
import { QuestionPool } from '../questions/question-pool';
import { shuffled } from './attempt-draw';
import { decodeAnswer, invalidAnswer } from './attempt-answer';
import { AttemptCloseService } from './attempt-close.service';
import type { PracticeCheckDto, PracticeQueryDto, WrongQuestionQueryDto } from './dto/exam.dto';
import { inPracticePool, KeyDisclosure } from './key-disclosure';
import { WrongQuestion } from './wrong-question.entity';

/**
 * 专项练习 and the 错题本. Practice reads the bank and checks one answer at a time; nothing here
 * creates an attempt, so practice never counts toward awareness. Which keys a student may see is
 * KeyDisclosure's to say: practice only draws, and only checks, questions whose key it may show.
 */
@Injectable()
export class PracticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pool: QuestionPool,
    private readonly disclosure: KeyDisclosure,
    private readonly attempts: AttemptCloseService,
  ) {}

  async questions(principal: Principal, query: PracticeQueryDto): Promise<AttemptQuestion[]> {
    const count = query.count ?? 10;
    const keys = await this.disclosure.forStudent(principal);
    let ids: number[];
    if (query.source === 'wrong') {
      const wrong = await this.dataSource
        .getRepository(WrongQuestion)
        .find({ where: { userId: principal.id, masteredAt: IsNull() }, select: { questionId: true } });
      const rows = await this.dataSource.getRepository(Question).find({
        where: { id: In(wrong.map((w) => w.questionId)), ...(query.fraudType ? { fraudType: query.fraudType } : {}) },
        select: { id: true, status: true },
      });
      ids = rows.filter((q) => keys.inPractice(q) === null).map((q) => q.id);
    } else {
      ids = (await this.pool.active({ fraudType: query.fraudType }))
        .filter((e) => keys.inPractice({ id: e.questionId, status: 'active' }) === null)
        .map((e) => e.questionId);
    }
    const chosen = shuffled(ids).slice(0, count);
    if (chosen.length === 0) return [];
    const rows = await this.dataSource.getRepository(Question).find({ where: { id: In(chosen) } });
    const byId = new Map(rows.map((q) => [q.id, q]));
    return chosen
      .map((id) => byId.get(id))
      .filter((q): q is Question => !!q && inPracticePool(q))
      .map((q) => ({ id: q.id, type: q.type, stem: q.stem, options: q.options, score: 0 }));
  }

  /**
   * Checks one answer; a 错题本 question answered right is mastered and leaves the list. A question
   * whose key the student may not see is not checked at all: right-or-wrong alone gives a judge
   * question's key away.
   */
  async check(principal: Principal, body: PracticeCheckDto): Promise<PracticeCheckResult> {
    const question = await this.dataSource.getRepository(Question).findOne({ where: { id: body.questionId } });
    if (!question || !inPracticePool(question)) throw new NotFoundException('题目不存在或不在练习题库中');
    const problem = answerCodec(question.type).validate(
      body.answer,
      question.options.map((o) => o.key),
    );
    if (problem) throw invalidAnswer(problem);
    const withheld = (await this.disclosure.forStudent(principal)).inPractice(question);
    if (withheld) throw new ConflictException(`${withheld}，现在不能练习`);
    const correct = isAnswerCorrect(body.answer, question.answer);
    let mastered = false;
    if (correct) {
      const result = await this.dataSource
        .getRepository(WrongQuestion)
        .update({ userId: principal.id, questionId: question.id, masteredAt: IsNull() }, { masteredAt: new Date() });
      mastered = (result.affected ?? 0) > 0;
    }
    return { correct, answer: question.answer, analysis: question.analysis, mastered };
  }

  /** The 错题本: each key and 解析 shown only as the review of the attempts it came from would show it. */
  async wrongBook(principal: Principal, query: WrongQuestionQueryDto): Promise<Page<WrongQuestionDto>> {
    const now = new Date();
    // An attempt whose time ran out counts as submitted: its review rules apply from now on.
    await this.attempts.finalizeExpired(now, { userId: principal.id });
    const qb = this.dataSource
      .getRepository(WrongQuestion)
      .createQueryBuilder('w')
      .innerJoinAndMapOne('w.question', Question, 'q', 'q.id = w.questionId')
      .where('w.userId = :userId', { userId: principal.id })
      .andWhere('w.masteredAt IS NULL')
      .orderBy('w.lastWrongAt', 'DESC');
    if (query.fraudType) qb.andWhere('q.fraudType = :fraudType', { fraudType: query.fraudType });
    const { skip, take } = pageWindow(query);
    const [rows, total] = await qb.skip(skip).take(take).getManyAndCount();
    const keys = await this.disclosure.forStudent(principal, now);
    return {
      total,
      items: rows.map((w) => {
        const q = (w as WrongQuestion & { question: Question }).question;
        const withheld = keys.inWrongBook(q.id);
        return {
          questionId: q.id,
          type: q.type,
          stem: q.stem,
          options: q.options,
          answer: withheld ? null : q.answer,
          analysis: withheld ? null : q.analysis,
          withheld,
          fraudType: q.fraudType,
          lastAnswer: decodeAnswer(w.lastAnswer),
          wrongCount: w.wrongCount,
          lastWrongAt: w.lastWrongAt.toISOString(),
        };
      }),
    };
  }
}
