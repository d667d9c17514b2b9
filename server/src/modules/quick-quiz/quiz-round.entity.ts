import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { SchoolClass } from '../org/school-class.entity';
import { Prompt } from '../prompts/prompt.entity';
import { QuestionVersion } from '../questions/question-version.entity';
import { User } from '../users/user.entity';

/**
 * One 课堂快问: a question put to one class during a talk. It points at the question version shown,
 * so editing the bank never changes a round already run, and keeps the class size at the start as
 * the participation denominator (students moving class later do not rewrite history).
 */
@Entity()
@Index(['classId', 'startedAt'])
@Index(['joinCode', 'startedAt'])
export class QuizRound {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  promptId: number;

  @ManyToOne(() => Prompt, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prompt_id' })
  prompt?: Prompt;

  @Column({ type: 'int' })
  questionId: number;

  @Column({ type: 'int' })
  questionVersionId: number;

  @ManyToOne(() => QuestionVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_version_id' })
  questionVersion?: QuestionVersion;

  @Column({ type: 'int' })
  classId: number;

  @ManyToOne(() => SchoolClass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  schoolClass?: SchoolClass;

  @Index()
  @Column({ type: 'int' })
  teacherId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: User;

  /** Six digits typed on a phone; unique among rounds still open (or closed within the hour). */
  @Column({ type: 'varchar', length: 8 })
  joinCode: string;

  @Column({ type: 'int' })
  classSize: number;

  @DateTimeColumn()
  startedAt: Date;

  /** Answers are taken strictly before this instant; the teacher may bring it forward (提前揭晓). */
  @DateTimeColumn()
  closesAt: Date;
}
