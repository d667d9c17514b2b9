import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { Letter } from './letter.entity';

/**
 * When a person first opened their letter (server time). “我已阅读并知晓” is accepted only once the
 * letter's reading time has passed since then, so the confirmation rate counts people who read it.
 */
@Entity()
export class LetterOpen {
  @PrimaryColumn({ type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'int' })
  letterId: number;

  @ManyToOne(() => Letter, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'letter_id' })
  letter?: Letter;

  @DateTimeColumn()
  openedAt: Date;
}
