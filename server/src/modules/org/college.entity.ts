import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';

/** 二级学院（部）. */
@Entity()
export class College {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 16, unique: true })
  code: string;

  @CreatedAtColumn()
  createdAt: Date;
}
