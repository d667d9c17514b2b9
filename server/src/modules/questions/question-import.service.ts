import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  questionProblems,
  stemKey,
  type QuestionDraft,
  type QuestionImportItemMessage,
  type QuestionImportResult,
} from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { parseAiken } from './formats/aiken.parser';
import { decodeQuestionText, detectQuestionFormat } from './formats/detect-format';
import { parseQuestionsXlsx } from './formats/excel-template.parser';
import { parseGift } from './formats/gift.parser';
import { parseMoodleXml } from './formats/moodle-xml.parser';
import type { ParsedQuestions, QuestionFileFormat } from './formats/question-format.types';
import { QuestionPool } from './question-pool';
import { QuestionQualityService } from './question-quality.service';
import { Question } from './question.entity';
import { QuestionsService } from './questions.service';

export interface QuestionImportOptions {
  /** Check only, write nothing. */
  dryRun: boolean;
  /**
   * 导入有效题目: leave out the questions with errors (listed in the result) and import the rest.
   * Without it, any error refuses the whole file.
   */
  skipInvalid: boolean;
}

/**
 * Imports a question file of any supported format, detected from its content. Every question is
 * checked with the bank's own rules; with any error nothing is written, unless the admin asked to
 * import the valid questions only (skipInvalid). Types the platform does not have are skipped with
 * the reason, and stems already in the bank are reported, not doubled.
 */
@Injectable()
export class QuestionImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly questions: QuestionsService,
    private readonly pool: QuestionPool,
    private readonly audit: AuditService,
    private readonly quality: QuestionQualityService,
  ) {}

  async import(
    principal: Principal,
    file: Buffer,
    filename: string,
    { dryRun, skipInvalid }: QuestionImportOptions,
  ): Promise<QuestionImportResult> {
    const format = detectQuestionFormat(file, filename);
    if (!format) {
      throw new UnprocessableEntityException(
        '无法识别的题目文件：支持平台 Excel 模板（.xlsx）、Moodle XML、GIFT 和 Aiken 格式',
      );
    }
    const parsed = await parse(format, file);
    const errors: QuestionImportItemMessage[] = [...parsed.errors];
    const duplicates: QuestionImportItemMessage[] = [];
    const accepted: QuestionDraft[] = [];
    const acceptedItems: Array<{ item: string; draft: QuestionDraft }> = [];

    // The same stem asked as a different type (single vs multiple choice) is a different question.
    const keys = parsed.questions.map((q) => duplicateKey(q.draft.type, stemKey(q.draft.stem)));
    const existing = await this.existingStems(parsed.questions.map((q) => stemKey(q.draft.stem)));
    const seen = new Map<string, string>();
    parsed.questions.forEach(({ item, draft }, i) => {
      const problems = questionProblems(draft);
      if (problems.length > 0) {
        errors.push({ item, message: problems.join('；') });
        return;
      }
      const key = keys[i]!;
      const inBank = existing.get(key);
      if (inBank !== undefined) duplicates.push({ item, message: `题干与题库中第 ${inBank} 题相同，未重复导入` });
      else if (seen.has(key)) duplicates.push({ item, message: `题干与文件中${seen.get(key)}相同，未重复导入` });
      else {
        seen.set(key, item);
        accepted.push(draft);
        acceptedItems.push({ item, draft });
      }
    });

    const result: QuestionImportResult = {
      dryRun,
      skipInvalid,
      format,
      imported: accepted.length,
      importable: accepted.length,
      skipped: parsed.skipped,
      errors,
      duplicates,
      warnings: await this.quality.forImport(acceptedItems),
    };
    if (errors.length > 0 && !skipInvalid) {
      throw new UnprocessableEntityException({
        message: `有 ${errors.length} 道题存在错误，未导入任何题目`,
        ...result,
        imported: 0,
      });
    }
    // Leaving the bad questions out only makes sense when something good is left.
    if (errors.length > 0 && accepted.length === 0) {
      throw new UnprocessableEntityException({
        message: `没有可导入的有效题目：有 ${errors.length} 道题存在错误`,
        ...result,
      });
    }
    if (!dryRun && accepted.length > 0) {
      await this.sql.transaction((manager) => this.questions.insert(manager, accepted));
      this.pool.invalidate();
      const rejected = errors.length > 0 ? `，另有 ${errors.length} 道题因错误未导入` : '';
      await this.audit.record(
        principal,
        'question.import',
        { type: 'question' },
        `导入题目 ${accepted.length} 道（${format}，文件「${filename}」）${rejected}`,
        {
          imported: accepted.length,
          duplicates: duplicates.length,
          skipped: parsed.skipped.length,
          rejected: errors.length,
          rejectedItems: errors.slice(0, 100).map((error) => error.item),
          skipInvalid,
        },
      );
    }
    return result;
  }

  /** Questions of the bank with any of these stems, by duplicate key. */
  private async existingStems(stemKeys: string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < stemKeys.length; i += 500) {
      const rows = await this.dataSource
        .getRepository(Question)
        .find({ where: { stemKey: In(stemKeys.slice(i, i + 500)) }, select: { id: true, type: true, stemKey: true } });
      for (const row of rows) found.set(duplicateKey(row.type, row.stemKey), row.id);
    }
    return found;
  }
}

export function duplicateKey(type: string, key: string): string {
  return `${type}|${key}`;
}

async function parse(format: QuestionFileFormat, file: Buffer): Promise<ParsedQuestions> {
  switch (format) {
    case 'xlsx':
      return parseQuestionsXlsx(file);
    case 'moodle-xml':
      return parseMoodleXml(decodeQuestionText(file));
    case 'gift':
      return parseGift(decodeQuestionText(file));
    case 'aiken':
      return parseAiken(decodeQuestionText(file));
  }
}
