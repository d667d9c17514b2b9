import { normalizeUsername, Role, usernameKey, type LoginMethod } from '@campus/shared';
import {
  BeforeInsert,
  BeforeUpdate,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CreatedAtColumn, DateTimeColumn, UpdatedAtColumn } from '../../database/columns';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { SchoolClass } from '../org/school-class.entity';

@Entity()
export class User {
  @PrimaryGeneratedColumn()
  id: number;

  /** 学号 or 工号 as the school wrote it (trimmed, NFKC): what lists, exports and the person see. */
  @Column({ type: 'varchar', length: 32 })
  username: string;

  /**
   * The identity: usernameKey(username), lower case. Login, import, search and uniqueness compare
   * this column and nothing else, so `ADMIN`, `admin` and ` admin ` are one account on SQLite and
   * MySQL alike — MySQL's case-insensitive collation and SQLite's binary comparison no longer decide
   * who is who. A key column rather than lower-casing `username` itself keeps 工号 such as `T0001`
   * exactly as the school's personnel records print them in every list and export.
   */
  @Column({ type: 'varchar', length: 32, unique: true })
  usernameKey: string;

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

  /** The last successful sign-in (password or single sign-on): the person's detail page shows it. */
  @DateTimeColumn({ nullable: true })
  lastLoginAt: Date | null;

  /** How that sign-in was made: 'password', or the SSO method ('cas', 'oidc') that let them in. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  lastLoginMethod: LoginMethod | null;

  /**
   * When the account was disabled (a graduate archived by the 新学年 rollover, or an account an admin
   * stopped). The retention period (RETENTION_YEARS) counts from here.
   */
  @DateTimeColumn({ nullable: true })
  disabledAt: Date | null;

  /**
   * 毕业归档 by the 新学年 rollover: the graduate cannot sign in and is left out of the current
   * figures, but still counts in the statistics of their own 年级 (stats-sql.ts peopleWhereSql).
   */
  @DateTimeColumn({ nullable: true })
  archivedAt: Date | null;

  /** Name, 学号 and phone replaced by placeholders once the retention period ran out (RetentionService). */
  @DateTimeColumn({ nullable: true })
  anonymisedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Entities saved through the ORM keep the key in step; bulk SQL writers set it themselves. */
  @BeforeInsert()
  @BeforeUpdate()
  protected keepUsernameKey(): void {
    if (typeof this.username !== 'string') return;
    this.username = normalizeUsername(this.username);
    this.usernameKey = usernameKey(this.username);
  }
}
