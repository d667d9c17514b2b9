import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type Page, type PromptDto, type PromptImportResult, type PromptSeedResult } from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { readUpload } from '../../common/http/upload';
import { PromptImportQueryDto, PromptInputDto, PromptListQueryDto } from './dto/prompt.dto';
import { buildPromptTemplate, writePromptsXlsx } from './prompt-excel';
import { PromptImportService } from './prompt-import.service';
import { PromptSeedService } from './prompt-seed.service';
import { PromptsService } from './prompts.service';
import { ReadsFromReplica } from '../../database/read-replicas';
import { AuditedExport } from '../audit/audited-export';

const MAX_PROMPT_FILE_BYTES = 5 * 1024 * 1024;

/** The 课前3分钟 library: teachers browse it, school admins keep it. Static paths come before `:id`. */
@ApiTags('课前3分钟')
@Controller('prompts')
export class PromptsController {
  constructor(
    private readonly prompts: PromptsService,
    private readonly importer: PromptImportService,
    private readonly seeder: PromptSeedService,
  ) {}

  @Get()
  @Permissions(Permission.PromptRead)
  @ApiOperation({ summary: '提示列表（教师只看到启用且未过期的提示）' })
  list(@CurrentUser() principal: Principal, @Query() query: PromptListQueryDto): Promise<Page<PromptDto>> {
    return this.prompts.list(principal, query);
  }

  @ReadsFromReplica()
  @Get('export')
  @AuditedExport()
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '导出提示（.xlsx，按筛选条件，可改后再导入）' })
  async export(@Query() query: PromptListQueryDto, @Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await writePromptsXlsx(await this.prompts.all(query)), '课前3分钟提示.xlsx');
  }

  @Get('template')
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '下载提示导入模板（.xlsx）' })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await buildPromptTemplate(this.seeder.example()), '课前3分钟提示导入模板.xlsx');
  }

  @Post('import')
  @Permissions(Permission.PromptManage)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '导入提示（.xlsx / .csv）；dryRun=true 只预检；任何一行有错则全部不写入（422）' })
  async import(@Req() request: FastifyRequest, @Query() query: PromptImportQueryDto): Promise<PromptImportResult> {
    const file = await readUpload(request, MAX_PROMPT_FILE_BYTES);
    return this.importer.import(file.buffer, query.dryRun ?? false);
  }

  @Post('seed')
  @Permissions(Permission.ContentSeed)
  @ApiOperation({ summary: '载入内置的课前3分钟提示（只添加提示库中还没有的标题）' })
  seed(): Promise<PromptSeedResult> {
    return this.seeder.seed();
  }

  @Post()
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '新建提示' })
  create(@Body() body: PromptInputDto): Promise<PromptDto> {
    return this.prompts.create(body);
  }

  @Get(':id')
  @Permissions(Permission.PromptRead)
  get(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<PromptDto> {
    return this.prompts.get(principal, id);
  }

  @Put(':id')
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '修改提示（已登记的讲授记录不受影响）' })
  update(@Param('id', ParseIntPipe) id: number, @Body() body: PromptInputDto): Promise<PromptDto> {
    return this.prompts.update(id, body);
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '停用提示（不再推荐给老师，讲授记录保留）' })
  retire(@Param('id', ParseIntPipe) id: number): Promise<PromptDto> {
    return this.prompts.setStatus(id, 'retired');
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Permissions(Permission.PromptManage)
  @ApiOperation({ summary: '重新启用提示' })
  restore(@Param('id', ParseIntPipe) id: number): Promise<PromptDto> {
    return this.prompts.setStatus(id, 'active');
  }
}
