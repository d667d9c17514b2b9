import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { Letter } from './letter.entity';

/** “我已阅读并知晓”: the first confirmation of a letter by a person; confirming again keeps it. */
@Entity()
@Index(['letterId'])
export class LetterConfirmation {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  letterId: number;

  @ManyToOne(() => Letter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'letter_id' })
  letter?: Letter;

  @DateTimeColumn()
  confirmedAt: Date;
}
