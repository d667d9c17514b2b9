import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 部门 such as 学生处 or 保卫处: where staff who do not belong to a college sit. */
@Entity()
export class Department {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;
}
