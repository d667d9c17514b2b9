import type { PageQuery } from './common';

/** Every admin action the audit log records, with its label. Add an action here, then record it. */
export const AUDIT_ACTIONS = {
  'roster.import': '导入花名册',
  'roster.passwords-export': '导出初始密码',
  'user.create': '添加人员',
  'user.update': '修改人员信息',
  'user.disable': '停用账号',
  'user.enable': '启用账号',
  'user.unlock': '解除登录锁定',
  'user.password-reset': '重置密码',
  'user.bulk-disable': '批量停用账号',
  'user.bulk-enable': '批量启用账号',
  'user.bulk-password-reset': '批量重置密码',
  'user.bulk-move-class': '批量调整班级',
  'question.import': '导入题目',
  'exam.publish': '发布考试',
  'exam.window': '调整考试时间',
  'exam.close': '提前结束考试',
  'exam.exception': '设置补考/缓考',
  'exam.exception-revoke': '取消补考/缓考',
  'exam.attempt-reset': '重置作答',
  'exam.copy': '复制考试',
  'exam.delete': '删除考试草稿',
  'alert.publish': '发布警示',
  'alert.withdraw': '撤回警示',
  'report-period.create': '设置报送周期',
  'report-period.update': '修改报送周期',
  'report.review': '审阅报送',
  'prompt.quick-questions': '设置课堂快问题目',
  'teaching.assign': '分配授课班级',
  'teaching.unassign': '取消授课班级',
  'class.adviser': '设置辅导员',
  'school.update': '修改学校信息',
  'weekly-report.generate': '生成临时通报',
  'weekly-report.delete': '删除临时通报',
  'notify.channel-create': '添加群机器人',
  'notify.channel-update': '修改群机器人',
  'notify.channel-delete': '删除群机器人',
  'notify.retry': '重发群消息',
  'notify.exam-reminder': '发送催考提醒',
  'year.rollover': '新学年',
  'retention.anonymise': '匿名化离校人员信息',
  'user.personal-data-export': '导出个人信息',
  'housekeeping.uploads': '清理未使用的上传文件',
  'auth.login': '登录',
  'auth.login-failed': '登录失败',
  'letter.create': '新建新生信',
  'letter.update': '修改新生信',
  'letter.delete': '删除新生信',
  'data.export': '导出数据',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** What kind of record an entry is about, in the words the log shows (题目「…」, 考试「…」). */
export const AUDIT_TARGET_TYPES = {
  user: '人员',
  account: '账号',
  teacher: '教师',
  roster: '花名册',
  question: '题目',
  exam: '考试',
  alert: '警示',
  letter: '新生信',
  prompt: '课前3分钟提示',
  class: '班级',
  college: '学院',
  school: '学校信息',
  report: '报送',
  'report-period': '报送周期',
  weekly_report: '周五通报',
  'notify-channel': '群机器人',
  'notify-delivery': '群消息',
  'enrollment-year': '入学年份',
  upload: '上传文件',
  export: '导出文件',
} as const;

export type AuditTargetType = keyof typeof AUDIT_TARGET_TYPES;

/**
 * The object column of the log: the kind in Chinese and the record's name when the entry carries
 * one (考试「入学第一考」), else its number (考试 #12), else the kind alone (花名册).
 */
export function auditObjectLabel(entry: {
  targetType: string;
  targetId: string | null;
  targetName: string | null;
}): string {
  const kind =
    entry.targetType in AUDIT_TARGET_TYPES ? AUDIT_TARGET_TYPES[entry.targetType as AuditTargetType] : entry.targetType;
  if (entry.targetName) return `${kind}「${entry.targetName}」`;
  if (entry.targetId) return `${kind} #${entry.targetId}`;
  return kind;
}

export interface AuditLogDto {
  id: number;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The record's name when the entry was written (a title, a person's name, a file name). */
  targetName: string | null;
  /** auditObjectLabel of the entry, e.g. 考试「入学第一考」. */
  object: string;
  summary: string;
  details: Record<string, unknown> | null;
  at: string;
}

export interface AuditLogQuery extends PageQuery {
  action?: string;
  actorId?: number;
  /** Words of the actor's name (or the account typed at a failed login). */
  actor?: string;
  targetType?: string;
  /** Words of the object's name. */
  target?: string;
  /** Actor name or words of the summary. */
  q?: string;
  from?: string;
  to?: string;
}
