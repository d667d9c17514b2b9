import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PromptInput, PromptSeedResult } from '@campus/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { Sql } from '../../database/sql';
import starterPrompts from '../../database/seeds/content/prompts.json';
import { promptContentOf, promptFingerprint, SUPERSEDED_PROMPTS } from '../../database/seeds/shipped-content';
import { PromptDelivery } from './prompt-delivery.entity';
import { Prompt } from './prompt.entity';
import { normalisePrompt, PromptsService, type PromptDraft } from './prompts.service';

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
    if (!always && !empty && superseded.length === 0) return { prompts: 0, replaced: 0 };

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
    return { prompts: missing.length, replaced: superseded.length };
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
