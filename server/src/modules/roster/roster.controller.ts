import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type RosterImportResult } from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsBoolean, IsOptional } from 'class-validator';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ToBool } from '../../common/http/query';
import { readUpload } from '../../common/http/upload';
import { sendFile } from '../../common/http/send-file';
import { BODY_LIMITS, BodyLimit } from '../../common/http/body-limit';
import { InitialPasswordExportDto } from './dto/initial-password-export.dto';
import { InitialPasswordsService } from './initial-passwords.service';
import { RosterImportService } from './roster-import.service';
import { buildRosterTemplate } from './roster-template';

const MAX_ROSTER_BYTES = 20 * 1024 * 1024;

class RosterImportQuery {
  @ToBool()
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@ApiTags('花名册')
@Controller('roster')
export class RosterController {
  constructor(
    private readonly importer: RosterImportService,
    private readonly passwords: InitialPasswordsService,
  ) {}

  @Post('import')
  @Permissions(Permission.RosterImport)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: '导入花名册（.xlsx / .csv，UTF-8 或 GBK）；dryRun=true 只预览；任何一行有错则全部不写入（422）',
  })
  async import(
    @Req() request: FastifyRequest,
    @Query() query: RosterImportQuery,
    @CurrentUser() principal: Principal,
  ): Promise<RosterImportResult> {
    const file = await readUpload(request, MAX_ROSTER_BYTES);
    return this.importer.import(principal, file.buffer, query.dryRun ?? false);
  }

  /**
   * The import answered the generated passwords once; this turns them into the table to hand out
   * (账号 / 姓名 / 初始密码), keeping only accounts still on that initial password. Audited.
   */
  @Post('initial-passwords')
  @BodyLimit(BODY_LIMITS.initialPasswords)
  @HttpCode(200)
  @Permissions(Permission.RosterImport)
  @ApiOperation({
    summary: '下载导入时生成的初始密码（.xlsx：账号/姓名/初始密码）；只含仍未修改密码的账号；记入审计日志',
  })
  async initialPasswords(
    @CurrentUser() principal: Principal,
    @Body() body: InitialPasswordExportDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendFile(reply, await this.passwords.export(principal, body.accounts), '初始密码.xlsx');
  }

  @Get('template')
  @Permissions(Permission.RosterImport)
  @ApiOperation({ summary: '下载花名册模板（.xlsx）' })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await buildRosterTemplate(), '花名册模板.xlsx');
  }
}
