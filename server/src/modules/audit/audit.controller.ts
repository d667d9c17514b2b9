import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_ACTIONS, Permission, type AuditAction, type AuditLogDto, type Page } from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { Permissions } from '../../common/auth/access.decorators';
import { buildXlsx } from '../../common/files/xlsx-export';
import { sendFile } from '../../common/http/send-file';
import { AuditedExport } from './audited-export';
import { AUDIT_EXPORT_MAX_ROWS, AuditService } from './audit.service';
import { AuditLogQueryDto } from './dto/audit-log.query';

/** YYYY-MM-DD HH:mm:ss as a clock in Asia/Shanghai (UTC+8, no summer time) shows `at`. */
function shanghaiSeconds(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

@ApiTags('审计日志')
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Permissions(Permission.AuditRead)
  @ApiOperation({
    summary: '审计日志（系统管理员）：按操作类型、操作人、对象、时间段筛选，分页，最新在前',
  })
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return this.audit.list(query);
  }

  @Get('export')
  @AuditedExport()
  @Permissions(Permission.AuditRead)
  @ApiOperation({ summary: `导出筛选后的审计日志（.xlsx，最新在前，最多 ${AUDIT_EXPORT_MAX_ROWS} 条）` })
  async export(@Query() query: AuditLogQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const { items, total } = await this.audit.exportRows(query);
    const rows: Array<Array<string | null>> = items.map((l) => [
      shanghaiSeconds(new Date(l.at)),
      l.actorName,
      l.action in AUDIT_ACTIONS ? AUDIT_ACTIONS[l.action as AuditAction] : l.action,
      l.object,
      l.summary,
      l.details ? JSON.stringify(l.details) : null,
    ]);
    if (total > items.length) {
      rows.push([`（共 ${total} 条，文件只含最新的 ${items.length} 条；请缩小时间段后分批导出）`]);
    }
    const file = await buildXlsx([
      {
        name: '审计日志',
        columns: [
          { header: '时间', width: 20 },
          { header: '操作人', width: 14 },
          { header: '操作', width: 16 },
          { header: '对象', width: 28 },
          { header: '内容', width: 60 },
          { header: '详细信息', width: 60 },
        ],
        rows,
      },
    ]);
    await sendFile(reply, file, `审计日志-${shanghaiSeconds(new Date()).slice(0, 10)}.xlsx`);
  }
}
