import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type ExamReminderResult,
  type NotifyChannelDto,
  type NotifyDeliveryDto,
  type Page,
} from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ExamReminderInputDto, NotifyChannelInputDto, NotifyDeliveryQueryDto } from './dto/notify.dto';
import { ExamReminderService } from './exam-reminder.service';
import { NotifyChannelsService } from './notify-channels.service';
import { NotifyDeliveriesService } from './notify-deliveries.service';

@ApiTags('群消息推送')
@Controller('notify')
export class NotifyController {
  constructor(
    private readonly channels: NotifyChannelsService,
    private readonly deliveries: NotifyDeliveriesService,
    private readonly reminders: ExamReminderService,
  ) {}

  @Get('channels')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '群机器人（学院管理员只看到本学院的）；Webhook 与密钥只返回打码后的形式' })
  listChannels(@CurrentUser() principal: Principal): Promise<NotifyChannelDto[]> {
    return this.channels.list(principal);
  }

  @Post('channels')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '添加群机器人（企业微信/钉钉/飞书）；collegeId 为 null 表示全校群' })
  createChannel(@CurrentUser() principal: Principal, @Body() body: NotifyChannelInputDto): Promise<NotifyChannelDto> {
    return this.channels.create(principal, body);
  }

  @Put('channels/:id')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '修改群机器人；webhookUrl 省略表示不变，secret 省略不变、空字符串移除' })
  updateChannel(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: NotifyChannelInputDto,
  ): Promise<NotifyChannelDto> {
    return this.channels.update(principal, id, body);
  }

  @Delete('channels/:id')
  @HttpCode(204)
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '删除群机器人；尚未发出的消息取消' })
  async removeChannel(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    await this.channels.remove(principal, id);
  }

  @Post('channels/:id/test')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '测试发送：立即发一条测试消息，返回发送结果（含接收方的错误）' })
  testChannel(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<NotifyDeliveryDto> {
    return this.channels.test(principal, id);
  }

  @Get('deliveries')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '发送记录（分页）：状态、尝试次数、下次重试时间与接收方的错误' })
  listDeliveries(
    @CurrentUser() principal: Principal,
    @Query() query: NotifyDeliveryQueryDto,
  ): Promise<Page<NotifyDeliveryDto>> {
    return this.deliveries.list(principal, query);
  }

  @Post('deliveries/:id/retry')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({ summary: '立即重试失败或等待中的消息；已送达的消息不会重发（409）' })
  retry(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<NotifyDeliveryDto> {
    return this.deliveries.retry(principal, id);
  }

  @Post('exam-reminders')
  @Permissions(Permission.NotifyManage)
  @ApiOperation({
    summary:
      '催考：把未通过/未覆盖名单（姓名与班级）发到该学院自己的群，附平台链接；同一学院同一名单 10 分钟一次（429）',
  })
  examReminder(@CurrentUser() principal: Principal, @Body() body: ExamReminderInputDto): Promise<ExamReminderResult> {
    return this.reminders.send(principal, body);
  }
}
