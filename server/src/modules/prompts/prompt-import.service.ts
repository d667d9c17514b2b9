import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import type { PromptImportIssue, PromptImportResult } from '@campus/shared';
import { readTabularFile } from '../../common/files/tabular-file';
import { Sql } from '../../database/sql';
import { MAX_IMPORT_ROWS, PROMPT_COLUMNS, readPromptSheet } from './prompt-excel';
import { checkPrompt, PromptsService, type PromptDraft } from './prompts.service';

/**
 * Imports prompts from the platform's workbook (.xlsx, or a CSV Excel saved). Every row is checked
 * with the library's own rules; with any error nothing is written and each error names its row and
 * column. Titles already in the library, or repeated in the file, are reported and not doubled.
 */
@Injectable()
export class PromptImportService {
  constructor(
    private readonly sql: Sql,
    private readonly prompts: PromptsService,
  ) {}

  async import(file: Buffer, dryRun: boolean): Promise<PromptImportResult> {
    const sheet = readPromptSheet(
      // Read a little past the import limit so the count below can name the real number of rows.
      await readTabularFile(file, { maxRows: MAX_IMPORT_ROWS * 5 }),
    );
    if (sheet.rows.length === 0) throw new UnprocessableEntityException('文件中只有表头，没有提示');
    if (sheet.rows.length > MAX_IMPORT_ROWS) {
      throw new UnprocessableEntityException(
        `一次最多导入 ${MAX_IMPORT_ROWS} 条提示，文件中有 ${sheet.rows.length} 条，请分批导入`,
      );
    }

    const errors: PromptImportIssue[] = [...sheet.errors];
    const duplicates: PromptImportIssue[] = [];
    const accepted: PromptDraft[] = [];
    const inLibrary = await this.prompts.existingTitles(sheet.rows.map((r) => r.input.title.trim()).filter(Boolean));
    const firstRowOf = new Map<string, number>();
    const reported = new Set(errors.map((e) => `${e.row}|${e.column}`));

    for (const { row, input } of sheet.rows) {
      const { draft, problems } = checkPrompt(input);
      // A cell already reported while reading (e.g. an unknown fraud type) is not reported twice.
      const fresh = problems.filter((p) => !reported.has(`${row}|${PROMPT_COLUMNS[p.field]}`));
      errors.push(...fresh.map((p) => ({ row, column: PROMPT_COLUMNS[p.field], message: p.message })));
      if (problems.length > 0 || errors.some((e) => e.row === row)) continue;

      const existing = inLibrary.get(draft.title);
      const earlier = firstRowOf.get(draft.title);
      if (existing !== undefined)
        duplicates.push({
          row,
          column: PROMPT_COLUMNS.title,
          message: `提示库中已有同名提示（编号 ${existing}），未重复导入`,
        });
      else if (earlier !== undefined)
        duplicates.push({ row, column: PROMPT_COLUMNS.title, message: `与第 ${earlier} 行标题相同，未重复导入` });
      else {
        firstRowOf.set(draft.title, row);
        accepted.push(draft);
      }
    }

    errors.sort((a, b) => a.row - b.row);
    const result: PromptImportResult = { dryRun, created: accepted.length, duplicates, errors };
    if (errors.length > 0) {
      const rows = new Set(errors.map((e) => e.row)).size;
      throw new UnprocessableEntityException({
        message: `有 ${rows} 行存在错误，未导入任何提示，请修改后重新上传`,
        ...result,
        created: 0,
      });
    }
    if (!dryRun && accepted.length > 0) await this.sql.transaction((manager) => this.prompts.insert(manager, accepted));
    return result;
  }
}
