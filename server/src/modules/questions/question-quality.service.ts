import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  bankCueStats,
  duplicateComparisonText,
  findNearDuplicates,
  nearDuplicateWarning,
  nearDuplicatesOf,
  questionQualityWarnings,
  QUALITY_WARNING_LABELS,
  type DuplicateCandidate,
  type QualityWarning,
  type QualityWarningCode,
  type QuestionDraft,
  type QuestionDto,
  type QuestionImportWarnings,
  type QuestionQualityReport,
} from '@campus/shared';
import type { DataSource } from 'typeorm';
import type { QuestionQualityQueryDto } from './dto/question.dto';
import { Question } from './question.entity';

/**
 * 命题质量检查: the shared cue rules applied where questions are written (save, import) and to the
 * bank as a whole (the report). It only ever warns; nothing here refuses a question.
 */
@Injectable()
export class QuestionQualityService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Warnings about a question just saved, near-duplicates of other active questions included. */
  async forSaved(question: QuestionDto): Promise<QualityWarning[]> {
    const others = (await this.activeBank()).filter((q) => q.id !== question.id).map(candidate);
    const duplicates = nearDuplicatesOf(duplicateComparisonText(question), others, { group: question.group });
    return withDuplicates(questionQualityWarnings(question), nearDuplicateWarning(duplicates));
  }

  /**
   * Warnings per question of an import, against the bank and against the file's earlier questions
   * (a file often carries two versions of one question).
   */
  async forImport(questions: ReadonlyArray<{ item: string; draft: QuestionDraft }>): Promise<QuestionImportWarnings[]> {
    const bank = (await this.activeBank()).map(candidate);
    const inFile = findNearDuplicates(
      questions.map(({ draft }, i) => ({ id: i, text: duplicateComparisonText(draft), group: draft.group })),
    );
    return questions
      .map(({ item, draft }, i) => {
        const fileTwins = inFile.filter((pair) => pair.b === i).map((pair) => questions[pair.a]!.item);
        const warnings = withDuplicates(
          questionQualityWarnings(draft),
          nearDuplicateWarning(nearDuplicatesOf(duplicateComparisonText(draft), bank, { group: draft.group })),
        );
        if (fileTwins.length > 0) {
          warnings.push({
            code: 'near-duplicate',
            field: 'stem',
            message: `与文件中的${fileTwins.join('、')}题干和答案高度相似：请合并，或把它们放进同一个互斥组。`,
          });
        }
        return { item, warnings };
      })
      .filter((entry) => entry.warnings.length > 0);
  }

  /** The 题库质量报告: every active question the rules flag, filtered, with the bank's cue statistics. */
  async report(query: QuestionQualityQueryDto): Promise<QuestionQualityReport> {
    const bank = await this.activeBank();
    const duplicates = new Map<number, Array<{ id: number; similarity: number }>>();
    for (const pair of findNearDuplicates(bank.map(candidate))) {
      duplicates.set(pair.a, [...(duplicates.get(pair.a) ?? []), { id: pair.b, similarity: pair.similarity }]);
      duplicates.set(pair.b, [...(duplicates.get(pair.b) ?? []), { id: pair.a, similarity: pair.similarity }]);
    }
    const flagged = bank
      .map((q) => ({
        id: q.id,
        type: q.type,
        stem: q.stem,
        fraudType: q.fraudType,
        group: q.exclusionGroup,
        warnings: withDuplicates(questionQualityWarnings(q), nearDuplicateWarning(duplicates.get(q.id) ?? [])),
      }))
      .filter((q) => q.warnings.length > 0);
    const ruleCounts: Partial<Record<QualityWarningCode, number>> = {};
    for (const q of flagged)
      for (const code of new Set(q.warnings.map((w) => w.code))) ruleCounts[code] = (ruleCounts[code] ?? 0) + 1;
    const items = flagged.filter(
      (q) =>
        (!query.code || q.warnings.some((w) => w.code === query.code)) &&
        (!query.fraudType || q.fraudType === query.fraudType),
    );
    return {
      totalQuestions: bank.length,
      flaggedQuestions: flagged.length,
      ruleCounts,
      items,
      cueStats: bankCueStats(bank),
    };
  }

  /** The active bank with what the rules read; thousands of rows at most, checked in memory. */
  private activeBank(): Promise<Question[]> {
    return this.dataSource.getRepository(Question).find({
      where: { status: 'active' },
      select: { id: true, type: true, stem: true, options: true, answer: true, fraudType: true, exclusionGroup: true },
      order: { id: 'ASC' },
    });
  }
}

function candidate(
  q: Pick<Question, 'id' | 'type' | 'stem' | 'options' | 'answer' | 'exclusionGroup'>,
): DuplicateCandidate<number> {
  return { id: q.id, text: duplicateComparisonText(q), group: q.exclusionGroup };
}

function withDuplicates(warnings: QualityWarning[], duplicate: QualityWarning | null): QualityWarning[] {
  return duplicate ? [...warnings, duplicate] : warnings;
}

/** The rule names, for the OpenAPI description of the `code` filter. */
export const QUALITY_CODE_DESCRIPTION = Object.entries(QUALITY_WARNING_LABELS)
  .map(([code, label]) => `${code}（${label}）`)
  .join('、');
