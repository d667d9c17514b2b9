import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type NextPromptDto,
  type Page,
  type PromptCoverageDto,
  type PromptDeliveryDto,
} from '@campus/shared';
import type { FastifyReply } from 'fastify';
import { AnyPermission, CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import {
  NextPromptQueryDto,
  PromptCoverageQueryDto,
  PromptDeliveryInputDto,
  PromptDeliveryQueryDto,
} from './dto/prompt.dto';
import { PromptCoverageService } from './prompt-coverage.service';
import { PromptDeliveryService } from './prompt-delivery.service';

/**
 * Giving prompts to classes: the next one for a class, logging a talk, the records and coverage.
 * Registered before PromptsController, and its static paths (next, deliveries, coverage) are never
 * read as a prompt id.
 */
@ApiTags('课前3分钟')
@Controller('prompts')
export class PromptDeliveriesController {
  constructor(
    private readonly deliveries: PromptDeliveryService,
    private readonly coverageService: PromptCoverageService,
  ) {}

  @Get('next')
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({
    summary:
      '给某班推荐下一条提示：本班未听过、未过期，与上次不同类型，并说明理由；全部听过时 404（repeat=true 开始新一轮）',
  })
  next(@CurrentUser() principal: Principal, @Query() query: NextPromptQueryDto): Promise<NextPromptDto> {
    return this.deliveries.next(principal, query);
  }

  @Get('deliveries')
  @AnyPermission(Permission.PromptDeliver, Permission.PromptCoverageRead)
  @ApiOperation({ summary: '讲授记录（教师只看自己的，学院管理员只看本学院）' })
  list(@CurrentUser() principal: Principal, @Query() query: PromptDeliveryQueryDto): Promise<Page<PromptDeliveryDto>> {
    return this.deliveries.list(principal, query);
  }

  @Get('coverage')
  @Permissions(Permission.PromptCoverageRead)
  @ApiOperation({ summary: '覆盖情况：某周各学院、各班讲了几次，哪些班还没讲，近 8 周趋势' })
  coverage(@CurrentUser() principal: Principal, @Query() query: PromptCoverageQueryDto): Promise<PromptCoverageDto> {
    return this.coverageService.coverage(principal, query);
  }

  @Post(':id/deliveries')
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({
    summary: '登记已讲（教师、班级、时间）；同一提示一小时内给同一班再次登记算同一次（200，返回原记录）',
  })
  async deliver(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: PromptDeliveryInputDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PromptDeliveryDto> {
    const { delivery, created } = await this.deliveries.deliver(principal, id, body.classId);
    void reply.status(created ? 201 : 200);
    return delivery;
  }
}
