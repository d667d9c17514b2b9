import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  hasPermission,
  Permission,
  Role,
  type ReportUnit,
  type ReportUnitKind,
  type ReportUnitOptions,
} from '@campus/shared';
import type { DataSource } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { College } from '../org/college.entity';
import { Department } from '../org/department.entity';
import { User } from '../users/user.entity';

/** Names of every unit, to label reports and periods. */
export class UnitNames {
  constructor(
    private readonly colleges: Map<number, string>,
    private readonly departments: Map<number, string>,
  ) {}

  unit(kind: ReportUnitKind, id: number): ReportUnit {
    const name = (kind === 'college' ? this.colleges : this.departments).get(id) ?? `#${id}`;
    return { kind, id, name };
  }

  has(kind: ReportUnitKind, id: number): boolean {
    return (kind === 'college' ? this.colleges : this.departments).has(id);
  }
}

export const sameUnit = (a: { unitKind: ReportUnitKind; unitId: number }, b: ReportUnit) =>
  a.unitKind === b.kind && a.unitId === b.id;

/**
 * Who reports for which unit (campaign plan 五(三): 各部门要指定专人负责信息报送工作): a college admin
 * for their college; any other account allowed to report (school staff) for the department the
 * roster's 部门 column put them in. Everyone else reports for no unit.
 */
@Injectable()
export class ReportUnitsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async ownUnit(principal: Principal): Promise<ReportUnit | null> {
    if (!hasPermission(principal.role, Permission.ReportSubmit)) return null;
    if (principal.role === Role.CollegeAdmin) {
      if (principal.collegeId === null) return null;
      const college = await this.dataSource.getRepository(College).findOne({ where: { id: principal.collegeId } });
      return college ? { kind: 'college', id: college.id, name: college.name } : null;
    }
    const user = await this.dataSource.getRepository(User).findOne({
      where: { id: principal.id },
      relations: { department: true },
      select: { id: true, departmentId: true },
    });
    const department = user?.department;
    return department ? { kind: 'department', id: department.id, name: department.name } : null;
  }

  async names(): Promise<UnitNames> {
    const [colleges, departments] = await Promise.all([
      this.dataSource.getRepository(College).find(),
      this.dataSource.getRepository(Department).find(),
    ]);
    return new UnitNames(new Map(colleges.map((c) => [c.id, c.name])), new Map(departments.map((d) => [d.id, d.name])));
  }

  /** Every college and department, for choosing who must report. */
  async options(): Promise<ReportUnitOptions> {
    const [colleges, departments] = await Promise.all([
      this.dataSource.getRepository(College).find({ order: { code: 'ASC' } }),
      this.dataSource.getRepository(Department).find({ order: { name: 'ASC' } }),
    ]);
    return {
      colleges: colleges.map((c) => ({ kind: 'college', id: c.id, name: c.name })),
      departments: departments.map((d) => ({ kind: 'department', id: d.id, name: d.name })),
    };
  }
}
