import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../../database/columns';
import { College } from './college.entity';

/**
 * 班级. Names are unique across the school: rosters and a teacher's 授课班级 refer to a class by
 * its name alone, so two classes with one name could not be told apart.
 */
@Entity()
export class SchoolClass {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;

  @Index()
  @Column({ type: 'int' })
  collegeId: number;

  @ManyToOne(() => College, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'college_id' })
  college?: College;

  @Column({ type: 'smallint', nullable: true })
  enrollmentYear: number | null;

  /**
   * The class's 辅导员: a teacher (user id) the college assigns to look after the class. Named in
   * the not-passed and not-reached lists, so a college knows whom to ask to follow a student up.
   */
  @Index()
  @Column({ type: 'int', nullable: true })
  adviserId: number | null;

  @CreatedAtColumn()
  createdAt: Date;
}
