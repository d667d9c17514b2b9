import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, type TeachingClassDto } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { SchoolClass } from '../org/school-class.entity';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { User } from '../users/user.entity';

/**
 * Which teacher teaches which class: written by the roster's 授课班级 column and by admins here.
 * A teacher gives 课前3分钟 talks, and logs them, only for the classes they teach.
 */
@Injectable()
export class TeachingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async teaches(teacherId: number, classId: number): Promise<boolean> {
    return (await this.dataSource.getRepository(TeachingAssignment).countBy({ teacherId, classId })) > 0;
  }

  /** Refuses a teacher who does not teach the class, whatever college either belongs to. */
  async assertTeaches(principal: Principal, classId: number): Promise<void> {
    if (!(await this.teaches(principal.id, classId))) {
      throw new ForbiddenException('您不是该班的授课教师：请先由管理员安排授课班级');
    }
  }

  /** A teacher's classes as an admin sees them; a college admin reaches only their own college's teachers. */
  async classesOf(principal: Principal, teacherId: number): Promise<TeachingClassDto[]> {
    const teacher = await this.teacher(teacherId);
    this.access.assertCollege(principal, teacher.collegeId);
    return this.list(teacherId);
  }

  /**
   * Assigning is idempotent. A college admin arranges teaching for their own college's teachers and
   * classes; a school admin for anyone (a teacher may teach classes of other colleges).
   */
  async assign(principal: Principal, teacherId: number, classId: number): Promise<TeachingClassDto[]> {
    const teacher = await this.teacher(teacherId);
    const schoolClass = await this.schoolClass(classId);
    this.access.assertCollege(principal, teacher.collegeId);
    this.access.assertCollege(principal, schoolClass.collegeId);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TeachingAssignment)
      .values({ teacherId, classId })
      .orIgnore()
      .execute();
    await this.audit.record(
      principal,
      'teaching.assign',
      { type: 'teacher', id: teacherId, name: teacher.name },
      `为教师「${teacher.name}」分配授课班级「${schoolClass.name}」`,
    );
    return this.list(teacherId);
  }

  async unassign(principal: Principal, teacherId: number, classId: number): Promise<void> {
    const teacher = await this.teacher(teacherId);
    const schoolClass = await this.schoolClass(classId);
    this.access.assertCollege(principal, teacher.collegeId);
    this.access.assertCollege(principal, schoolClass.collegeId);
    await this.dataSource.getRepository(TeachingAssignment).delete({ teacherId, classId });
    await this.audit.record(
      principal,
      'teaching.unassign',
      { type: 'teacher', id: teacherId, name: teacher.name },
      `取消教师「${teacher.name}」的授课班级「${schoolClass.name}」`,
    );
  }

  private async list(teacherId: number): Promise<TeachingClassDto[]> {
    const rows = await this.dataSource
      .getRepository(SchoolClass)
      .createQueryBuilder('c')
      .innerJoin(TeachingAssignment, 't', 't.classId = c.id AND t.teacherId = :teacherId', { teacherId })
      .leftJoinAndSelect('c.college', 'college')
      .getMany();
    // In pinyin order, as GET /api/my/classes lists them (SQLite would sort by code point).
    return rows
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((c) => ({ id: c.id, name: c.name, collegeId: c.collegeId, collegeName: c.college?.name ?? '' }));
  }

  private async teacher(id: number): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    if (!user || user.role !== Role.Teacher) throw new NotFoundException('教师不存在');
    return user;
  }

  private async schoolClass(id: number): Promise<SchoolClass> {
    const found = await this.dataSource.getRepository(SchoolClass).findOne({ where: { id } });
    if (!found) throw new NotFoundException('班级不存在');
    return found;
  }
}
