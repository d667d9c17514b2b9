import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  hasPermission,
  Permission,
  REPORT_ATTACHMENT_MAX_COUNT,
  REPORT_ATTACHMENT_TYPES_LABEL,
  type Page,
  type ReportAttachmentDto,
  type ReportDetailDto,
  type ReportInput,
  type ReportSummaryDto,
  type ReportUnit,
} from '@campus/shared';
import { In, type Repository } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { Clock } from '../../common/clock/clock';
import { DOCUMENT_TYPES } from '../../common/files/file-type';
import { FileStore } from '../../common/files/file-store';
import type { StoredFile } from '../../common/files/stored-file.entity';
import { pageWindow } from '../../common/http/page-query.dto';
import type { UploadedFile } from '../../common/http/upload';
import { containsPattern } from '../../database/like';
import { AlertsService } from '../alerts/alerts.service';
import { AuditService } from '../audit/audit.service';
import type { ReportListQueryDto } from './dto/report.dto';
import { mapAttachment, mapComment, mapReportDetail, mapReportSummary } from './report.mapper';
import { ReportAttachment } from './report-attachment.entity';
import { ReportComment } from './report-comment.entity';
import { ReportPeriod } from './report-period.entity';
import { ReportUnitsService, sameUnit } from './report-units.service';
import { UnitReport } from './unit-report.entity';
import { isDuplicateKeyError } from '../../database/db-errors';

/** What a 重大信息 notice quotes of the report. */
const NOTICE_EXCERPT = 300;

