import { Injectable, NotFoundException, type OnModuleDestroy } from '@nestjs/common';
import type {
  ExamMonitorAnswering,
  ExamMonitorClass,
  ExamMonitorCounts,
  ExamMonitorGroup,
  ExamMonitorSnapshot,
} from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { openEventStream } from '../../common/live/event-stream';
import { SharedPoll } from '../../common/live/shared-poll';
import { AppConfig } from '../../config/app-config';
import { ratio } from '../stats/stats-sql';
import { ExamCache } from './exam-cache';
import type { Exam } from './exam.entity';
import { ExamMonitorQuery, type MonitorClassRow, type MonitorData } from './exam-monitor.query';

/** Rows of the 作答中 list sent to a viewer: the least time left first. */
export const ANSWERING_LIMIT = 200;

interface ExamFigures extends MonitorData {
  exam: Exam;
}

interface ViewScope {
  reach: number | null;
  selected: number | null;
}

/**
 * 考试实时监控. The figures of an exam are loaded once per refresh interval on this instance,
 * whoever and however many watch (SharedPoll); each viewer then gets the share their scope allows,
 * cut from the same figures in memory: a college admin their own college, a school admin the school
 * or the college they chose.
 */
@Injectable()
export class ExamMonitorService implements OnModuleDestroy {
  private readonly poll: SharedPoll<number, ExamFigures>;
  private readonly refreshMs: number;
  /** Serialised views of the latest figures, per scope; dropped with the figures. */
  private readonly frames = new WeakMap<ExamFigures, Map<string, string>>();

  constructor(
    private readonly query: ExamMonitorQuery,
    private readonly exams: ExamCache,
    private readonly access: AccessService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.refreshMs = config.examMonitorRefreshMs;
    this.poll = new SharedPoll((examId) => this.load(examId), {
      intervalMs: this.refreshMs,
      keyOf: (examId) => String(examId),
    });
  }

  /** Loads done since start (tests count them against the number of viewers). */
  get loads(): number {
    return this.poll.loads;
  }

  /** Open streams of this exam on this instance. */
  watching(examId: number): number {
    return this.poll.watchers(examId);
  }

  async snapshot(principal: Principal, examId: number, requestedCollegeId?: number): Promise<ExamMonitorSnapshot> {
    const scope = await this.check(principal, examId, requestedCollegeId);
    return this.view(await this.poll.get(examId), scope);
  }

  /** Opens the stream after the same checks as the snapshot; a refused viewer gets the error as JSON. */
  async stream(
    principal: Principal,
    examId: number,
    requestedCollegeId: number | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const scope = await this.check(principal, examId, requestedCollegeId);
    const stream = openEventStream(request, reply, { staff: true });
    const stop = this.poll.subscribe(examId, {
      value: (figures) => stream.sendJson('snapshot', this.serialized(figures, scope)),
      error: () => stream.send('problem', { message: '实时数据暂时无法刷新，稍后自动重试' }),
    });
    stream.onClose(stop);
  }

  /**
   * The snapshot as JSON, made once per refresh for each scope: fifty admins of one scope share one
   * view and one serialisation (≈ 45 KB with 300 answering) instead of fifty.
   */
  private serialized(figures: ExamFigures, scope: ViewScope): string {
    let byScope = this.frames.get(figures);
    if (!byScope) {
      byScope = new Map();
      this.frames.set(figures, byScope);
    }
    const key = `${scope.reach}:${scope.selected}`;
    let json = byScope.get(key);
    if (json === undefined) {
      json = JSON.stringify(this.view(figures, scope));
      byScope.set(key, json);
    }
    return json;
  }

  onModuleDestroy(): void {
    this.poll.stop();
  }

  /** The colleges the viewer may see (null: all) and the one they look into (null: the school). */
  private async check(principal: Principal, examId: number, requestedCollegeId?: number): Promise<ViewScope> {
    const selected = this.access.collegeScope(principal, requestedCollegeId);
    const reach = this.access.collegeScope(principal);
    const exam = await this.exams.exam(examId);
    if (!exam) throw new NotFoundException('考试不存在');
    return { reach, selected };
  }

  private async load(examId: number): Promise<ExamFigures> {
    const exam = await this.exams.exam(examId);
    if (!exam) throw new NotFoundException('考试不存在');
    return { exam, ...(await this.query.load(exam, this.clock.date())) };
  }

  private view(figures: ExamFigures, { reach, selected: collegeId }: ViewScope): ExamMonitorSnapshot {
    const { exam, at } = figures;
    const reachable = reach === null ? figures.classes : figures.classes.filter((c) => c.collegeId === reach);
    const visible = collegeId === null ? reachable : reachable.filter((c) => c.collegeId === collegeId);
    const colleges = new Map<number, ExamMonitorGroup>();
    for (const row of reachable) {
      const college = colleges.get(row.collegeId) ?? { id: row.collegeId, name: row.collegeName, ...zero() };
      add(college, row);
      colleges.set(row.collegeId, college);
    }
    const total = zero();
    for (const row of visible) add(total, row);
    const classes: ExamMonitorClass[] =
      collegeId === null
        ? []
        : visible.map((row) => {
            const counts = zero();
            add(counts, row);
            return { id: row.classId, name: row.className, collegeId: row.collegeId, ...counts };
          });
    const answering: ExamMonitorAnswering[] = figures.open
      .filter((o) => collegeId === null || o.collegeId === collegeId)
      .sort((a, b) => a.deadline.getTime() - b.deadline.getTime())
      .slice(0, ANSWERING_LIMIT)
      .map((o) => ({
        attemptId: o.attemptId,
        userId: o.userId,
        username: o.username,
        name: o.name,
        collegeName: o.collegeName,
        className: o.className,
        startedAt: o.startedAt.toISOString(),
        deadline: o.deadline.toISOString(),
        secondsLeft: Math.max(0, Math.round((o.deadline.getTime() - at.getTime()) / 1000)),
        leaveCount: o.leaveCount,
      }));
    return {
      examId: exam.id,
      title: exam.title,
      at: at.toISOString(),
      state: stateAt(exam, at),
      opensAt: exam.opensAt.toISOString(),
      closesAt: exam.closesAt.toISOString(),
      refreshSeconds: this.refreshMs / 1000,
      collegeId,
      total: finish(total),
      colleges: [...colleges.values()].map(finish).sort((a, b) => a.id - b.id),
      classes: classes.map(finish).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      answering,
      answeringLimit: ANSWERING_LIMIT,
    };
  }
}

function zero(): ExamMonitorCounts {
  return { people: 0, notStarted: 0, answering: 0, submitted: 0, passed: 0, leaves: 0, passRate: 0 };
}

function add(counts: ExamMonitorCounts, row: MonitorClassRow): void {
  counts.people += row.people;
  counts.notStarted += row.notStarted;
  counts.answering += row.answering;
  counts.submitted += row.submitted;
  counts.passed += row.passed;
  counts.leaves += row.leaves;
}

function finish<T extends ExamMonitorCounts>(counts: T): T {
  counts.passRate = ratio(counts.passed, counts.people);
  return counts;
}

function stateAt(exam: Exam, at: Date): ExamMonitorSnapshot['state'] {
  if (exam.status !== 'published' || at < exam.opensAt) return 'upcoming';
  if (at >= exam.closesAt) return 'closed';
  return 'open';
}
