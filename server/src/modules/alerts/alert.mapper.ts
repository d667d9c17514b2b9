import type { AlertDto, AlertStatus, MyAlertDto } from '@campus/shared';
import type { Alert } from './alert.entity';

export function alertStatus(alert: Pick<Alert, 'publishAt' | 'withdrawnAt'>, now: Date): AlertStatus {
  if (alert.withdrawnAt) return 'withdrawn';
  return alert.publishAt > now ? 'scheduled' : 'published';
}

export function mapAlert(a: Alert, now: Date, counts: { audienceCount: number; readCount: number }): AlertDto {
  return {
    id: a.id,
    title: a.title,
    content: a.content,
    level: a.level,
    audience: { roles: a.audience.roles, collegeIds: a.audience.collegeIds },
    publishAt: a.publishAt.toISOString(),
    status: alertStatus(a, now),
    withdrawnAt: a.withdrawnAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    createdByName: a.createdByName,
    link: a.link,
    ...counts,
  };
}

export function mapMyAlert(a: Alert, readAt: Date | null): MyAlertDto {
  return {
    id: a.id,
    title: a.title,
    content: a.content,
    level: a.level,
    publishAt: a.publishAt.toISOString(),
    link: a.link,
    readAt: readAt?.toISOString() ?? null,
  };
}
