import { Role } from '@campus/shared';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../../database/columns';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** 学号 or 工号: the login name. */
  @Column({ type: 'varchar', length: 32, unique: true })
  username: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Index()
  @Column({ type: 'int', nullable: true })
  collegeId: number | null;

  @ManyToOne(() => College, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'college_id' })
  college?: College | null;

  @Index()
  @Column({ type: 'int', nullable: true })
  classId: number | null;

  @ManyToOne(() => SchoolClass, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'class_id' })
  schoolClass?: SchoolClass | null;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** See PasswordHasher for the two formats (slow scrypt, or a keyed digest of an initial password). */
  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'boolean', default: true })
  mustChangePassword: boolean;

  /** Bumped on every password change; tokens carry it, so older tokens stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  @Column({ type: 'boolean', default: false })
  disabled: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
