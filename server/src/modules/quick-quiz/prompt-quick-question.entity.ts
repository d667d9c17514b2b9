import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Prompt } from '../prompts/prompt.entity';
import { Question } from '../questions/question.entity';

/** The 快问 questions a prompt carries (questions of the bank, in the order the teacher shows them). */
@Entity()
export class PromptQuickQuestion {
  @PrimaryColumn({ type: 'int' })
  promptId: number;

  @ManyToOne(() => Prompt, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prompt_id' })
  prompt?: Prompt;

  @PrimaryColumn({ type: 'int' })
  questionId: number;

  @ManyToOne(() => Question, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id' })
  question?: Question;

  @Column({ type: 'smallint' })
  position: number;
}
