import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type AuditLogDto, type Page } from '@campus/shared';
import { Permissions } from '../../common/auth/access.decorators';
import { AuditService } from './audit.service';
import { AuditLogQueryDto } from './dto/audit-log.query';

@ApiTags('审计日志')
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Permissions(Permission.AuditRead)
  @ApiOperation({ summary: '审计日志（系统管理员）：按操作类型、操作人、对象类型、时间段筛选，分页，最新在前' })
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogDto>> {
    return this.audit.list(query);
  }
}
