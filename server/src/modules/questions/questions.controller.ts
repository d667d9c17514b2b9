import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ALL_FRAUD_TYPES,
  FRAUD_TYPE_NAMES,
  Permission,
  type Page,
  type QuestionDto,
  type QuestionImportResult,
  type QuestionQualityReport,
  type QuestionSaveResult,
  type SeedResult,
} from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Permissions, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { sendFile } from '../../common/http/send-file';
import { readUpload } from '../../common/http/upload';
import {
  QuestionCountQueryDto,
  QuestionExportQueryDto,
  QuestionImportQueryDto,
  QuestionInputDto,
  QuestionListQueryDto,
  QuestionQualityQueryDto,
} from './dto/question.dto';
import { buildQuestionTemplate, writeQuestionsXlsx } from './formats/excel-template.writer';
import { writeGift } from './formats/gift.writer';
import { writeMoodleXml } from './formats/moodle-xml.writer';
import { QuestionImportService } from './question-import.service';
import { QuestionQualityService } from './question-quality.service';
import { QuestionSeedService } from './question-seed.service';
import { toDraft } from './question.mapper';
import { QuestionsService } from './questions.service';
import { AuditedExport } from '../audit/audited-export';

const MAX_QUESTION_FILE_BYTES = 10 * 1024 * 1024;
/** Where Moodle files an exported bank: one subcategory per fraud type below it. */
const MOODLE_CATEGORY = '$course$/top/校园反诈题库';

@ApiTags('题库')
@Controller()
export class QuestionsController {
  constructor(
    private readonly questions: QuestionsService,
    private readonly importer: QuestionImportService,
    private readonly seeder: QuestionSeedService,
    private readonly quality: QuestionQualityService,
  ) {}

  @Get('fraud-types')
  @SignedIn()
  @ApiOperation({ summary: '诈骗类型（公安部十大高发类型 + 其他）' })
  fraudTypes(): Array<{ code: string; name: string }> {
    return ALL_FRAUD_TYPES.map((code) => ({ code, name: FRAUD_TYPE_NAMES[code] }));
  }

  @Get('questions')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '题目列表（含答案，仅管理员）' })
  list(@Query() query: QuestionListQueryDto): Promise<Page<QuestionDto>> {
    return this.questions.list(query);
  }

  @Get('questions/count')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '符合条件的启用题目数（随机抽题规则可抽取的数量）' })
  count(@Query() query: QuestionCountQueryDto): Promise<{ count: number }> {
    return this.questions.count(query);
  }

  @Get('questions/groups')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '题库中已有的互斥组（编辑题目时自动补全用）' })
  groups(): Promise<string[]> {
    return this.questions.groups();
  }

  @Get('questions/quality-report')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({
    summary: '题库质量报告：命题质量检查提示的启用题目（可按规则、诈骗类型筛选）及题库的线索统计',
    description:
      '每道题列出全部提示及原因；cueStats 给出“选最长项”“多选排除一项”“判断题按措辞猜”等猜题策略的命中率及其随机水平。考后的题目分析（过易、过难、区分度为负）见 GET /api/stats/items。',
  })
  qualityReport(@Query() query: QuestionQualityQueryDto): Promise<QuestionQualityReport> {
    return this.quality.report(query);
  }

  @Get('questions/template')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '下载题目导入模板（.xlsx）' })
  async template(@Res() reply: FastifyReply): Promise<void> {
    await sendFile(reply, await buildQuestionTemplate(), '题目导入模板.xlsx');
  }

  @Get('questions/export')
  @AuditedExport()
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '导出题目（format=xlsx、moodle 即 Moodle XML，或 gift）' })
  async export(@Query() query: QuestionExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    const drafts = (await this.questions.all(query)).map(toDraft);
    switch (query.format ?? 'xlsx') {
      case 'moodle':
        await sendFile(
          reply,
          Buffer.from(writeMoodleXml(drafts, { category: MOODLE_CATEGORY }), 'utf8'),
          '题库导出.xml',
        );
        return;
      case 'gift':
        // Moodle's GIFT import takes a .txt file.
        await sendFile(
          reply,
          Buffer.from(writeGift(drafts, { category: MOODLE_CATEGORY }), 'utf8'),
          '题库导出-GIFT.txt',
        );
        return;
      case 'xlsx':
        await sendFile(reply, await writeQuestionsXlsx(drafts), '题库导出.xlsx');
    }
  }

  @Post('questions/import')
  @Permissions(Permission.QuestionManage)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: '导入题目（平台 Excel 模板、Moodle XML、GIFT、Aiken，自动识别）；有错误则全部不写入（422）',
    description:
      'skipInvalid=true：导入有效题目——有错误的题目不导入、列在 errors 中（题号或行号及原因），其余有效题目在一个事务中导入；文件中没有任何有效题目时仍为 422。',
  })
  async import(
    @CurrentUser() principal: Principal,
    @Req() request: FastifyRequest,
    @Query() query: QuestionImportQueryDto,
  ): Promise<QuestionImportResult> {
    const file = await readUpload(request, MAX_QUESTION_FILE_BYTES);
    return this.importer.import(principal, file.buffer, file.filename, {
      dryRun: query.dryRun ?? false,
      skipInvalid: query.skipInvalid ?? false,
    });
  }

  @Post('questions/seed')
  @Permissions(Permission.ContentSeed)
  @ApiOperation({ summary: '载入内置题库（只添加题库中还没有的题目）' })
  seed(): Promise<SeedResult> {
    return this.seeder.seed();
  }

  @Get('questions/:id')
  @Permissions(Permission.QuestionManage)
  get(@Param('id', ParseIntPipe) id: number): Promise<QuestionDto> {
    return this.questions.get(id);
  }

  @Post('questions')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({
    summary: '新建题目',
    description: '响应另含 warnings：命题质量检查的提示（含原因），只提示、不阻止保存。',
  })
  async create(@Body() body: QuestionInputDto): Promise<QuestionSaveResult> {
    const saved = await this.questions.create(body);
    return { ...saved, warnings: await this.quality.forSaved(saved) };
  }

  @Put('questions/:id')
  @Permissions(Permission.QuestionManage)
  @ApiOperation({
    summary: '修改题目（生成新版本，已作答的考试不受影响）',
    description: '响应另含 warnings（同新建题目）。',
  })
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: QuestionInputDto): Promise<QuestionSaveResult> {
    const saved = await this.questions.update(id, body);
    return { ...saved, warnings: await this.quality.forSaved(saved) };
  }

  @Post('questions/:id/retire')
  @HttpCode(200)
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '停用题目（不再被抽取）' })
  retire(@Param('id', ParseIntPipe) id: number): Promise<QuestionDto> {
    return this.questions.setStatus(id, 'retired');
  }

  @Post('questions/:id/restore')
  @HttpCode(200)
  @Permissions(Permission.QuestionManage)
  @ApiOperation({ summary: '重新启用题目' })
  restore(@Param('id', ParseIntPipe) id: number): Promise<QuestionDto> {
    return this.questions.setStatus(id, 'active');
  }
}
