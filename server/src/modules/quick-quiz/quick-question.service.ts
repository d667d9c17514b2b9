import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QUICK_QUESTIONS_PER_PROMPT, QuestionType, type QuickQuestionDto } from '@campus/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { Prompt } from '../prompts/prompt.entity';
import { Question } from '../questions/question.entity';
import { PromptQuickQuestion } from './prompt-quick-question.entity';

/** 快问 takes one tap to answer on a phone: single choice or true/false. */
export const QUICK_QUESTION_TYPES: ReadonlySet<QuestionType> = new Set([QuestionType.Single, QuestionType.Judge]);

/** The 快问 questions each prompt carries: bank questions chosen by the library's managers. */
@Injectable()
export class QuickQuestionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly audit: AuditService,
  ) {}

  async list(promptId: number): Promise<QuickQuestionDto[]> {
    await this.prompt(promptId);
    const links = await this.dataSource
      .getRepository(PromptQuickQuestion)
      .find({ where: { promptId }, order: { position: 'ASC' } });
    const questions = await this.questions(links.map((l) => l.questionId));
    return links.flatMap((link) => {
      const q = questions.get(link.questionId);
      return q && q.status === 'active' ? [{ questionId: q.id, type: q.type, stem: q.stem, options: q.options }] : [];
    });
  }

  async replace(principal: Principal, promptId: number, questionIds: number[]): Promise<QuickQuestionDto[]> {
    const prompt = await this.prompt(promptId);
    const ids = [...new Set(questionIds)];
    if (ids.length > QUICK_QUESTIONS_PER_PROMPT) {
      throw new BadRequestException({
        message: `每条提示最多 ${QUICK_QUESTIONS_PER_PROMPT} 道快问题目`,
        errors: [{ field: 'questionIds', message: `最多 ${QUICK_QUESTIONS_PER_PROMPT} 道` }],
      });
    }
    const found = await this.questions(ids);
    ids.forEach((id, index) => {
      const q = found.get(id);
      const problem = !q
        ? `题目 ${id} 不存在`
        : q.status !== 'active'
          ? `题目 ${id} 已停用`
          : !QUICK_QUESTION_TYPES.has(q.type)
            ? `题目 ${id} 是多选题：快问只用单选题或判断题`
            : null;
      if (problem)
        throw new BadRequestException({
          message: problem,
          errors: [{ field: `questionIds[${index}]`, message: problem }],
        });
    });
    await this.sql.transaction(async (manager) => {
      await manager.delete(PromptQuickQuestion, { promptId });
      await this.link(manager, promptId, ids);
    });
    await this.audit.record(
      principal,
      'prompt.quick-questions',
      { type: 'prompt', id: promptId, name: prompt.title },
      `提示「${prompt.title}」的课堂快问题目：${ids.length === 0 ? '无' : ids.map((id) => `题目 ${id}`).join('、')}`,
      { questionIds: ids },
    );
    return this.list(promptId);
  }

  /** Links questions to a prompt in the order given (the shipped library's seeding uses it too). */
  async link(manager: EntityManager, promptId: number, questionIds: number[]): Promise<void> {
    if (questionIds.length === 0) return;
    await manager.insert(
      PromptQuickQuestion,
      questionIds.map((questionId, position) => ({ promptId, questionId, position })),
    );
  }

  /** Whether a question is one of the prompt's 快问 questions. */
  async carries(promptId: number, questionId: number): Promise<boolean> {
    return (await this.dataSource.getRepository(PromptQuickQuestion).countBy({ promptId, questionId })) > 0;
  }

  private async prompt(id: number): Promise<Prompt> {
    const prompt = await this.dataSource
      .getRepository(Prompt)
      .findOne({ where: { id }, select: { id: true, title: true } });
    if (!prompt) throw new NotFoundException('提示不存在');
    return prompt;
  }

  private async questions(ids: number[]): Promise<Map<number, Question>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(Question).find({ where: { id: In(ids) } });
    return new Map(rows.map((q) => [q.id, q]));
  }
}
