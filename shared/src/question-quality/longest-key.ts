import { QuestionType } from '../questions';
import { visibleLength } from './text';
import { QUALITY_THRESHOLDS, type QualityQuestion, type QualityWarning } from './types';

function isNoticeablyLonger(long: number, short: number): boolean {
  return long >= short * QUALITY_THRESHOLDS.longestKeyRatio && long - short >= QUALITY_THRESHOLDS.longestKeyMinGap;
}

/**
 * The key is noticeably the longest option (single choice), or every key is noticeably longer than
 * every distractor (multiple choice): "pick the longest" then scores without any knowledge, because
 * authors qualify the right answer carefully and write distractors in a hurry.
 */
export function longestKeyWarning(q: QualityQuestion): QualityWarning | null {
  if (q.type === QuestionType.Judge) return null;
  const answer = new Set(q.answer);
  const keys = q.options.filter((o) => answer.has(o.key));
  const distractors = q.options.filter((o) => !answer.has(o.key));
  if (keys.length === 0 || distractors.length === 0) return null;
  const shortestKey = Math.min(...keys.map((o) => visibleLength(o.text)));
  const longestDistractor = Math.max(...distractors.map((o) => visibleLength(o.text)));
  if (!isNoticeablyLonger(shortestKey, longestDistractor)) return null;
  const keyList = keys.map((o) => o.key).join('、');
  const message =
    q.type === QuestionType.Single
      ? `正确答案 ${keyList}（${shortestKey} 字）明显长于其他选项（最长 ${longestDistractor} 字）：不懂的学生“选最长的”就能答对。请把干扰项写得同样具体，或精简正确答案。`
      : `正确答案 ${keyList} 每一项（至少 ${shortestKey} 字）都长于所有错误选项（最长 ${longestDistractor} 字）：“选长的”就能全对。请让正确与错误选项长短相近。`;
  return { code: 'longest-key', field: 'options', message, optionKeys: keys.map((o) => o.key) };
}
