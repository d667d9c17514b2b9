import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Page, UserDto } from '@campus/shared';
import { In, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { matchPerson } from '../../database/like';
import { pageWindow } from '../../common/http/page-query.dto';
import type { UserListQueryDto } from './dto/user-list.query';
import { TeachingAssignment } from './teaching-assignment.entity';
import { mapUser } from './user.mapper';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  /** The college of an account (null for one without), or undefined when there is no such account. */
  async collegeOf(userId: number): Promise<number | null | undefined> {
    const user = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, collegeId: true } });
    return user ? user.collegeId : undefined;
  }

  async list(principal: Principal, query: UserListQueryDto): Promise<Page<UserDto>> {
    const collegeId = this.access.collegeScope(principal, query.collegeId);
    const qb = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoinAndSelect('u.college', 'college')
      .leftJoinAndSelect('u.schoolClass', 'schoolClass')
      .orderBy('u.id', 'ASC');
    if (collegeId !== null) qb.andWhere('u.collegeId = :collegeId', { collegeId });
    if (query.role) qb.andWhere('u.role = :role', { role: query.role });
    if (query.classId) qb.andWhere('u.classId = :classId', { classId: query.classId });
    matchPerson(qb, 'u', query.q);
    const { skip, take } = pageWindow(query);
    const [users, total] = await qb.skip(skip).take(take).getManyAndCount();
    const teaching = await this.teachingClassIds(users.map((u) => u.id));
    return { items: users.map((u) => mapUser(u, teaching.get(u.id))), total };
  }

  private async teachingClassIds(userIds: number[]): Promise<Map<number, number[]>> {
    const result = new Map<number, number[]>();
    if (userIds.length === 0) return result;
    const rows = await this.dataSource.getRepository(TeachingAssignment).find({ where: { teacherId: In(userIds) } });
    for (const row of rows) result.set(row.teacherId, [...(result.get(row.teacherId) ?? []), row.classId]);
    return result;
  }
}
