import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SchoolClass } from '../org/school-class.entity';
import { User } from './user.entity';

/** A teacher teaches a class (the roster's 授课班级, or an admin's assignment). */
@Entity()
export class TeachingAssignment {
  @PrimaryColumn({ type: 'int' })
  teacherId: number;

  @Index()
  @PrimaryColumn({ type: 'int' })
  classId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'teacher_id' })
  teacher?: User;

  @ManyToOne(() => SchoolClass, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'class_id' })
  schoolClass?: SchoolClass;
}
