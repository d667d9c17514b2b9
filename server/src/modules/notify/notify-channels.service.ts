import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NOTIFY_PLATFORM_LABELS, type NotifyChannelDto, type NotifyDeliveryDto } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { AppConfig } from '../../config/app-config';
import { Sql } from '../../database/sql';
import { AuditService } from '../audit/audit.service';
import { College } from '../org/college.entity';
import { NotifyChannel } from './notify-channel.entity';
import { NotifyDeliveriesService } from './notify-deliveries.service';
import { collegeNames, mapChannel } from './notify.mapper';
import { NotifyOutboxService } from './notify-outbox.service';
import { NotifyWorker } from './notify-worker';
import { link } from './notify-messages';
import type { NotifyChannelInputDto } from './dto/notify.dto';
import { webhookProblem } from './webhook-url';

/**
 * Group robots: a college admin keeps their own college's, the school's admins any college's and
 * the school's own group (collegeId null).
 */
@Injectable()
export class NotifyChannelsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sql: Sql,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly outbox: NotifyOutboxService,
    private readonly worker: NotifyWorker,
    private readonly deliveries: NotifyDeliveriesService,
  ) {}

  async list(principal: Principal): Promise<NotifyChannelDto[]> {
    const collegeId = this.access.collegeScope(principal);
    const rows = await this.repo.find({
      where: collegeId === null ? {} : { collegeId },
      order: { collegeId: 'ASC', id: 'ASC' },
    });
    const names = await this.collegeNames();
    return rows
      .sort((a, b) => (a.collegeId ?? -1) - (b.collegeId ?? -1) || a.id - b.id)
      .map((row) => mapChannel(row, names));
  }

  async create(principal: Principal, input: NotifyChannelInputDto): Promise<NotifyChannelDto> {
    await this.assertScope(principal, input.collegeId);
    if (!input.webhookUrl?.trim()) throw invalid('webhookUrl', '请填写机器人的 Webhook 地址');
    const webhookUrl = this.checkedWebhook(input);
    const saved = await this.repo.save(
      this.repo.create({
        collegeId: input.collegeId,
        platform: input.platform,
        name: input.name.trim(),
        webhookUrl,
        secret: this.checkedSecret(input) ?? null,
        enabled: input.enabled,
        createdBy: principal.id,
      }),
    );
    const dto = mapChannel(saved, await this.collegeNames());
    await this.audit.record(
      principal,
      'notify.channel-create',
      { type: 'notify-channel', id: saved.id, name: saved.name },
      `添加${NOTIFY_PLATFORM_LABELS[saved.platform]}「${saved.name}」（${dto.scopeName}）`,
      { webhook: dto.webhookMasked, signed: dto.hasSecret },
    );
    return dto;
  }

  async update(principal: Principal, id: number, input: NotifyChannelInputDto): Promise<NotifyChannelDto> {
    const channel = await this.find(principal, id);
    await this.assertScope(principal, input.collegeId);
    if (input.platform !== channel.platform && !input.webhookUrl?.trim()) {
      throw invalid('webhookUrl', '更换平台时请重新填写 Webhook 地址');
    }
    const webhookUrl = input.webhookUrl?.trim() ? this.checkedWebhook(input) : channel.webhookUrl;
    const secret = this.checkedSecret(input);
    Object.assign(channel, {
      collegeId: input.collegeId,
      platform: input.platform,
      name: input.name.trim(),
      webhookUrl,
      secret: secret === undefined ? channel.secret : secret,
      enabled: input.enabled,
    });
    const saved = await this.repo.save(channel);
    const dto = mapChannel(saved, await this.collegeNames());
    await this.audit.record(
      principal,
      'notify.channel-update',
      { type: 'notify-channel', id, name: saved.name },
      `修改${NOTIFY_PLATFORM_LABELS[saved.platform]}「${saved.name}」（${dto.scopeName}）`,
      { webhook: dto.webhookMasked, signed: dto.hasSecret, enabled: dto.enabled },
    );
    return dto;
  }

  /** Removes the robot; its messages not yet sent are cancelled, the log keeps the rest. */
  async remove(principal: Principal, id: number): Promise<void> {
    const channel = await this.find(principal, id);
    await this.sql.transaction(async (manager) => {
      await this.sql.execute(
        `UPDATE notify_outbox SET status = 'cancelled', last_error = ? WHERE channel_id = ? AND status = 'pending'`,
        ['机器人已删除', id],
        manager,
      );
      await manager.getRepository(NotifyChannel).delete({ id });
    });
    await this.audit.record(
      principal,
      'notify.channel-delete',
      { type: 'notify-channel', id, name: channel.name },
      `删除${NOTIFY_PLATFORM_LABELS[channel.platform]}「${channel.name}」`,
    );
  }

  /**
   * 测试发送: queued like any message, then sent at once through the same claim (so no other
   * instance sends it twice); answers the delivery with the receiver's verdict.
   */
  async test(principal: Principal, id: number): Promise<NotifyDeliveryDto> {
    const channel = await this.find(principal, id);
    const now = this.clock.date();
    const subject = `channel-${channel.id}-${now.getTime()}`;
    await this.sql.transaction((manager) =>
      this.outbox.enqueue(manager, {
        kind: 'test',
        subject,
        target: { school: false, colleges: [], channelIds: [channel.id] },
        message: () => ({
          title: '校园反诈平台：测试消息',
          lines: [
            `这是一条测试消息：「${channel.name}」已与校园反诈学习考试平台连通。`,
            `此后紧急警示、周五通报、报送逾期和催考提醒会发到这个群。`,
          ],
          link: link(this.config.publicUrl, '/', '打开平台'),
        }),
        actor: principal,
      }),
    );
    const row = await this.deliveries.findBySubject(`test:${subject}:${channel.id}`);
    if (!row) throw new BadRequestException('机器人已停用，请先启用再测试');
    await this.worker.deliver(row.id);
    return this.deliveries.get(principal, row.id);
  }

  private checkedWebhook(input: NotifyChannelInputDto): string {
    const url = (input.webhookUrl ?? '').trim();
    const problem = webhookProblem(input.platform, url, this.config.notifyRelayHosts);
    if (problem) throw invalid('webhookUrl', problem);
    return url;
  }

  /** undefined: keep; null: remove; else the new secret. */
  private checkedSecret(input: NotifyChannelInputDto): string | null | undefined {
    if (input.secret === undefined) return undefined;
    const secret = input.secret.trim();
    if (secret === '') return null;
    if (input.platform === 'wecom') throw invalid('secret', '企业微信群机器人没有签名密钥，请留空');
    if (/\s/.test(secret)) throw invalid('secret', '密钥不能包含空格');
    return secret;
  }

  private async assertScope(principal: Principal, collegeId: number | null): Promise<void> {
    if (collegeId === null) {
      if (this.access.collegeScope(principal) !== null)
        throw new ForbiddenException('全校群的机器人只能由学校管理员配置');
      return;
    }
    this.access.assertCollege(principal, collegeId);
    if (!(await this.dataSource.getRepository(College).exists({ where: { id: collegeId } }))) {
      throw invalid('collegeId', '所选学院不存在');
    }
  }

  private async find(principal: Principal, id: number): Promise<NotifyChannel> {
    const channel = await this.repo.findOne({ where: { id } });
    if (
      !channel ||
      !this.access.canReachCollege(principal, channel.collegeId) ||
      (channel.collegeId === null && this.access.collegeScope(principal) !== null)
    ) {
      throw new NotFoundException('群机器人不存在');
    }
    return channel;
  }

  private collegeNames(): Promise<Map<number, string>> {
    return collegeNames(this.dataSource);
  }

  private get repo() {
    return this.dataSource.getRepository(NotifyChannel);
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, errors: [{ field, message }] });
}
