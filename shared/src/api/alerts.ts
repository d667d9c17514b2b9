import { Role } from '../roles';
import type { PageQuery, PersonRef } from './common';

/** 提示 / 预警 / 紧急. An urgent alert must be acknowledged before a student or teacher may go on. */
export type AlertLevel = 'info' | 'warning' | 'urgent';

export const ALERT_LEVELS: readonly AlertLevel[] = ['info', 'warning', 'urgent'];

export const ALERT_LEVEL_LABELS: Record<AlertLevel, string> = { info: '提示', warning: '预警', urgent: '紧急' };

/** Who an alert is for; an empty or missing list does not restrict (everyone). */
export interface AlertAudience {
  roles?: Role[];
  collegeIds?: number[];
}

/** Body of POST /api/alerts (API.md). Without `publishAt` (or with a past one) it is published at once. */
export interface AlertInput {
  title: string;
  content: string;
  level: AlertLevel;
  audience: AlertAudience;
  publishAt?: string;
}

/** scheduled: publishAt still ahead; published: visible; withdrawn: hidden from everyone. */
export type AlertStatus = 'scheduled' | 'published' | 'withdrawn';

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/** An alert as admins see it. */
export interface AlertDto {
  id: number;
  title: string;
  content: string;
  level: AlertLevel;
  audience: Required<AlertAudience>;
  publishAt: string;
  status: AlertStatus;
  withdrawnAt: string | null;
  createdAt: string;
  createdByName: string;
  /** A page of the web app the alert points to (e.g. a 重大信息 report), or null. */
  link: string | null;
  /** People the audience reaches now, and how many of them have read it. */
  audienceCount: number;
  readCount: number;
}

/** GET /api/my/alerts: newest first, each with the caller's `readAt`. */
export interface MyAlertDto {
  id: number;
  title: string;
  content: string;
  level: AlertLevel;
  publishAt: string;
  link: string | null;
  readAt: string | null;
}

export interface AlertListQuery extends PageQuery {
  status?: AlertStatus;
  level?: AlertLevel;
  q?: string;
}

/** Read rate of one alert within one college (collegeId null: staff without a college). */
export interface AlertReadRateRow {
  collegeId: number | null;
  collegeName: string;
  people: number;
  read: number;
  /** 0–1 */
  readRate: number;
}

export interface AlertReadStats {
  alertId: number;
  rows: AlertReadRateRow[];
  total: Omit<AlertReadRateRow, 'collegeId' | 'collegeName'>;
}

/** One person of the audience who has not read an alert. */
export interface AlertUnreadRow extends PersonRef {
  role: Role;
}

export interface AlertUnreadQuery extends PageQuery {
  collegeId?: number;
  classId?: number;
  q?: string;
}

/** The `code` of the 403 every other route answers while an urgent alert waits to be acknowledged. */
export const URGENT_ALERT_PENDING = 'URGENT_ALERT_PENDING';

/** Roles an urgent alert stops until acknowledged: the people the campaign must reach. Admins are never blocked. */
export const ROLES_BLOCKED_BY_URGENT_ALERTS: readonly Role[] = [Role.Student, Role.Teacher];

/** Whether an alert's audience includes a person. Both the server and the page use this one rule. */
export function alertAddressedTo(audience: AlertAudience, person: { role: Role; collegeId: number | null }): boolean {
  const roles = audience.roles ?? [];
  const colleges = audience.collegeIds ?? [];
  if (roles.length > 0 && !roles.includes(person.role)) return false;
  if (colleges.length > 0 && (person.collegeId === null || !colleges.includes(person.collegeId))) return false;
  return true;
}
