import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Role, usernameKey, type ClassDto, type CollegeDto, type DepartmentDto } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { AuditService } from '../audit/audit.service';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { User } from '../users/user.entity';
import { College } from './college.entity';
import { Department } from './department.entity';
import { SchoolClass } from './school-class.entity';

@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async colleges(principal: Principal): Promise<CollegeDto[]> {
    const collegeId = this.access.collegeScope(principal);
    const colleges = await this.dataSource.getRepository(College).find({
      where: collegeId === null ? {} : { id: collegeId },
      order: { code: 'ASC' },
    });
    return colleges.map((c) => ({ id: c.id, name: c.name, code: c.code }));
  }

  async classes(principal: Principal, requestedCollegeId?: number): Promise<ClassDto[]> {
    const collegeId = this.access.collegeScope(principal, requestedCollegeId);
    const classes = await this.dataSource.getRepository(SchoolClass).find({
      where: collegeId === null ? {} : { collegeId },
      order: { enrollmentYear: 'DESC', name: 'ASC' },
    });
    const adviserIds = [...new Set(classes.flatMap((c) => (c.adviserId === null ? [] : [c.adviserId])))];
    const advisers = new Map(
      adviserIds.length === 0
        ? []
        : (
            await this.dataSource
              .getRepository(User)
              .find({ select: { id: true, name: true, username: true }, where: { id: In(adviserIds) } })
          ).map((u) => [u.id, u] as const),
    );
    return classes.map((c) => mapClass(c, c.adviserId === null ? null : (advisers.get(c.adviserId) ?? null)));
  }

  /**
   * Sets (or clears) a class's 辅导员: a teacher, by 工号, of the class's college or of none. A college
   * admin sets them only for their own college's classes. Audited.
   */
  async setAdviser(principal: Principal, classId: number, adviserUsername: string | null): Promise<ClassDto> {
    const classes = this.dataSource.getRepository(SchoolClass);
    const found = await classes.findOne({ where: { id: classId } });
    if (!found) throw new NotFoundException('班级不存在');
    this.access.assertCollege(principal, found.collegeId);
    let adviser: User | null = null;
    if (adviserUsername !== null) {
      adviser = await this.dataSource
        .getRepository(User)
        .findOne({ where: { usernameKey: usernameKey(adviserUsername) } });
      const field = (message: string) =>
        new BadRequestException({ message, errors: [{ field: 'adviserUsername', message }] });
      if (!adviser || adviser.disabled) throw field(`工号「${adviserUsername}」不存在或已停用`);
      if (adviser.role !== Role.Teacher)
        throw field(`「${adviser.name}（${adviser.username}）」不是教师，不能担任辅导员`);
      if (adviser.collegeId !== null && adviser.collegeId !== found.collegeId)
        throw field(`教师「${adviser.name}（${adviser.username}）」属于其他学院，不能担任本班辅导员`);
    }
    found.adviserId = adviser?.id ?? null;
    await classes.update({ id: classId }, { adviserId: found.adviserId });
    await this.audit.record(
      principal,
      'class.adviser',
      { type: 'class', id: classId, name: found.name },
      adviser
        ? `设置班级「${found.name}」的辅导员为「${adviser.name}（${adviser.username}）」`
        : `取消班级「${found.name}」的辅导员`,
    );
    return mapClass(found, adviser);
  }

  /** 部门 (学生处, 保卫处 …): school-wide, the same list for every admin. */
  async departments(): Promise<DepartmentDto[]> {
    const rows = await this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } });
    return rows.map((d) => ({ id: d.id, name: d.name }));
  }

  /** The classes a teacher teaches (roster 授课班级 or an admin's assignment). */
  async teachingClasses(teacherId: number): Promise<Array<{ id: number; name: string; collegeId: number }>> {
    const rows = await this.dataSource
      .getRepository(TeachingAssignment)
      .find({ where: { teacherId }, relations: { schoolClass: true } });
    return rows
      .map((r) => r.schoolClass)
      .filter((c): c is SchoolClass => !!c)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
      .map((c) => ({ id: c.id, name: c.name, collegeId: c.collegeId }));
  }
}

export function mapClass(c: SchoolClass, adviser?: Pick<User, 'name' | 'username'> | null): ClassDto {
  return {
    id: c.id,
    name: c.name,
    collegeId: c.collegeId,
    enrollmentYear: c.enrollmentYear,
    adviserId: c.adviserId,
    ...(adviser === undefined
      ? {}
      : { adviserName: adviser?.name ?? null, adviserUsername: adviser?.username ?? null }),
  };
}
