import type { NotifyChannelDto, NotifyDeliveryDto } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { College } from '../org/college.entity';
import type { NotifyChannel } from './notify-channel.entity';
import type { NotifyOutbox } from './notify-outbox.entity';
import { maskWebhook } from './webhook-url';

export const SCHOOL_SCOPE_NAME = '全校';

export function mapChannel(channel: NotifyChannel, collegeNames: Map<number, string>): NotifyChannelDto {
  return {
    id: channel.id,
    collegeId: channel.collegeId,
    scopeName: scopeName(channel.collegeId, collegeNames),
    platform: channel.platform,
    name: channel.name,
    webhookMasked: maskWebhook(channel.webhookUrl),
    hasSecret: channel.secret !== null,
    secretHint: channel.secret ? `…${channel.secret.slice(-4)}` : null,
    enabled: channel.enabled,
    updatedAt: channel.updatedAt.toISOString(),
  };
}

export function mapDelivery(
  row: NotifyOutbox,
  channels: Map<number, NotifyChannel>,
  collegeNames: Map<number, string>,
): NotifyDeliveryDto {
  const channel = row.channelId === null ? undefined : channels.get(row.channelId);
  const waiting = row.status === 'pending' || row.status === 'sending';
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    channelId: row.channelId,
    channelName: channel?.name ?? '（已删除的机器人）',
    platform: channel?.platform ?? null,
    scopeName: scopeName(row.collegeId, collegeNames),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: waiting ? row.nextAttemptAt.toISOString() : null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdByName: row.createdByName,
  };
}

function scopeName(collegeId: number | null, collegeNames: Map<number, string>): string {
  if (collegeId === null) return SCHOOL_SCOPE_NAME;
  return collegeNames.get(collegeId) ?? `#${collegeId}`;
}

export async function collegeNames(dataSource: DataSource): Promise<Map<number, string>> {
  const colleges = await dataSource.getRepository(College).find({ select: { id: true, name: true } });
  return new Map(colleges.map((c) => [c.id, c.name]));
}
