import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  normaliseGroup,
  questionProblems,
  stemKey,
  type Page,
  type QuestionDraft,
  type QuestionDto,
  type QuestionStatus,
} from '@campus/shared';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { Sql } from '../../database/sql';
import { containsPattern } from '../../database/like';
import { pageWindow } from '../../common/http/page-query.dto';
import type { QuestionCountQueryDto, QuestionInputDto, QuestionListQueryDto } from './dto/question.dto';
import { QuestionPool } from './question-pool';
import { QuestionVersion } from './question-version.entity';
import { Question } from './question.entity';
import { mapQuestion } from './question.mapper';

/** Trims what people type and checks the question; 400 naming every problem. */
export function normaliseDraft(input: QuestionDraft): QuestionDraft {
  const draft: QuestionDraft = {
    type: input.type,
    stem: input.stem.trim(),
    options: input.options.map((o) => ({ key: o.key, text: o.text.trim() })),
    answer: [...new Set(input.answer)].sort(),
    analysis: input.analysis.trim(),
    fraudType: input.fraudType,
    difficulty: input.difficulty,
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    group: normaliseGroup(input.group),
  };
  const problems = questionProblems(draft);
  if (problems.length > 0) {
    throw new BadRequestException({
      message: problems[0],
      errors: problems.map((message) => ({ field: 'question', message })),
    });
  }
  return draft;
}

@Injectable()
export class QuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly pool: QuestionPool,
  ) {}

  async list(query: QuestionListQueryDto): Promise<Page<QuestionDto>> {
    const { skip, take } = pageWindow(query);
    const [rows, total] = await this.filtered(query).orderBy('q.id', 'DESC').skip(skip).take(take).getManyAndCount();
    return { items: rows.map(mapQuestion), total };
  }

  /** Every question matching the filters, oldest first: for exports. */
  all(query: QuestionListQueryDto): Promise<Question[]> {
    return this.filtered(query).orderBy('q.id', 'ASC').getMany();
  }

  private filtered(query: QuestionListQueryDto) {
    const qb = this.dataSource.getRepository(Question).createQueryBuilder('q');
    if (query.type) qb.andWhere('q.type = :type', { type: query.type });
    if (query.fraudType) qb.andWhere('q.fraudType = :fraudType', { fraudType: query.fraudType });
    if (query.difficulty) qb.andWhere('q.difficulty = :difficulty', { difficulty: query.difficulty });
    if (query.status) qb.andWhere('q.status = :status', { status: query.status });
    if (query.group?.trim()) qb.andWhere('q.exclusionGroup = :group', { group: query.group.trim() });
    if (query.ids) qb.andWhere('q.id IN (:...ids)', { ids: query.ids.split(',').map(Number) });
    if (query.q?.trim()) {
      const like = containsPattern(query.q);
      qb.andWhere(new Brackets((w) => w.where('q.stem LIKE :like', { like }).orWhere('q.tags LIKE :like', { like })));
    }
    return qb;
  }

  async get(id: number): Promise<QuestionDto> {
    return mapQuestion(await this.find(id));
  }

  private async find(id: number, manager: EntityManager = this.dataSource.manager): Promise<Question> {
    const question = await manager.findOne(Question, { where: { id } });
    if (!question) throw new NotFoundException('题目不存在');
    return question;
  }

  async create(input: QuestionInputDto): Promise<QuestionDto> {
    const draft = normaliseDraft(input);
    const duplicate = await this.dataSource
      .getRepository(Question)
      .findOne({ where: { type: draft.type, stemKey: stemKey(draft.stem) } });
    if (duplicate) throw new ConflictException(`题库中已有相同题干的题目（编号 ${duplicate.id}）`);
    const saved = await this.sql.transaction((manager) => this.insert(manager, [draft]));
    this.pool.invalidate();
    return mapQuestion(saved[0]!);
  }

  /** Inserts questions with their first versions (used by create, import and the starter bank). */
  async insert(manager: EntityManager, drafts: QuestionDraft[]): Promise<Question[]> {
    const saved: Question[] = [];
    for (const draft of drafts) {
      const question = await manager.save(
        Question,
        manager.create(Question, {
          ...draft,
          tags: draft.tags ?? [],
          exclusionGroup: normaliseGroup(draft.group),
          stemKey: stemKey(draft.stem),
          status: 'active',
          version: 1,
        }),
      );
      const version = await manager.save(
        QuestionVersion,
        manager.create(QuestionVersion, { ...draft, questionId: question.id, version: 1 }),
      );
      question.currentVersionId = version.id;
      await manager.update(Question, { id: question.id }, { currentVersionId: version.id });
      saved.push(question);
    }
    return saved;
  }

  /** An edit writes a new version; attempts keep pointing at the version they showed. */
  async update(id: number, input: QuestionInputDto): Promise<QuestionDto> {
    const draft = normaliseDraft(input);
    const updated = await this.sql.transaction(async (manager) => {
      const question = await this.find(id, manager);
      const duplicate = await manager.findOne(Question, { where: { type: draft.type, stemKey: stemKey(draft.stem) } });
      if (duplicate && duplicate.id !== id)
        throw new ConflictException(`题库中已有相同题干的题目（编号 ${duplicate.id}）`);
      const version = question.version + 1;
      const row = await manager.save(
        QuestionVersion,
        manager.create(QuestionVersion, { ...draft, questionId: id, version }),
      );
      Object.assign(question, {
        ...draft,
        tags: draft.tags ?? [],
        exclusionGroup: normaliseGroup(draft.group),
        stemKey: stemKey(draft.stem),
        version,
        currentVersionId: row.id,
      });
      return manager.save(Question, question);
    });
    this.pool.invalidate();
    return mapQuestion(updated);
  }

  async setStatus(id: number, status: QuestionStatus): Promise<QuestionDto> {
    const question = await this.find(id);
    question.status = status;
    const saved = await this.dataSource.getRepository(Question).save(question);
    this.pool.invalidate();
    return mapQuestion(saved);
  }

  /** Every 互斥组 in use, for the editor's autocomplete. */
  async groups(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(Question)
      .createQueryBuilder('q')
      .select('DISTINCT q.exclusionGroup', 'grp')
      .where('q.exclusionGroup IS NOT NULL')
      .orderBy('grp', 'ASC')
      .getRawMany<{ grp: string }>();
    return rows.map((r) => r.grp);
  }

  async count(query: QuestionCountQueryDto): Promise<{ count: number }> {
    return { count: (await this.pool.active(query)).length };
  }
}
