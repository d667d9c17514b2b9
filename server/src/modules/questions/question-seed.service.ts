import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stemKey, type QuestionDraft, type SeedResult } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { Sql } from '../../database/sql';
import starterQuestions from '../../database/seeds/content/questions.json';
import { duplicateKey } from './question-import.service';
import { Question } from './question.entity';
import { QuestionPool } from './question-pool';
import { QuestionsService } from './questions.service';

/**
 * The shipped starter bank (≥150 questions over the ten fraud types). Loaded into an empty bank at
 * first start (SEED_CONTENT) or on demand by an admin; only stems not yet in the bank are added.
 */
@Injectable()
export class QuestionSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly questions: QuestionsService,
    private readonly pool: QuestionPool,
  ) {}

  async seed(): Promise<SeedResult> {
    const drafts = starterQuestions as QuestionDraft[];
    const rows = await this.dataSource.getRepository(Question).find({ select: { type: true, stemKey: true } });
    const present = new Set(rows.map((r) => duplicateKey(r.type, r.stemKey)));
    const missing = drafts.filter((d) => !present.has(duplicateKey(d.type, stemKey(d.stem))));
    if (missing.length > 0) {
      await this.sql.transaction((manager) => this.questions.insert(manager, missing));
      this.pool.invalidate();
    }
    return { questions: missing.length };
  }

  async isBankEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Question).count()) === 0;
  }
}
