import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { isDuplicateKeyError } from '../../database/db-errors';
import { Sql } from '../../database/sql';
import { NotifyOutboxService } from '../notify/notify-outbox.service';
import { fitList, link } from '../notify/notify-messages';
import { shanghaiDateTime } from '../stats/report-week';
import { ReportPeriodsService } from './report-periods.service';

/** Deadlines older than this are not announced any more (a robot added later gets no old news). */
const LOOK_BACK_MS = 7 * 24 * 3600_000;

/**
 * 报送逾期: once a period's deadline has passed, the school's group hears which units have not
 * reported, and each such college's group is told it is late. Each period is announced once per
 * robot (the outbox's idempotency key), whichever instance's job runs first.
 */
@Injectable()
export class ReportOverdueNotifier {
  private readonly logger = new Logger(ReportOverdueNotifier.name);

  constructor(
    private readonly periods: ReportPeriodsService,
    private readonly outbox: NotifyOutboxService,
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Cron('*/10 * * * *', { name: 'report-overdue' })
  async onSchedule(): Promise<void> {
    try {
      await this.run();
    } catch (error) {
      this.logger.error(`Overdue reports could not be announced: ${String(error)}`);
    }
  }

  /** Queues the notices of the periods that fell due; answers how many periods were announced. */
  async run(): Promise<number> {
    const now = this.clock.date();
    const overdue = await this.periods.overdue(new Date(now.getTime() - LOOK_BACK_MS), now);
    for (const { period, missing } of overdue) {
      const collegeIds = missing.filter((u) => u.kind === 'college').map((u) => u.id);
      const due = shanghaiDateTime(period.dueAt);
      const { lines } = fitList([{ heading: '尚未报送', names: missing.map((u) => u.name) }]);
      try {
        await this.sql.transaction((manager) =>
          this.outbox.enqueue(manager, {
            kind: 'report-overdue',
            subject: `report-period:${period.id}`,
            target: { school: true, colleges: collegeIds },
            message: (collegeId) =>
              collegeId === null
                ? {
                    title: `信息报送逾期：${period.title}`,
                    lines: [`「${period.title}」已于 ${due} 截止。`, ...lines],
                    link: link(this.config.publicUrl, `/reports/periods/${period.id}`, '查看报送情况'),
                  }
                : {
                    title: `信息报送逾期：${period.title}`,
                    lines: [`本学院尚未提交「${period.title}」（${due} 截止），请报送人尽快登录平台补报。`],
                    link: link(this.config.publicUrl, '/reports/my', '去报送'),
                  },
          }),
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    if (overdue.length > 0) this.outbox.kick();
    return overdue.length;
  }
}
