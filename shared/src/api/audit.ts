import type { PageQuery } from './common';

/** Every admin action the audit log records, with its label. Add an action here, then record it. */
export const AUDIT_ACTIONS = {
  'roster.import': '导入花名册',
  'roster.passwords-export': '导出初始密码',
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
  'teaching.assign': '分配授课班级',
  'teaching.unassign': '取消授课班级',
  'school.update': '修改学校信息',
  'weekly-report.generate': '生成临时通报',
  'weekly-report.delete': '删除临时通报',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export interface AuditLogDto {
  id: number;
  actorId: number | null;
  actorName: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  details: Record<string, unknown> | null;
  at: string;
}

export interface AuditLogQuery extends PageQuery {
  action?: string;
  actorId?: number;
  targetType?: string;
  /** Actor name or words of the summary. */
  q?: string;
  from?: string;
  to?: string;
}
