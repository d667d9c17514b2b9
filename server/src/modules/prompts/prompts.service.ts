import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  COMPOSITE_SOURCE_LABEL,
  Permission,
  hasPermission,
  promptProblems,
  resolveSourceKind,
  type Page,
  type PromptDto,
  type PromptInput,
  type PromptProblem,
  type PromptStatus,
} from '@campus/shared';
import { Brackets, In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { pageWindow } from '../../common/http/page-query.dto';
import { containsPattern } from '../../database/like';
import { Sql } from '../../database/sql';
import type { PromptListQueryDto } from './dto/prompt.dto';
import { isExpired, mapPrompt } from './prompt.mapper';
import { Prompt } from './prompt.entity';

/** A prompt as it will be stored: trimmed, checked, with its expiry as an instant. */
export interface PromptDraft
  extends
    Omit<Required<PromptInput>, 'expiresAt' | 'sourceDate' | 'discussion'>,
    Pick<Prompt, 'discussionQuestion' | 'discussionAnswer'> {
  sourceDate: string | null;
  expiresAt: Date | null;
}

/** A prompt trimmed as people type it, and what is wrong with it (empty when it can be stored). */
export function checkPrompt(input: PromptInput): { draft: PromptDraft; problems: PromptProblem[] } {
  const clean = (items: string[]) => items.map((item) => item.trim()).filter(Boolean);
  const question = input.discussion?.question.trim() ?? '';
  const answer = input.discussion?.answer.trim() ?? '';
  const trimmed: PromptInput = {
    title: input.title.trim(),
    story: input.story.trim(),
    warningSigns: clean(input.warningSigns),
    actions: clean(input.actions),
    takeaway: input.takeaway.trim(),
    fraudType: input.fraudType,
    tags: [...new Set(clean(input.tags ?? []))],
    teachingPoints: clean(input.teachingPoints ?? []),
    discussion: question || answer ? { question, answer } : null,
    sourceKind: input.sourceKind,
    sourceIssuer: (input.sourceIssuer ?? '').trim(),
    source: (input.source ?? '').trim(),
    sourceDate: input.sourceDate?.trim() || null,
    expiresAt: input.expiresAt?.trim() || null,
  };
  const problems = promptProblems(trimmed);
  const expiresAt =
    trimmed.expiresAt && problems.every((p) => p.field !== 'expiresAt') ? new Date(trimmed.expiresAt) : null;
  const sourceKind = resolveSourceKind(trimmed);
  const draft: PromptDraft = {
    title: trimmed.title,
    story: trimmed.story,
    warningSigns: trimmed.warningSigns,
    actions: trimmed.actions,
    takeaway: trimmed.takeaway,
    fraudType: trimmed.fraudType,
    tags: trimmed.tags ?? [],
    teachingPoints: trimmed.teachingPoints ?? [],
    discussionQuestion: question,
    discussionAnswer: answer,
    sourceKind,
    sourceIssuer: trimmed.sourceIssuer ?? '',
    // A composite case always shows the same honest line, whether the body left it empty or not.
    source: sourceKind === 'composite' ? COMPOSITE_SOURCE_LABEL : (trimmed.source ?? ''),
    sourceDate: trimmed.sourceDate ?? null,
    expiresAt,
  };
  return { draft, problems };
}

/** The checked prompt, or 400 naming every problem with its field. */
export function normalisePrompt(input: PromptInput): PromptDraft {
  const { draft, problems } = checkPrompt(input);
  if (problems.length > 0) throw new BadRequestException({ message: problems[0]!.message, errors: problems });
  return draft;
}

/** Whether the caller manages the library (sees retired and expired prompts) or only gives talks. */
function managesLibrary(principal: Principal): boolean {
  return hasPermission(principal.role, Permission.PromptManage);
}

@Injectable()
export class PromptsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
  ) {}

  async list(principal: Principal, query: PromptListQueryDto): Promise<Page<PromptDto>> {
    const { skip, take } = pageWindow(query);
    const now = new Date();
    const qb = this.filtered(query, now);
    if (!managesLibrary(principal)) availableOnly(qb, now);
    const [rows, total] = await qb.orderBy('p.id', 'DESC').skip(skip).take(take).getManyAndCount();
    return { items: rows.map((row) => mapPrompt(row, now)), total };
  }

  /** Every prompt matching the filters, oldest first: for the Excel export. */
  all(query: PromptListQueryDto): Promise<Prompt[]> {
    return this.filtered(query, new Date()).orderBy('p.id', 'ASC').getMany();
  }

  private filtered(query: PromptListQueryDto, now: Date): SelectQueryBuilder<Prompt> {
    const qb = this.dataSource.getRepository(Prompt).createQueryBuilder('p');
    if (query.fraudType) qb.andWhere('p.fraudType = :fraudType', { fraudType: query.fraudType });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.availability === 'available') availableOnly(qb, now);
    if (query.availability === 'expired') qb.andWhere('p.expiresAt <= :now', { now });
    if (query.q?.trim()) {
      const like = containsPattern(query.q);
      qb.andWhere(
        new Brackets((w) =>
          w
            .where('p.title LIKE :like', { like })
            .orWhere('p.story LIKE :like', { like })
            .orWhere('p.takeaway LIKE :like', { like })
            .orWhere('p.tags LIKE :like', { like }),
        ),
      );
    }
    return qb;
  }

  /** Teachers reach only prompts that can be given; a retired or expired one is "gone" to them. */
  async get(principal: Principal, id: number): Promise<PromptDto> {
    const prompt = await this.find(id);
    const now = new Date();
    if (!managesLibrary(principal) && (prompt.status !== 'active' || isExpired(prompt, now))) {
      throw new NotFoundException('这条提示已停用或已过期');
    }
    return mapPrompt(prompt, now);
  }

  async find(id: number, manager: EntityManager = this.dataSource.manager): Promise<Prompt> {
    const prompt = await manager.findOne(Prompt, { where: { id } });
    if (!prompt) throw new NotFoundException('提示不存在');
    return prompt;
  }

  async create(input: PromptInput): Promise<PromptDto> {
    const draft = normalisePrompt(input);
    await this.assertTitleFree(draft.title);
    const [saved] = await this.sql.transaction((manager) => this.insert(manager, [draft]));
    return mapPrompt(saved!);
  }

  async update(id: number, input: PromptInput): Promise<PromptDto> {
    const draft = normalisePrompt(input);
    const prompt = await this.find(id);
    await this.assertTitleFree(draft.title, id);
    Object.assign(prompt, draft);
    return mapPrompt(await this.dataSource.getRepository(Prompt).save(prompt));
  }

  async setStatus(id: number, status: PromptStatus): Promise<PromptDto> {
    const prompt = await this.find(id);
    prompt.status = status;
    return mapPrompt(await this.dataSource.getRepository(Prompt).save(prompt));
  }

  /** Inserts new prompts (create, import and the shipped library). */
  insert(manager: EntityManager, drafts: PromptDraft[]): Promise<Prompt[]> {
    return manager.save(
      Prompt,
      drafts.map((draft) => manager.create(Prompt, { ...draft, status: 'active' })),
    );
  }

  /** Which of these titles the library already has, mapped to the prompt's id. */
  async existingTitles(titles: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < titles.length; i += 500) {
      const rows = await this.dataSource
        .getRepository(Prompt)
        .find({ where: { title: In(titles.slice(i, i + 500)) }, select: { id: true, title: true } });
      for (const row of rows) found.set(row.title, row.id);
    }
    return found;
  }

  private async assertTitleFree(title: string, ownId?: number): Promise<void> {
    const other = (await this.existingTitles([title])).get(title);
    if (other !== undefined && other !== ownId) throw new ConflictException(`提示库中已有同名提示（编号 ${other}）`);
  }
}

/** Active and not expired: what a teacher may be offered and may log. */
export function availableOnly<T extends SelectQueryBuilder<Prompt>>(qb: T, now: Date, alias = 'p'): T {
  qb.andWhere(`${alias}.status = 'active'`).andWhere(
    new Brackets((w) => w.where(`${alias}.expiresAt IS NULL`).orWhere(`${alias}.expiresAt > :now`, { now })),
  );
  return qb;
}
