import type { PageQuery } from './common';

/**
 * 信息报送 (campaign plan 五(三)): every college and department names a person who reports its work
 * and incidents to the leading group's office (保卫处). A unit is a college (reported by its college
 * admin) or a department such as 学生处 (reported by its staff accounts).
 */
export type ReportUnitKind = 'college' | 'department';

export interface ReportUnit {
  kind: ReportUnitKind;
  id: number;
  name: string;
}

/** Body of POST/PUT /api/report-periods. Dates of the covered span are `YYYY-MM-DD`. */
export interface ReportPeriodInput {
  title: string;
  startsOn: string;
  endsOn: string;
  /** The deadline; a report submitted after it is late, a unit without one after it is missing. */
  dueAt: string;
  collegeIds: number[];
  departmentIds: number[];
}

/** What each unit of a period stands at. pending: not yet submitted and not yet due. */
export type UnitReportStatus = 'pending' | 'submitted' | 'late' | 'missing';

export const UNIT_REPORT_STATUS_LABELS: Record<UnitReportStatus, string> = {
  pending: '未提交',
  submitted: '按时提交',
  late: '逾期提交',
  missing: '逾期未报',
};

export interface ReportPeriodCounts {
  required: number;
  submitted: number;
  late: number;
  missing: number;
  pending: number;
  reviewed: number;
}

export interface ReportPeriodDto extends ReportPeriodInput {
  id: number;
  createdAt: string;
  counts: ReportPeriodCounts;
}

/** One required unit of a period and its report, if any. */
export interface ReportPeriodUnitRow {
  unit: ReportUnit;
  status: UnitReportStatus;
  reportId: number | null;
  submittedAt: string | null;
  reviewed: boolean;
}

export interface ReportPeriodDetail extends ReportPeriodDto {
  units: ReportPeriodUnitRow[];
}

/** Body of POST /api/reports and PUT /api/reports/:id. Without a period it is an ad-hoc report (e.g. 重大信息 随时上报). */
export interface ReportInput {
  periodId?: number | null;
  title: string;
  content: string;
  /** 重大信息: the office is notified at once. */
  incident: boolean;
}

export type ReportState = 'submitted' | 'reviewed';

export interface ReportSummaryDto {
  id: number;
  periodId: number | null;
  periodTitle: string | null;
  unit: ReportUnit;
  title: string;
  incident: boolean;
  state: ReportState;
  late: boolean;
  submittedAt: string;
  submittedByName: string;
  /** The reporter's last correction, or null if never corrected. */
  editedAt: string | null;
  reviewedAt: string | null;
  attachmentCount: number;
  commentCount: number;
}

export interface ReportAttachmentDto {
  id: number;
  filename: string;
  mimeType: string;
  size: number;
  uploadedAt: string;
}

export interface ReportCommentDto {
  id: number;
  authorName: string;
  /** Written by the office (ReportManage) rather than the reporting unit. */
  fromOffice: boolean;
  body: string;
  createdAt: string;
}

export interface ReportDetailDto extends ReportSummaryDto {
  content: string;
  reviewedByName: string | null;
  attachments: ReportAttachmentDto[];
  comments: ReportCommentDto[];
}

export interface ReportListQuery extends PageQuery {
  periodId?: number;
  state?: ReportState;
  incident?: boolean;
  unitKind?: ReportUnitKind;
  unitId?: number;
  q?: string;
}

export interface ReportCommentRequest {
  body: string;
}

export interface ReportReviewRequest {
  comment?: string;
}

/** GET /api/my/report-tasks: the periods the caller's unit must report for, newest first. */
export interface MyReportTask {
  periodId: number;
  title: string;
  startsOn: string;
  endsOn: string;
  dueAt: string;
  status: UnitReportStatus;
  reportId: number | null;
  reviewed: boolean;
}

export interface MyReportUnit {
  /** null: the caller reports for no unit (no college admin, no department). */
  unit: ReportUnit | null;
}

/** Late or missing reports, for the admin home page. */
export interface ReportAttentionSummary {
  missing: number;
  late: number;
  periods: Array<{ id: number; title: string; dueAt: string; missing: ReportUnit[]; late: ReportUnit[] }>;
}

export interface ReportUnitOptions {
  colleges: ReportUnit[];
  departments: ReportUnit[];
}

/** Attachments: office documents, PDF and images, at most this large each, this many per report. */
export const REPORT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const REPORT_ATTACHMENT_MAX_COUNT = 10;
export const REPORT_ATTACHMENT_TYPES_LABEL = 'PDF、Word、Excel、PNG、JPG';

/** A unit's standing: what the office's table and the home page count. */
export function unitReportStatus(dueAt: string | Date, submittedAt: string | Date | null, now: Date): UnitReportStatus {
  const due = new Date(dueAt).getTime();
  if (submittedAt === null) return now.getTime() > due ? 'missing' : 'pending';
  return new Date(submittedAt).getTime() > due ? 'late' : 'submitted';
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The monthly default (领导小组每月督导): the calendar month, due at 17:00 Beijing time on the 5th
 * of the following month.
 */
export function monthlyPeriodDefaults(
  year: number,
  month: number,
): Pick<ReportPeriodInput, 'title' | 'startsOn' | 'endsOn' | 'dueAt'> {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  return {
    title: `${year}年${month}月反诈工作信息报送`,
    startsOn: `${year}-${pad(month)}-01`,
    endsOn: `${year}-${pad(month)}-${pad(lastDay)}`,
    dueAt: `${nextYear}-${pad(nextMonth)}-05T17:00:00+08:00`,
  };
}
