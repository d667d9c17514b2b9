import { ConflictException, Injectable } from '@nestjs/common';
import { isRandomPaper } from '@campus/shared';
import { QuestionPool } from '../questions/question-pool';
import { drawByRules } from './attempt-draw';
import { fixedScores, roundScore } from './exam-paper';
import type { Exam } from './exam.entity';

export interface DrawnQuestion {
  questionId: number;
  versionId: number;
  score: number;
}

/** The questions of a new attempt: a fixed paper's current versions, or a draw by the exam's rules. */
@Injectable()
export class AttemptPaperDrawer {
  constructor(private readonly pool: QuestionPool) {}

  async draw(exam: Exam): Promise<DrawnQuestion[]> {
    const paper = exam.paper;
    if (!isRandomPaper(paper)) {
      const scores = fixedScores(paper);
      const versionOf = await this.pool.currentVersionIds(paper.questionIds);
      return paper.questionIds.map((questionId, i) => {
        const versionId = versionOf.get(questionId);
        if (!versionId) throw new ConflictException('试卷中的题目已被删除，请联系管理员');
        return { questionId, versionId, score: roundScore(scores[i]!) };
      });
    }
    const rules = await Promise.all(
      paper.rules.map(async (rule) => ({
        count: rule.count,
        candidates: await this.pool.active({ type: rule.type, fraudType: rule.fraudType, difficulty: rule.difficulty }),
      })),
    );
    const chosen = drawByRules(rules);
    if (!chosen) throw new ConflictException('题库中符合抽题规则的题目不足（同一互斥组只抽一题），请联系管理员');
    return chosen.flatMap((questions, r) =>
      questions.map((c) => ({ questionId: c.questionId, versionId: c.versionId, score: paper.rules[r]!.score })),
    );
  }
}
