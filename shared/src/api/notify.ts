import type { PageQuery } from './common';

/**
 * Group robots the platform posts to: 企业微信 group robot, 钉钉 custom robot (signing secret
 * optional), 飞书 custom bot (signature optional). See server/src/modules/notify/README.md.
 */
export type NotifyPlatform = 'wecom' | 'dingtalk' | 'feishu';

export const NOTIFY_PLATFORMS: readonly NotifyPlatform[] = ['wecom', 'dingtalk', 'feishu'];

export const NOTIFY_PLATFORM_LABELS: Record<NotifyPlatform, string> = {
  wecom: '企业微信群机器人',
  dingtalk: '钉钉群机器人',
  feishu: '飞书群机器人',
};

/** What a message is about. */
export type NotifyKind = 'test' | 'alert' | 'weekly-report' | 'report-overdue' | 'exam-reminder';

export const NOTIFY_KIND_LABELS: Record<NotifyKind, string> = {
  test: '测试消息',
  alert: '紧急警示',
  'weekly-report': '周五通报',
  'report-overdue': '报送逾期',
  'exam-reminder': '催考提醒',
};

/**
 * pending: waiting for its (next) attempt; sending: an instance holds its lease; delivered: the
 * receiver accepted it (never sent again); failed: every attempt failed (an admin may retry);
 * cancelled: its reason went away (alert withdrawn, robot removed) before it was sent.
 */
export type NotifyDeliveryStatus = 'pending' | 'sending' | 'delivered' | 'failed' | 'cancelled';

export const NOTIFY_STATUS_LABELS: Record<NotifyDeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  delivered: '已送达',
  failed: '失败',
  cancelled: '已取消',
};

/** A robot of one college's group, or (collegeId null) of the whole school's. */
export interface NotifyChannelDto {
  id: number;
  collegeId: number | null;
  /** The college's name, or 全校 for the school's own group. */
  scopeName: string;
  platform: NotifyPlatform;
  name: string;
  /** The webhook with its key masked (e.g. key=693a…5aaa): the full address is never sent back. */
  webhookMasked: string;
  hasSecret: boolean;
  /** The last 4 characters of the signing secret, or null. */
  secretHint: string | null;
  enabled: boolean;
  updatedAt: string;
}

/**
 * POST /api/notify/channels and PUT /api/notify/channels/:id. On update an omitted `webhookUrl`
 * keeps the stored one; `secret` omitted keeps it, an empty string removes it.
 */
export interface NotifyChannelInput {
  collegeId: number | null;
  platform: NotifyPlatform;
  name: string;
  webhookUrl?: string;
  secret?: string;
  enabled: boolean;
}

export interface NotifyDeliveryDto {
  id: number;
  kind: NotifyKind;
  title: string;
  channelId: number | null;
  channelName: string;
  platform: NotifyPlatform | null;
  scopeName: string;
  status: NotifyDeliveryStatus;
  attempts: number;
  /** When it is (next) tried; null once delivered, failed or cancelled. */
  nextAttemptAt: string | null;
  /** What the receiver answered on the last failed attempt (HTTP status, errcode and errmsg, or 超时). */
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  createdByName: string | null;
}

export interface NotifyDeliveryQuery extends PageQuery {
  status?: NotifyDeliveryStatus;
  kind?: NotifyKind;
  collegeId?: number;
  channelId?: number;
}

/** The named list that 催考 sends. */
export type ExamReminderList = 'not-passed' | 'not-reached';

/** POST /api/notify/exam-reminders: the list's filters, always for one college. */
export interface ExamReminderInput {
  list: ExamReminderList;
  collegeId: number;
  examId?: number;
  enrollmentYear?: number;
  classId?: number;
}

export interface ExamReminderResult {
  /** People named in the message. */
  people: number;
  /** One delivery per robot of the college's group. */
  deliveries: NotifyDeliveryDto[];
}

/** One 催考 per college and list within this many minutes. */
export const EXAM_REMINDER_INTERVAL_MINUTES = 10;
