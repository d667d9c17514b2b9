import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { SchoolClass } from '../org/school-class.entity';
import { User } from '../users/user.entity';
import { Prompt } from './prompt.entity';

/**
 * A class heard a prompt: logged by its teacher with one tap after the talk. Statistics count these
 * per class and college (宣传覆盖面), so a class's history is kept even when a prompt is retired.
 */
@Entity()
@Index(['classId', 'deliveredAt'])
@Index(['promptId', 'classId'])
export class PromptDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  promptId: number;

  @ManyToOne(() => Prompt, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prompt_id' })
  prompt?: Prompt;

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

  @Index()
  @DateTimeColumn()
  deliveredAt: Date;
}
