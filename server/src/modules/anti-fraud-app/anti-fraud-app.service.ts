import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AntiFraudAppRecord, AntiFraudAppReportRequest } from '@campus/shared';
import type { DataSource } from 'typeorm';
import { AccessService } from '../../common/auth/access.service';
import type { Principal } from '../../common/auth/principal';
import { IMAGE_TYPES } from '../../common/files/file-type';
import { FileStore } from '../../common/files/file-store';
import type { StoredFile } from '../../common/files/stored-file.entity';
import type { UploadedFile } from '../../common/http/upload';
import { User } from '../users/user.entity';
import { AntiFraudAppReport } from './anti-fraud-app-report.entity';

function mapRecord(userId: number, report: AntiFraudAppReport | null): AntiFraudAppRecord {
  return {
    userId,
    installed: report?.installed ?? false,
    registered: report?.registered ?? false,
    hasScreenshot: report?.screenshotFileId != null,
    reportedAt: report?.reportedAt.toISOString() ?? null,
  };
}

/** Each person's own 国家反诈中心 APP record (应安尽安). The figures over everyone are AntiFraudAppStatsService's. */
@Injectable()
export class AntiFraudAppService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FileStore,
    private readonly access: AccessService,
  ) {}

  async mine(principal: Principal): Promise<AntiFraudAppRecord> {
    return mapRecord(principal.id, await this.find(principal.id));
  }

  /**
   * Replaces the caller's record; saying it is not installed any more drops the screenshot. A first
   * report with nothing ticked is refused.
   */
  async report(principal: Principal, body: AntiFraudAppReportRequest): Promise<AntiFraudAppRecord> {
    if (body.registered && !body.installed) {
      throw new BadRequestException({
        message: '注册前需要先安装国家反诈中心 APP',
        errors: [{ field: 'registered', message: '注册前需要先安装' }],
      });
    }
    const current = await this.find(principal.id);
    // Nothing ticked is not a registration: it would only put a 未安装 record with a time on the
    // person (登记于 …) as if they had reported something. It is accepted only as a correction of an
    // earlier 已安装 (uninstalled since), which must lower the install figures.
    if (!body.installed && !body.registered && !current?.installed) {
      throw new BadRequestException({
        message: '请勾选“我已安装国家反诈中心 APP”后再登记；还没有安装的，请先在手机应用商店搜索“国家反诈中心”下载安装',
        errors: [{ field: 'installed', message: '请先安装并勾选' }],
      });
    }
    const dropScreenshot = !body.installed && current?.screenshotFileId != null;
    const row = {
      userId: principal.id,
      installed: body.installed,
      registered: body.registered,
      screenshotFileId: dropScreenshot ? null : (current?.screenshotFileId ?? null),
      reportedAt: new Date(),
    };
    await this.dataSource.getRepository(AntiFraudAppReport).upsert(row, ['userId']);
    if (dropScreenshot) await this.files.remove(current.screenshotFileId!);
    return mapRecord(principal.id, Object.assign(new AntiFraudAppReport(), row));
  }

  /** A screenshot proving the install; replaces an earlier one. */
  async saveScreenshot(principal: Principal, upload: UploadedFile): Promise<AntiFraudAppRecord> {
    const current = await this.find(principal.id);
    if (!current?.installed) throw new ConflictException('请先登记已安装国家反诈中心 APP，再上传截图');
    const stored = await this.files.save(upload, {
      folder: 'anti-fraud-app',
      allowed: IMAGE_TYPES,
      allowedLabel: 'PNG、JPG 或 WebP 图片',
      uploadedBy: principal.id,
    });
    await this.dataSource
      .getRepository(AntiFraudAppReport)
      .update({ userId: principal.id }, { screenshotFileId: stored.id });
    if (current.screenshotFileId != null) await this.files.remove(current.screenshotFileId);
    return mapRecord(principal.id, { ...current, screenshotFileId: stored.id });
  }

  /** A person's screenshot, for themself or an admin whose scope includes them. */
  async screenshot(principal: Principal, userId: number): Promise<{ file: StoredFile; body: Buffer }> {
    const owner = await this.dataSource
      .getRepository(User)
      .findOne({ where: { id: userId }, select: { id: true, collegeId: true } });
    if (!owner) throw new NotFoundException('用户不存在');
    this.access.assertSelfOrAdmin(principal, owner.id, owner.collegeId);
    const report = await this.find(userId);
    const stored = report?.screenshotFileId != null ? await this.files.read(report.screenshotFileId) : null;
    if (!stored) throw new NotFoundException('没有上传截图');
    return stored;
  }

  private find(userId: number): Promise<AntiFraudAppReport | null> {
    return this.dataSource.getRepository(AntiFraudAppReport).findOne({ where: { userId } });
  }
}
