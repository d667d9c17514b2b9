import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stemKey, type PromptInput, type PromptSeedResult } from '@campus/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { AppSetting } from '../../database/app-setting.entity';
import { Sql } from '../../database/sql';
import shippedQuickQuestions from '../../database/seeds/content/prompt-quick-questions.json';
import starterPrompts from '../../database/seeds/content/prompts.json';
import { Question } from '../questions/question.entity';
import { PromptQuickQuestion } from '../quick-quiz/prompt-quick-question.entity';
import { QuickQuestionService } from '../quick-quiz/quick-question.service';
import { promptContentOf, promptFingerprint, SUPERSEDED_PROMPTS } from '../../database/seeds/shipped-content';
import { PromptDelivery } from './prompt-delivery.entity';
import { Prompt } from './prompt.entity';
import { normalisePrompt, PromptsService, type PromptDraft } from './prompts.service';

/** Set once the shipped 快问 questions were linked to a library seeded before 课堂快问 existed. */
const QUICK_QUESTIONS_LINKED = 'content.quick-questions-linked';

/** Appended to the title of a delivered old prompt whose title the new library reuses. */
const OLD_EDITION = '（旧版）';
const TITLE_MAX = 100;

/**
 * The shipped 课前3分钟 library (content/prompts.json: composite cases over all ten fraud types and
 * 其他, each about three minutes with 讲解要点 and a 互动提问). Loaded into an empty library at first
 * start (SEED_CONTENT) or on demand by an admin; only titles not yet in the library are added, so
 * loading twice adds nothing.
 *
 * It also upgrades a library seeded by an earlier release: a prompt that still holds, unedited, a
 * talk an earlier release shipped (content/superseded.json) is replaced. One a class has heard stays
 * for the deliveries that point at it, retired (with 「（旧版）」 after its title when the new library
 * reuses the title, since titles are unique); one never delivered is removed. A prompt a college wrote
 * or edited never matches and is never touched.
 */
@Injectable()
export class PromptSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly prompts: PromptsService,
    private readonly quickQuestions: QuickQuestionService,
  ) {}

  /** The 载入内置提示 button: replaces superseded shipped prompts and adds the missing ones. */
  seed(): Promise<PromptSeedResult> {
    return this.sql.transaction((manager) => this.upgradeIn(manager, true));
  }

  /**
   * At start-up: fills an empty library, and upgrades one that still holds shipped prompts of an
   * earlier release. A library with neither is left as the college keeps it.
   */
  seedAtStart(): Promise<PromptSeedResult> {
    return this.sql.transaction((manager) => this.upgradeIn(manager, false));
  }

  /** The first shipped prompt: the example row of the import template. */
  example(): PromptDraft {
    return normalisePrompt((starterPrompts as PromptInput[])[0]!);
  }

  async isLibraryEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Prompt).count()) === 0;
  }

  private async upgradeIn(manager: EntityManager, always: boolean): Promise<PromptSeedResult> {
    const drafts = (starterPrompts as PromptInput[]).map(normalisePrompt);
    const superseded = await this.supersededRows(manager);
    const empty = (await manager.count(Prompt)) === 0;
    if (!always && !empty && superseded.length === 0) {
      await this.linkQuickQuestions(manager, new Set());
      return { prompts: 0, replaced: 0 };
    }

    const shippedTitles = new Set(drafts.map((d) => d.title));
    const delivered = await this.deliveredIds(
      manager,
      superseded.map((p) => p.id),
    );
    for (const row of superseded) {
      if (!delivered.has(row.id)) {
        await manager.delete(Prompt, { id: row.id });
        continue;
      }
      const title = shippedTitles.has(row.title)
        ? `${Array.from(row.title)
            .slice(0, TITLE_MAX - OLD_EDITION.length)
            .join('')}${OLD_EDITION}`
        : row.title;
      await manager.update(Prompt, { id: row.id }, { status: 'retired', title });
    }

    const present = new Set(
      (await manager.find(Prompt, { where: { title: In([...shippedTitles]) }, select: { title: true } })).map(
        (p) => p.title,
      ),
    );
    const missing = drafts.filter((d) => !present.has(d.title));
    if (missing.length > 0) await this.prompts.insert(manager, missing);
    await this.linkQuickQuestions(manager, new Set(missing.map((d) => d.title)));
    return { prompts: missing.length, replaced: superseded.length };
  }

  /**
   * Gives shipped prompts their 快问 questions (content/prompt-quick-questions.json names each by its
   * stem in the shipped bank): the prompts just added, and once, every shipped prompt of a library
   * seeded before 课堂快问 existed. A prompt that already has 快问 questions, or whose choice a manager
   * has since changed, is left alone.
   */
  private async linkQuickQuestions(manager: EntityManager, added: Set<string>): Promise<void> {
    const upgraded = (await manager.countBy(AppSetting, { key: QUICK_QUESTIONS_LINKED })) > 0;
    const wanted = (shippedQuickQuestions as Array<{ prompt: string; questions: string[] }>).filter(
      (entry) => !upgraded || added.has(entry.prompt),
    );
    if (wanted.length > 0) {
      const prompts = await manager.find(Prompt, {
        where: { title: In(wanted.map((e) => e.prompt)), status: 'active' },
        select: { id: true, title: true },
      });
      const linked = new Set(
        (await manager.find(PromptQuickQuestion, { where: { promptId: In(prompts.map((p) => p.id)) } })).map(
          (l) => l.promptId,
        ),
      );
      const keys = wanted.flatMap((e) => e.questions.map(stemKey));
      const questions = await manager.find(Question, {
        where: { stemKey: In(keys), status: 'active' },
        select: { id: true, stemKey: true },
      });
      const byKey = new Map(questions.map((q) => [q.stemKey, q.id]));
      const byTitle = new Map(wanted.map((e) => [e.prompt, e.questions]));
      for (const prompt of prompts) {
        if (linked.has(prompt.id)) continue;
        const ids = (byTitle.get(prompt.title) ?? []).flatMap((stem) => byKey.get(stemKey(stem)) ?? []);
        await this.quickQuestions.link(manager, prompt.id, ids);
      }
    }
    if (!upgraded) await manager.insert(AppSetting, { key: QUICK_QUESTIONS_LINKED, value: new Date().toISOString() });
  }

  /** Active prompts holding, unedited, a talk an earlier release shipped. */
  private async supersededRows(manager: EntityManager): Promise<Prompt[]> {
    const wanted = new Set(SUPERSEDED_PROMPTS.map((p) => p.fingerprint));
    const titles = [...new Set(SUPERSEDED_PROMPTS.map((p) => p.title))];
    const found: Prompt[] = [];
    for (let i = 0; i < titles.length; i += 200) {
      const rows = await manager.find(Prompt, { where: { title: In(titles.slice(i, i + 200)), status: 'active' } });
      found.push(...rows.filter((row) => wanted.has(promptFingerprint(promptContentOf(row)))));
    }
    return found;
  }

  /** Which of these prompts a class has heard: those stay, retired, for the history. */
  private async deliveredIds(manager: EntityManager, ids: number[]): Promise<Set<number>> {
    const used = new Set<number>();
    for (let i = 0; i < ids.length; i += 200) {
      const rows = await manager
        .createQueryBuilder(PromptDelivery, 'd')
        .select('DISTINCT d.promptId', 'promptId')
        .where('d.promptId IN (:...chunk)', { chunk: ids.slice(i, i + 200) })
        .getRawMany<{ promptId: number | string }>();
      for (const row of rows) used.add(Number(row.promptId));
    }
    return used;
  }
}
