import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Alert } from './alert.entity';

/** A read receipt: the first time a person opened (or acknowledged) an alert. */
@Entity()
@Index(['userId'])
export class AlertRead {
  @PrimaryColumn({ type: 'int' })
  alertId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @DateTimeColumn()
  readAt: Date;

  @ManyToOne(() => Alert, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: Alert;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;
}
