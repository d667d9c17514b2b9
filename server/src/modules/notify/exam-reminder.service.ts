import { ConflictException, HttpException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EXAM_REMINDER_INTERVAL_MINUTES,
  type ExamReminderResult,
  type NotPassedPerson,
  type NotReachedPerson,
} from '@campus/shared';
import { In, Like, MoreThan, type DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { College } from '../org/college.entity';
import { StatsService } from '../stats/stats.service';
import type { ExamReminderInputDto } from './dto/notify.dto';
import { NotifyChannel } from './notify-channel.entity';
import { fitList, link } from './notify-messages';
import { NotifyDeliveriesService } from './notify-deliveries.service';
import { NotifyOutbox } from './notify-outbox.entity';
import { NotifyOutboxService } from './notify-outbox.service';

/** A college's list is at most a few thousand people; the message names as many as fit. */
const MAX_PEOPLE = 5000;
const INTERVAL_MS = EXAM_REMINDER_INTERVAL_MINUTES * 60_000;

const LIST_WORDS = {
  'not-passed': { title: '催考提醒', what: '以下同学尚未通过反诈知识考试，请尽快登录平台完成考试' },
  'not-reached': { title: '学习提醒', what: '以下同学尚未参加任何反诈宣传学习，请尽快登录平台完成学习与考试' },
} as const;

/**
 * 催考: the way 学生处 chases students today — the named list posted to the college's own group.
 * Names go only to that college's robots (never the school's group or another college's), at
 * most once per list and college every EXAM_REMINDER_INTERVAL_MINUTES.
 */
@Injectable()
export class ExamReminderService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly stats: StatsService,
    private readonly outbox: NotifyOutboxService,
    private readonly deliveries: NotifyDeliveriesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async send(principal: Principal, input: ExamReminderInputDto): Promise<ExamReminderResult> {
    const collegeId = this.access.collegeScope(principal, input.collegeId) ?? input.collegeId;
    const college = await this.dataSource.getRepository(College).findOne({ where: { id: collegeId } });
    if (!college) throw new NotFoundException('学院不存在');
    const robots = await this.dataSource.getRepository(NotifyChannel).count({ where: { collegeId, enabled: true } });
    if (robots === 0) throw new ConflictException(`${college.name}尚未配置群机器人，请先在“群消息推送”中添加`);
    const now = this.clock.now();
    await this.assertNotTooSoon(input.list, collegeId, now);

    const query = {
      collegeId,
      examId: input.examId,
      enrollmentYear: input.enrollmentYear,
      classId: input.classId,
      page: 1,
      pageSize: MAX_PEOPLE,
    };
    const page =
      input.list === 'not-passed'
        ? await this.stats.notPassed(principal, query)
        : await this.stats.notReached(principal, query);
    if (page.total === 0) throw new ConflictException('名单为空，无需提醒');
    const message = this.message(input.list, college.name, page.items, page.total);
    // The window in the key makes two clicks racing past the check above queue one message.
    const subject = `${input.list}:college-${collegeId}:${Math.floor(now / INTERVAL_MS)}`;
    await this.sql.transaction((manager) =>
      this.outbox.enqueue(manager, {
        kind: 'exam-reminder',
        subject,
        target: { school: false, colleges: [collegeId] },
        message: () => message,
        actor: principal,
      }),
    );
    this.outbox.kick();
    await this.audit.record(
      principal,
      'notify.exam-reminder',
      { type: 'college', id: collegeId, name: college.name },
      `向${college.name}的群发送${LIST_WORDS[input.list].title}（${page.total} 人）`,
      { list: input.list, examId: input.examId ?? null, classId: input.classId ?? null },
    );
    const rows = await this.dataSource
      .getRepository(NotifyOutbox)
      .find({ where: { kind: 'exam-reminder', subject }, order: { id: 'ASC' } });
    const deliveries = await Promise.all(rows.map((r) => this.deliveries.get(principal, r.id)));
    return { people: page.total, deliveries };
  }

  private async assertNotTooSoon(list: string, collegeId: number, now: number): Promise<void> {
    const recent = await this.dataSource.getRepository(NotifyOutbox).findOne({
      where: {
        kind: 'exam-reminder',
        subject: Like(`${list}:college-${collegeId}:%`),
        createdAt: MoreThan(new Date(now - INTERVAL_MS)),
        status: In(['pending', 'sending', 'delivered']),
      },
      order: { createdAt: 'DESC' },
      select: { id: true, subject: true, createdAt: true },
    });
    if (!recent) return;
    const wait = Math.max(1, Math.ceil((recent.createdAt.getTime() + INTERVAL_MS - now) / 1000));
    throw new HttpException(
      {
        message: `${EXAM_REMINDER_INTERVAL_MINUTES} 分钟内已向该学院的群发过同一名单，请 ${Math.ceil(wait / 60)} 分钟后再发`,
        retryAfterSeconds: wait,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private message(
    list: 'not-passed' | 'not-reached',
    collegeName: string,
    people: Array<NotPassedPerson | NotReachedPerson>,
    total: number,
  ) {
    const byClass = new Map<string, string[]>();
    for (const person of people) {
      const names = byClass.get(person.className || '未分班') ?? [];
      names.push(person.name);
      byClass.set(person.className || '未分班', names);
    }
    const { lines, omitted } = fitList([...byClass].map(([heading, names]) => ({ heading, names })));
    const words = LIST_WORDS[list];
    const tail =
      omitted > 0 || total > people.length
        ? [`另有 ${total - people.length + omitted} 人未列出，完整名单请登录平台查看。`]
        : [];
    return {
      title: `${collegeName}${words.title}（${total} 人）`,
      lines: [`${words.what}：`, ...lines, ...tail],
      link: link(this.config.publicUrl, '/', '登录平台'),
    };
  }
}
