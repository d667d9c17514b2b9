import { equalMarks, isRandomPaper, sumMarks, type ExamInput, type ExamPaper } from '@campus/shared';

/** Marks are kept to two decimals: 100 ÷ 30 questions is 3.33 each. */
export function roundScore(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Each question's mark on a fixed paper: as given, or 100 ÷ n in hundredths that add up to exactly
 * 100 (API.md), so a paper answered all right scores 100, not 100.02.
 */
export function fixedScores(paper: { questionIds: number[]; scores?: number[] }): number[] {
  return paper.scores ?? equalMarks(100, paper.questionIds.length);
}

export function paperTotals(paper: ExamPaper): { totalScore: number; questionCount: number } {
  if (isRandomPaper(paper)) {
    return {
      totalScore: sumMarks(paper.rules.map((r) => roundScore(r.count * r.score))),
      questionCount: paper.rules.reduce((sum, r) => sum + r.count, 0),
    };
  }
  return {
    totalScore: sumMarks(fixedScores(paper)),
    questionCount: paper.questionIds.length,
  };
}

/** Problems an exam definition has on its own (the bank is checked at publish). Chinese, by field. */
export function examProblems(input: ExamInput): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  const opens = Date.parse(input.opensAt);
  const closes = Date.parse(input.closesAt);
  if (Number.isNaN(opens)) problems.push({ field: 'opensAt', message: '开始时间格式不正确' });
  if (Number.isNaN(closes)) problems.push({ field: 'closesAt', message: '结束时间格式不正确' });
  if (!Number.isNaN(opens) && !Number.isNaN(closes) && closes <= opens)
    problems.push({ field: 'closesAt', message: '结束时间必须晚于开始时间' });
  const paper = input.paper;
  if (isRandomPaper(paper)) {
    if (paper.rules.length === 0) problems.push({ field: 'paper.rules', message: '至少需要一条抽题规则' });
    paper.rules.forEach((r, i) => {
      if (r.count < 1) problems.push({ field: `paper.rules.${i}.count`, message: `第 ${i + 1} 条规则的题数至少为 1` });
      if (!(r.score > 0))
        problems.push({ field: `paper.rules.${i}.score`, message: `第 ${i + 1} 条规则的每题分值必须大于 0` });
    });
  } else {
    if (paper.questionIds.length === 0) problems.push({ field: 'paper.questionIds', message: '试卷至少需要一道题' });
    if (new Set(paper.questionIds).size !== paper.questionIds.length)
      problems.push({ field: 'paper.questionIds', message: '试卷中有重复的题目' });
    if (paper.scores && paper.scores.length !== paper.questionIds.length)
      problems.push({ field: 'paper.scores', message: '分值数量必须与题目数量一致' });
    if (paper.scores?.some((s) => !(s > 0))) problems.push({ field: 'paper.scores', message: '每题分值必须大于 0' });
  }
  const { totalScore, questionCount } = paperTotals(paper);
  if (questionCount > 200) problems.push({ field: 'paper', message: '一张试卷最多 200 道题' });
  if (input.passScore > totalScore)
    problems.push({ field: 'passScore', message: `及格分 ${input.passScore} 高于试卷总分 ${totalScore}` });
  return problems;
}
