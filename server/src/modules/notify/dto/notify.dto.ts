import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NOTIFY_PLATFORMS,
  type ExamReminderInput,
  type ExamReminderList,
  type NotifyChannelInput,
  type NotifyDeliveryQuery,
  type NotifyDeliveryStatus,
  type NotifyKind,
  type NotifyPlatform,
} from '@campus/shared';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/http/page-query.dto';
import { ToInt } from '../../../common/http/query';
import { NotBlank } from '../../../common/http/not-blank';

const STATUSES: NotifyDeliveryStatus[] = ['pending', 'sending', 'delivered', 'failed', 'cancelled'];
const KINDS: NotifyKind[] = ['test', 'alert', 'weekly-report', 'report-overdue', 'exam-reminder'];

export class NotifyChannelInputDto implements NotifyChannelInput {
  @ApiProperty({ nullable: true, description: '学院；null 为全校群（仅学校管理员、系统管理员）' })
  @ValidateIf((_, v) => v !== null)
  @IsInt({ message: '学院无效' })
  collegeId: number | null;

  @ApiProperty({ enum: NOTIFY_PLATFORMS })
  @IsIn(NOTIFY_PLATFORMS, { message: '平台只能是企业微信、钉钉或飞书' })
  platform: NotifyPlatform;

  @ApiProperty({ description: '群的名称，如 计算机学院2025级辅导员群' })
  @IsString()
  @NotBlank({ message: '名称不能为空' })
  @MaxLength(60, { message: '名称最多 60 个字' })
  name: string;

  @ApiPropertyOptional({ description: '机器人的 Webhook 地址；修改时留空表示不变' })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'Webhook 地址过长（最多 500 个字符）' })
  webhookUrl?: string;

  @ApiPropertyOptional({
    description: '钉钉加签密钥（SEC 开头）或飞书签名校验密钥；修改时省略表示不变，空字符串表示移除',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: '密钥过长（最多 200 个字符）' })
  secret?: string;

  @ApiProperty()
  @IsBoolean()
  enabled: boolean;
}

export class NotifyDeliveryQueryDto extends PageQueryDto implements NotifyDeliveryQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: NotifyDeliveryStatus;

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS)
  kind?: NotifyKind;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  channelId?: number;
}

export class ExamReminderInputDto implements ExamReminderInput {
  @ApiProperty({ enum: ['not-passed', 'not-reached'] })
  @IsIn(['not-passed', 'not-reached'], { message: '名单只能是未通过或未覆盖' })
  list: ExamReminderList;

  @ApiProperty({ description: '催考只发给该学院自己的群' })
  @IsInt({ message: '请选择学院' })
  collegeId: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  examId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1990)
  @Max(2100)
  enrollmentYear?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  classId?: number;
}
