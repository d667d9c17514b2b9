import type {
  ReportAttachmentDto,
  ReportCommentDto,
  ReportDetailDto,
  ReportPeriodCounts,
  ReportPeriodDto,
  ReportSummaryDto,
} from '@campus/shared';
import type { StoredFile } from '../../common/files/stored-file.entity';
import type { ReportAttachment } from './report-attachment.entity';
import type { ReportComment } from './report-comment.entity';
import type { ReportPeriod } from './report-period.entity';
import type { UnitNames } from './report-units.service';
import type { UnitReport } from './unit-report.entity';

export function mapPeriod(p: ReportPeriod, counts: ReportPeriodCounts): ReportPeriodDto {
  return {
    id: p.id,
    title: p.title,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    dueAt: p.dueAt.toISOString(),
    collegeIds: p.collegeIds,
    departmentIds: p.departmentIds,
    createdAt: p.createdAt.toISOString(),
    counts,
  };
}

export function mapReportSummary(
  r: UnitReport,
  period: ReportPeriod | null,
  names: UnitNames,
  counts: { attachments: number; comments: number },
): ReportSummaryDto {
  return {
    id: r.id,
    periodId: r.periodId,
    periodTitle: period?.title ?? null,
    unit: names.unit(r.unitKind, r.unitId),
    title: r.title,
    incident: r.incident,
    state: r.reviewedAt ? 'reviewed' : 'submitted',
    late: period !== null && r.submittedAt > period.dueAt,
    submittedAt: r.submittedAt.toISOString(),
    submittedByName: r.submittedByName,
    editedAt: r.editedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    attachmentCount: counts.attachments,
    commentCount: counts.comments,
  };
}

export function mapAttachment(a: ReportAttachment & { file: StoredFile }): ReportAttachmentDto {
  return {
    id: a.id,
    filename: a.file.originalName,
    mimeType: a.file.mimeType,
    size: a.file.size,
    uploadedAt: a.createdAt.toISOString(),
  };
}

export function mapComment(c: ReportComment): ReportCommentDto {
  return {
    id: c.id,
    authorName: c.authorName,
    fromOffice: c.fromOffice,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
  };
}

export function mapReportDetail(
  r: UnitReport,
  period: ReportPeriod | null,
  names: UnitNames,
  attachments: ReportAttachmentDto[],
  comments: ReportCommentDto[],
): ReportDetailDto {
  return {
    ...mapReportSummary(r, period, names, { attachments: attachments.length, comments: comments.length }),
    content: r.content,
    reviewedByName: r.reviewedByName,
    attachments,
    comments,
  };
}
