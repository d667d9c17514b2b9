import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FraudType, QuestionOption, QuestionType } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { TtlCache } from '../../common/cache/ttl-cache';
import { Clock } from '../../common/clock/clock';
import { CacheBus } from '../../common/cluster/cache-bus';
import { QuestionVersion } from './question-version.entity';
import { Question } from './question.entity';

export interface PoolFilter {
  type?: QuestionType;
  fraudType?: FraudType;
  difficulty?: number;
}

export interface PoolEntry {
  questionId: number;
  versionId: number;
  /** 互斥组: a drawn paper holds at most one question of a group. */
  group: string | null;
}

/** What a student is shown and scored against; immutable once written. */
export interface VersionContent {
  id: number;
  questionId: number;
  type: QuestionType;
  stem: string;
  options: QuestionOption[];
  answer: string[];
  analysis: string;
  fraudType: FraudType;
}

const POOL_TTL_MS = 60_000;
const VERSION_CACHE_LIMIT = 20_000;

/**
 * The exam engine's view of the bank. On exam day thousands of students start within minutes, each
 * drawing a paper: the active questions matching a rule are cached briefly (and dropped at once when
 * the bank changes on this instance), and version content — immutable — is cached for good.
 */
@Injectable()
export class QuestionPool {
  private readonly pools: TtlCache<string, PoolEntry[]>;
  private readonly versions = new Map<number, VersionContent>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: CacheBus,
    clock: Clock,
  ) {
    this.pools = new TtlCache({ ttlMs: POOL_TTL_MS, clock });
    bus.on((message) => {
      if (message.kind === 'questions') this.pools.clear();
    });
  }

  async active(filter: PoolFilter): Promise<PoolEntry[]> {
    const key = `${filter.type ?? ''}|${filter.fraudType ?? ''}|${filter.difficulty ?? ''}`;
    // One query however many starts miss at once (the pool expires under a stream of starts).
    return this.pools.getOrLoad(key, async () => {
      const where: Record<string, unknown> = { status: 'active' };
      if (filter.type) where.type = filter.type;
      if (filter.fraudType) where.fraudType = filter.fraudType;
      if (filter.difficulty) where.difficulty = filter.difficulty;
      const rows = await this.dataSource
        .getRepository(Question)
        .find({ where, select: { id: true, currentVersionId: true, exclusionGroup: true }, order: { id: 'ASC' } });
      return rows
        .filter((r) => r.currentVersionId !== null)
        .map((r) => ({ questionId: r.id, versionId: r.currentVersionId!, group: r.exclusionGroup }));
    });
  }

  /** The bank changed: every instance redraws its pools. Versions are immutable and stay cached. */
  /** The current version of each question that still has one (a fixed paper is drawn from these). */
  async currentVersionIds(questionIds: readonly number[]): Promise<Map<number, number>> {
    if (questionIds.length === 0) return new Map();
    const rows = await this.dataSource
      .getRepository(Question)
      .find({ where: { id: In([...questionIds]) }, select: { id: true, currentVersionId: true } });
    return new Map(rows.flatMap((r) => (r.currentVersionId ? [[r.id, r.currentVersionId] as const] : [])));
  }

  invalidate(): void {
    this.bus.publish({ kind: 'questions' });
  }

  async versionsById(ids: readonly number[]): Promise<Map<number, VersionContent>> {
    const result = new Map<number, VersionContent>();
    const missing: number[] = [];
    for (const id of ids) {
      const hit = this.versions.get(id);
      if (hit) result.set(id, hit);
      else missing.push(id);
    }
    if (missing.length > 0) {
      const rows = await this.dataSource.getRepository(QuestionVersion).find({ where: { id: In(missing) } });
      if (this.versions.size + rows.length > VERSION_CACHE_LIMIT) this.versions.clear();
      for (const row of rows) {
        const content: VersionContent = {
          id: row.id,
          questionId: row.questionId,
          type: row.type,
          stem: row.stem,
          options: row.options,
          answer: row.answer,
          analysis: row.analysis,
          fraudType: row.fraudType,
        };
        this.versions.set(row.id, content);
        result.set(row.id, content);
      }
    }
    return result;
  }
}
