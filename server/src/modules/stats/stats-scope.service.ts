import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StatsFilter } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Exam } from '../exams/exam.entity';
import type { CountedExamInfo, StatsScope } from './stats-sql';

/**
 * Turns a request's filters into the scope every statistic uses. A college admin is held to their
 * own college (AccessService); the weekly report, run by the scheduler, passes no principal and
 * sees the whole school.
 */
@Injectable()
export class StatsScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
  ) {}

  async resolve(principal: Principal | null, filter: StatsFilter & { classId?: number }): Promise<StatsScope> {
    const collegeId = principal ? this.access.collegeScope(principal, filter.collegeId) : (filter.collegeId ?? null);
    return {
      exams: await this.countedExams(filter.examId),
      collegeId,
      classId: filter.classId ?? null,
      enrollmentYear: filter.enrollmentYear ?? null,
      // A 年级's or one exam's figures are history: its graduates still count there. The current
      // figures (no 年级, the entrance exams of every cohort) are about the students still here.
      includeArchived: filter.enrollmentYear !== undefined || filter.examId !== undefined,
    };
  }

  /**
   * Awareness is measured by the 入学第一考: every published exam of kind `entrance` counts (one per
   * cohort, typically), regular exams and practice do not. Asked for one exam, that exam alone.
   */
  async countedExams(examId?: number): Promise<CountedExamInfo[]> {
    const repo = this.dataSource.getRepository(Exam);
    const select = { id: true, title: true, audience: true } as const;
    if (examId !== undefined) {
      const exam = await repo.findOne({ where: { id: examId }, select });
      if (!exam) throw new NotFoundException('考试不存在');
      return [exam];
    }
    return repo.find({ where: { kind: 'entrance', status: 'published' }, select, order: { id: 'ASC' } });
  }
}
