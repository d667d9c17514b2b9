import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PromptInput, PromptSeedResult } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { Sql } from '../../database/sql';
import starterPrompts from '../../database/seeds/content/prompts.json';
import { Prompt } from './prompt.entity';
import { normalisePrompt, PromptsService, type PromptDraft } from './prompts.service';

/**
 * The shipped 课前3分钟 library (46 composite cases over all ten fraud types and 其他, each about three
 * minutes with 讲解要点 and a 互动提问; content/prompts.json). Loaded
 * into an empty library at first start (SEED_CONTENT) or on demand by an admin; only titles not yet
 * in the library are added, so loading twice adds nothing.
 */
@Injectable()
export class PromptSeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly prompts: PromptsService,
  ) {}

  async seed(): Promise<PromptSeedResult> {
    const drafts = (starterPrompts as PromptInput[]).map(normalisePrompt);
    const present = await this.prompts.existingTitles(drafts.map((d) => d.title));
    const missing = drafts.filter((d) => !present.has(d.title));
    if (missing.length > 0) await this.sql.transaction((manager) => this.prompts.insert(manager, missing));
    return { prompts: missing.length };
  }

  /** The first shipped prompt: the example row of the import template. */
  example(): PromptDraft {
    return normalisePrompt((starterPrompts as PromptInput[])[0]!);
  }

  async isLibraryEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Prompt).count()) === 0;
  }
}
