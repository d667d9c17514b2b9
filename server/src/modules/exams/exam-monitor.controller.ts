import { Controller, Get, NotAcceptableException, Param, ParseIntPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Permission, type ExamMonitorSnapshot } from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { acceptsEventStream } from '../../common/live/event-stream';
import { ExamMonitorQueryDto } from './dto/exam-monitor.dto';
import { ExamMonitorService } from './exam-monitor.service';

/** 考试实时监控 (issue 14 §1). */
@ApiTags('考试')
@Controller('exams/:id/monitor')
export class ExamMonitorController {
  constructor(private readonly monitor: ExamMonitorService) {}

  @Get()
  @Permissions(Permission.ExamResultsRead)
  @ApiOperation({
    summary: '考试实时监控（一次）：各学院/班级未开始、作答中、已交卷、已通过人数，通过率，作答中名单与切屏次数',
    description: '学院管理员只看到本学院；学校管理员可用 collegeId 查看一个学院的各班。',
  })
  snapshot(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ExamMonitorQueryDto,
  ): Promise<ExamMonitorSnapshot> {
    return this.monitor.snapshot(principal, id, query.collegeId);
  }

  @Get('stream')
  @Permissions(Permission.ExamResultsRead)
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: '考试实时监控（持续推送）：server-sent events，每次刷新发送一个 snapshot 事件（内容同上）',
    description:
      '请求须带 Accept: text/event-stream（否则 406）。每个服务器实例每场考试每个刷新周期只查询一次，与观看人数无关；连接约 10 分钟后由服务器结束，浏览器自动重连。',
  })
  async stream(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Query() query: ExamMonitorQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!acceptsEventStream(request))
      throw new NotAcceptableException('此地址为实时推送，请求须接受 text/event-stream');
    await this.monitor.stream(principal, id, query.collegeId, request, reply);
  }
}
