import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClassDto, CollegeDto } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { TeachingAssignment } from '../users/teaching-assignment.entity';
import { College } from './college.entity';
import { SchoolClass } from './school-class.entity';

@Injectable()
export class OrgService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
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
    return classes.map(mapClass);
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

export function mapClass(c: SchoolClass): ClassDto {
  return { id: c.id, name: c.name, collegeId: c.collegeId, enrollmentYear: c.enrollmentYear };
}
