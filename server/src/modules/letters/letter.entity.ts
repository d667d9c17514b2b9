import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';

/** 致新生一封信: one per enrolment year, addressed to that year's freshmen. */
@Entity()
export class Letter {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'smallint', unique: true })
  enrollmentYear: number;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** Sanitised like an article. */
  @Column({ type: 'text' })
  html: string;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
