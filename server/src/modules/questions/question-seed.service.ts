import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isRandomPaper, normaliseGroup, stemKey, type QuestionDraft, type SeedResult } from '@campus/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Sql } from '../../database/sql';
import starterQuestions from '../../database/seeds/content/questions.json';
import { questionFingerprint, SUPERSEDED_QUESTIONS } from '../../database/seeds/shipped-content';
import { AttemptQuestion } from '../exams/attempt-question.entity';
import { Exam } from '../exams/exam.entity';
import { WrongQuestion } from '../exams/wrong-question.entity';
import { ItemMoment } from '../stats/item-moment.entity';
import { duplicateKey } from './question-import.service';
import { QuestionVersion } from './question-version.entity';
import { Question } from './question.entity';
import { QuestionPool } from './question-pool';
import { QuestionsService } from './questions.service';

/**
 * The shipped starter bank (content/questions.json, ≥180 questions over the ten fraud types). Loaded
 * into an empty bank at first start (SEED_CONTENT) or on demand by an admin; only stems not yet in
 * the bank are added.
 *
 * It also upgrades a bank seeded by an earlier release: a row that still holds, unedited, a question
 * an earlier release shipped (content/superseded.json) is replaced. One that attempts, 错题本 entries,
 * item statistics or a fixed paper point at is kept for them and retired (or, when the new bank
 * rewrote the same stem, given the new text as its next version, as an edit would); one nothing
 * points at is removed. A question a college wrote or edited never matches and is never touched.
 */
@Injectable()
export class QuestionSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly questions: QuestionsService,
    private readonly pool: QuestionPool,
  ) {}

  /** The 载入内置题库 button: replaces superseded shipped questions and adds the missing ones. */
  async seed(): Promise<SeedResult> {
    const result = await this.sql.transaction((manager) => this.upgradeIn(manager, true));
    this.pool.invalidate();
    return result;
  }

  /**
   * At start-up: fills an empty bank, and upgrades one that still holds shipped questions of an
   * earlier release. A bank with neither is left as the college keeps it.
   */
  async seedAtStart(): Promise<SeedResult> {
    const result = await this.sql.transaction((manager) => this.upgradeIn(manager, false));
    if (result.questions > 0 || result.replaced > 0) this.pool.invalidate();
    return result;
  }

  async isBankEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Question).count()) === 0;
  }

  private async upgradeIn(manager: EntityManager, always: boolean): Promise<SeedResult> {
    const drafts = starterQuestions as QuestionDraft[];
    const superseded = await this.supersededRows(manager);
    const empty = (await manager.count(Question)) === 0;
    if (!always && !empty && superseded.length === 0) return { questions: 0, replaced: 0 };

    const shippedByKey = new Map(drafts.map((d) => [duplicateKey(d.type, stemKey(d.stem)), d]));
    const used = await this.referencedIds(
      manager,
      superseded.map((q) => q.id),
    );
    for (const row of superseded) {
      const next = shippedByKey.get(duplicateKey(row.type, row.stemKey));
      if (next && used.has(row.id)) await this.revise(manager, row, next);
      else if (used.has(row.id)) await manager.update(Question, { id: row.id }, { status: 'retired' });
      else {
        await manager.delete(QuestionVersion, { questionId: row.id });
        await manager.delete(Question, { id: row.id });
      }
    }

    const rows = await manager.find(Question, { select: { type: true, stemKey: true } });
    const present = new Set(rows.map((r) => duplicateKey(r.type, r.stemKey)));
    const missing = drafts.filter((d) => !present.has(duplicateKey(d.type, stemKey(d.stem))));
    if (missing.length > 0) await this.questions.insert(manager, missing);
    return { questions: missing.length, replaced: superseded.length };
  }

  /** Active rows holding, unedited, a question an earlier release shipped. */
  private async supersededRows(manager: EntityManager): Promise<Question[]> {
    const wanted = new Set(SUPERSEDED_QUESTIONS.map((q) => q.fingerprint));
    const keys = [...new Set(SUPERSEDED_QUESTIONS.map((q) => q.stemKey))];
    const found: Question[] = [];
    for (let i = 0; i < keys.length; i += 200) {
      const rows = await manager.find(Question, { where: { stemKey: In(keys.slice(i, i + 200)), status: 'active' } });
      found.push(...rows.filter((row) => wanted.has(questionFingerprint(row))));
    }
    return found;
  }

  /**
   * Which of these questions something points at: an attempt's paper (exams and practice), a
   * 错题本 entry, folded item statistics, or an exam's fixed paper. Those stay for review and
   * statistics; read here, in the transaction that retires or removes them.
   */
  private async referencedIds(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    const used = new Set<number>();
    if (ids.length === 0) return used;
    for (let i = 0; i < ids.length; i += 200) {
      const chunk = ids.slice(i, i + 200);
      for (const entity of [AttemptQuestion, WrongQuestion, ItemMoment]) {
        const rows = await manager
          .createQueryBuilder(entity, 'r')
          .select('DISTINCT r.questionId', 'questionId')
          .where('r.questionId IN (:...chunk)', { chunk })
          .getRawMany<{ questionId: number | string }>();
        for (const row of rows) used.add(Number(row.questionId));
      }
    }
    const wanted = new Set(ids);
    for (const exam of await manager.find(Exam, { select: { id: true, paper: true } })) {
      if (isRandomPaper(exam.paper)) continue;
      for (const id of exam.paper.questionIds) if (wanted.has(id)) used.add(id);
    }
    return used;
  }

  /** The shipped rewrite of the same stem becomes the question's next version, as an edit would. */
  private async revise(manager: EntityManager, row: Question, next: QuestionDraft): Promise<void> {
    const version = row.version + 1;
    const saved = await manager.save(
      QuestionVersion,
      manager.create(QuestionVersion, { ...next, questionId: row.id, version }),
    );
    Object.assign(row, {
      stem: next.stem,
      stemKey: stemKey(next.stem),
      options: next.options,
      answer: next.answer,
      analysis: next.analysis,
      fraudType: next.fraudType,
      difficulty: next.difficulty,
      tags: next.tags ?? [],
      exclusionGroup: normaliseGroup(next.group),
      version,
      currentVersionId: saved.id,
    });
    await manager.save(Question, row);
  }
}