/**
 * Units' reports: submitted and edited by the unit's reporter, read, commented and marked reviewed by
 * the office. A reporter reaches only their own unit's reports (AccessService.reportScope).
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectRepository(UnitReport) private readonly reports: Repository<UnitReport>,
    @InjectRepository(ReportPeriod) private readonly periods: Repository<ReportPeriod>,
    @InjectRepository(ReportAttachment) private readonly attachments: Repository<ReportAttachment>,
    @InjectRepository(ReportComment) private readonly comments: Repository<ReportComment>,
    private readonly units: ReportUnitsService,
    private readonly access: AccessService,
    private readonly files: FileStore,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async submit(principal: Principal, input: ReportInput): Promise<ReportDetailDto> {
    const unit = await this.reportingUnit(principal);
    const period = input.periodId != null ? await this.periods.findOne({ where: { id: input.periodId } }) : null;
    if (input.periodId != null) {
      if (!period) throw new NotFoundException('报送周期不存在');
      const required = unit.kind === 'college' ? period.collegeIds : period.departmentIds;
      if (!required.includes(unit.id)) throw new ForbiddenException(`${unit.name}不在「${period.title}」的报送范围内`);
      const existing = await this.reports.count({
        where: { periodId: period.id, unitKind: unit.kind, unitId: unit.id },
      });
      if (existing > 0) throw new ConflictException(`${unit.name}已提交「${period.title}」的报送，请修改已提交的报送`);
    }
    const repo = this.reports;
    const report = await repo
      .save(
        repo.create({
          periodId: period?.id ?? null,
          unitKind: unit.kind,
          unitId: unit.id,
          title: input.title.trim(),
          content: input.content.trim(),
          incident: input.incident,
          submittedBy: principal.id,
          submittedByName: principal.name,
          submittedAt: this.clock.date(),
          editedAt: null,
          reviewedAt: null,
          reviewedBy: null,
          reviewedByName: null,
        }),
      )
      .catch((error: unknown) => {
        // Two reporters of one unit submitting the same period at once: the unique key keeps one.
        if (isDuplicateKeyError(error)) throw new ConflictException(`${unit.name}已提交本期报送，请刷新后修改`);
        throw error;
      });
    if (report.incident) await this.notifyOffice(principal, report, unit);
    return this.detail(principal, report.id);
  }

  /** The unit's reporter corrects the report until the office has reviewed it. */
  async update(principal: Principal, id: number, input: ReportInput): Promise<ReportDetailDto> {
    const { report, unit } = await this.editable(principal, id);
    const fields = { title: input.title.trim(), content: input.content.trim(), incident: input.incident };
    await this.reports.update({ id }, { ...fields, editedAt: this.clock.date() });
    // Marked 重大信息 only now: the office hears of it now.
    if (fields.incident && !report.incident) await this.notifyOffice(principal, { id, ...fields }, unit);
    return this.detail(principal, id);
  }

  async list(principal: Principal, query: ReportListQueryDto): Promise<Page<ReportSummaryDto>> {
    const scope = await this.scope(principal);
    const qb = this.reports.createQueryBuilder('r').orderBy('r.submittedAt', 'DESC').addOrderBy('r.id', 'DESC');
    if (scope)
      qb.andWhere('r.unitKind = :scopeKind AND r.unitId = :scopeId', { scopeKind: scope.kind, scopeId: scope.id });
    if (query.periodId) qb.andWhere('r.periodId = :periodId', { periodId: query.periodId });
    if (query.state === 'reviewed') qb.andWhere('r.reviewedAt IS NOT NULL');
    if (query.state === 'submitted') qb.andWhere('r.reviewedAt IS NULL');
    if (query.incident !== undefined) qb.andWhere('r.incident = :incident', { incident: query.incident });
    if (query.unitKind) qb.andWhere('r.unitKind = :unitKind', { unitKind: query.unitKind });
    if (query.unitId) qb.andWhere('r.unitId = :unitId', { unitId: query.unitId });
    if (query.q?.trim()) qb.andWhere('r.title LIKE :like', { like: containsPattern(query.q) });
    const { skip, take } = pageWindow(query);
    const [reports, total] = await qb.skip(skip).take(take).getManyAndCount();
    const ids = reports.map((r) => r.id);
    const [periods, names, attachments, comments] = await Promise.all([
      this.periodsOf(reports),
      this.units.names(),
      this.countBy(this.attachments, ids),
      this.countBy(this.comments, ids),
    ]);
    return {
      items: reports.map((r) =>
        mapReportSummary(r, r.periodId === null ? null : (periods.get(r.periodId) ?? null), names, {
          attachments: attachments.get(r.id) ?? 0,
          comments: comments.get(r.id) ?? 0,
        }),
      ),
      total,
    };
  }

  async detail(principal: Principal, id: number): Promise<ReportDetailDto> {
    const report = await this.reachable(principal, id);
    const [periods, names, attachments, comments] = await Promise.all([
      this.periodsOf([report]),
      this.units.names(),
      this.attachments.find({ where: { reportId: id }, relations: { file: true }, order: { id: 'ASC' } }),
      this.comments.find({ where: { reportId: id }, order: { id: 'ASC' } }),
    ]);
    const period = report.periodId === null ? null : (periods.get(report.periodId) ?? null);
    return mapReportDetail(
      report,
      period,
      names,
      attachments.map((a) => mapAttachment(a as ReportAttachment & { file: StoredFile })),
      comments.map(mapComment),
    );
  }

  async addAttachment(principal: Principal, id: number, upload: UploadedFile): Promise<ReportAttachmentDto> {
    await this.editable(principal, id);
    const count = await this.attachments.count({ where: { reportId: id } });
    if (count >= REPORT_ATTACHMENT_MAX_COUNT)
      throw new ConflictException(`每份报送最多 ${REPORT_ATTACHMENT_MAX_COUNT} 个附件`);
    const file = await this.files.save(upload, {
      folder: 'reports',
      allowed: DOCUMENT_TYPES,
      allowedLabel: REPORT_ATTACHMENT_TYPES_LABEL,
      uploadedBy: principal.id,
    });
    const repo = this.attachments;
    const saved = await repo.save(repo.create({ reportId: id, fileId: file.id }));
    return mapAttachment({ ...saved, file });
  }

  async removeAttachment(principal: Principal, id: number, attachmentId: number): Promise<void> {
    await this.editable(principal, id);
    const attachment = await this.attachments.findOne({ where: { id: attachmentId, reportId: id } });
    if (!attachment) throw new NotFoundException('附件不存在');
    await this.attachments.delete({ id: attachmentId });
    await this.files.remove(attachment.fileId);
  }

  async attachment(
    principal: Principal,
    id: number,
    attachmentId: number,
  ): Promise<{ file: StoredFile; body: Buffer }> {
    await this.reachable(principal, id);
    const attachment = await this.attachments.findOne({ where: { id: attachmentId, reportId: id } });
    const stored = attachment ? await this.files.read(attachment.fileId) : null;
    if (!stored) throw new NotFoundException('附件不存在');
    return stored;
  }

  /** The office's comment or the unit's reply. */
  async comment(principal: Principal, id: number, body: string): Promise<ReportDetailDto> {
    await this.reachable(principal, id);
    await this.addComment(principal, id, body);
    return this.detail(principal, id);
  }

  /** The office has read the report; reviewing again changes nothing. */
  async review(principal: Principal, id: number, comment: string | undefined): Promise<ReportDetailDto> {
    const report = await this.reachable(principal, id);
    if (comment?.trim()) await this.addComment(principal, id, comment);
    if (!report.reviewedAt) {
      await this.reports.update(
        { id },
        { reviewedAt: this.clock.date(), reviewedBy: principal.id, reviewedByName: principal.name },
      );
      const unit = (await this.units.names()).unit(report.unitKind, report.unitId);
      await this.audit.record(
        principal,
        'report.review',
        { type: 'report', id, name: report.title },
        `审阅${unit.name}的报送「${report.title}」`,
        comment?.trim() ? { comment: comment.trim() } : undefined,
      );
    }
    return this.detail(principal, id);
  }

  private async addComment(principal: Principal, reportId: number, body: string): Promise<void> {
    const repo = this.comments;
    await repo.save(
      repo.create({
        reportId,
        authorId: principal.id,
        authorName: principal.name,
        fromOffice: hasPermission(principal.role, Permission.ReportManage),
        body: body.trim(),
      }),
    );
  }

  private async notifyOffice(
    principal: Principal,
    report: Pick<UnitReport, 'id' | 'title' | 'content'>,
    unit: ReportUnit,
  ): Promise<void> {
    const excerpt =
      report.content.length > NOTICE_EXCERPT ? `${report.content.slice(0, NOTICE_EXCERPT)}…` : report.content;
    await this.alerts.notifyOffice(principal, {
      title: `【重大信息】${unit.name}：${report.title}`,
      content: `${unit.name} ${principal.name} 报送重大信息：\n${excerpt}`,
      link: `/reports/${report.id}`,
    });
  }

  /** The caller's own unit; only its reporters may submit or edit. */
  private async reportingUnit(principal: Principal): Promise<ReportUnit> {
    const unit = await this.units.ownUnit(principal);
    if (!unit) throw new ForbiddenException('您的账号未关联学院或部门，无法提交信息报送');
    return unit;
  }

  /** null: every unit (the office); otherwise the only unit the caller may see. */
  private async scope(principal: Principal): Promise<ReportUnit | null> {
    return this.access.reportScope(principal, await this.units.ownUnit(principal));
  }

  private async reachable(principal: Principal, id: number): Promise<UnitReport> {
    const report = await this.reports.findOne({ where: { id } });
    if (!report) throw new NotFoundException('报送不存在');
    const scope = await this.scope(principal);
    // Another unit's report does not exist as far as a reporter can tell.
    if (scope && !sameUnit(report, scope)) throw new NotFoundException('报送不存在');
    return report;
  }

  private async editable(principal: Principal, id: number): Promise<{ report: UnitReport; unit: ReportUnit }> {
    const report = await this.reachable(principal, id);
    const unit = await this.units.ownUnit(principal);
    if (!unit || !sameUnit(report, unit)) throw new ForbiddenException('只能修改本单位的报送');
    if (report.reviewedAt) throw new ConflictException('办公室已审阅，不能再修改；如需补充请留言');
    return { report, unit };
  }

  private async periodsOf(reports: UnitReport[]): Promise<Map<number, ReportPeriod>> {
    const ids = [...new Set(reports.map((r) => r.periodId).filter((id): id is number => id !== null))];
    if (ids.length === 0) return new Map();
    const periods = await this.periods.find({ where: { id: In(ids) } });
    return new Map(periods.map((p) => [p.id, p]));
  }

  private async countBy(
    repo: Repository<ReportAttachment> | Repository<ReportComment>,
    reportIds: number[],
  ): Promise<Map<number, number>> {
    if (reportIds.length === 0) return new Map();
    const rows = await repo
      .createQueryBuilder('x')
      .select(['x.reportId AS "reportId"', 'COUNT(*) AS "count"'])
      .where('x.reportId IN (:...reportIds)', { reportIds })
      .groupBy('x.reportId')
      .getRawMany<{ reportId: unknown; count: unknown }>();
    return new Map(rows.map((r) => [Number(r.reportId), Number(r.count)]));
  }
}
