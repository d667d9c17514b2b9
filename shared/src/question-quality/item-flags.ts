import { QUALITY_THRESHOLDS } from './types';

export type ItemFlagCode = 'too-easy' | 'too-hard' | 'low-discrimination';

export const ITEM_FLAG_LABELS: Record<ItemFlagCode, string> = {
  'too-easy': '过易',
  'too-hard': '过难',
  'low-discrimination': '区分度为负',
};

export interface ItemFlag {
  code: ItemFlagCode;
  /** Chinese, with the figure and what it means for the question. */
  message: string;
}

/**
 * What item analysis says about a question after an exam (Moodle's facility 0–1 and discrimination
 * index −100…100): almost everyone right — it measures nothing, or it is cued; almost everyone wrong —
 * the key or the wording may be wrong; weaker students do better than stronger ones — the key is
 * arguable or a distractor is right too.
 */
export function itemFlags(stat: { facility: number | null; discriminationIndex: number | null }): ItemFlag[] {
  const flags: ItemFlag[] = [];
  const { facility, discriminationIndex } = stat;
  if (facility !== null && facility > QUALITY_THRESHOLDS.tooEasyFacility) {
    flags.push({
      code: 'too-easy',
      message: `得分率 ${Math.round(facility * 100)}%（高于 ${QUALITY_THRESHOLDS.tooEasyFacility * 100}%）：几乎人人答对，区分不出是否真正掌握，可能有提示线索。`,
    });
  }
  if (facility !== null && facility < QUALITY_THRESHOLDS.tooHardFacility) {
    flags.push({
      code: 'too-hard',
      message: `得分率 ${Math.round(facility * 100)}%（低于 ${QUALITY_THRESHOLDS.tooHardFacility * 100}%）：请检查答案是否正确、题干是否有歧义。`,
    });
  }
  if (discriminationIndex !== null && discriminationIndex < QUALITY_THRESHOLDS.lowDiscrimination) {
    flags.push({
      code: 'low-discrimination',
      message: `区分度 ${discriminationIndex.toFixed(1)}（为负）：总分低的学生反而更常答对，答案可能有争议或某个错误选项其实也对。`,
    });
  }
  return flags;
}
