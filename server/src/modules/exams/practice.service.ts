import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
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
import { decodeAnswer, encodeAnswer } from './attempt.service';
import type { PracticeCheckDto, PracticeQueryDto, WrongQuestionQueryDto } from './dto/exam.dto';
import { WrongQuestion } from './wrong-question.entity';

/**
 * 专项练习 and the 错题本. Practice reads the bank and checks one answer at a time; nothing here
 * creates an attempt, so practice never counts toward awareness.
 */
@Injectable()
export class PracticeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pool: QuestionPool,
  ) {}

  async questions(principal: Principal, query: PracticeQueryDto): Promise<AttemptQuestion[]> {
    const count = query.count ?? 10;
    let ids: number[];
    if (query.source === 'wrong') {
      const wrong = await this.dataSource
        .getRepository(WrongQuestion)
        .find({ where: { userId: principal.id, masteredAt: IsNull() }, select: { questionId: true } });
      ids = wrong.map((w) => w.questionId);
      if (query.fraudType) {
        const ofType = await this.dataSource
          .getRepository(Question)
          .find({ where: { id: In(ids), fraudType: query.fraudType }, select: { id: true } });
        ids = ofType.map((q) => q.id);
      }
    } else {
      ids = (await this.pool.active({ fraudType: query.fraudType })).map((e) => e.questionId);
    }
    const chosen = shuffled(ids).slice(0, count);
    if (chosen.length === 0) return [];
    const rows = await this.dataSource.getRepository(Question).find({ where: { id: In(chosen) } });
    const byId = new Map(rows.map((q) => [q.id, q]));
    return chosen
      .map((id) => byId.get(id))
      .filter((q): q is Question => !!q)
      .map((q) => ({ id: q.id, type: q.type, stem: q.stem, options: q.options, score: 0 }));
  }

  /** Checks one answer; a 错题本 question answered right is mastered and leaves the list. */
  async check(principal: Principal, body: PracticeCheckDto): Promise<PracticeCheckResult> {
    encodeAnswer(body.answer);
    const question = await this.dataSource.getRepository(Question).findOne({ where: { id: body.questionId } });
    if (!question) throw new NotFoundException('题目不存在');
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

  async wrongBook(principal: Principal, query: WrongQuestionQueryDto): Promise<Page<WrongQuestionDto>> {
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
    return {
      total,
      items: rows.map((w) => {
        const q = (w as WrongQuestion & { question: Question }).question;
        return {
          questionId: q.id,
          type: q.type,
          stem: q.stem,
          options: q.options,
          answer: q.answer,
          analysis: q.analysis,
          fraudType: q.fraudType,
          lastAnswer: decodeAnswer(w.lastAnswer),
          wrongCount: w.wrongCount,
          lastWrongAt: w.lastWrongAt.toISOString(),
        };
      }),
    };
  }
}
