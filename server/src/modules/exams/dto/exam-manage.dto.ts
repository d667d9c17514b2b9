import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AttemptResetInput, ExamExceptionInput, ExamWindowInput } from '@campus/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { NotBlank } from '../../../common/http/not-blank';

/** The most minutes a 补考/缓考 grant adds (ExamCache.answeringUntil bounds its search with it). */
export const EXTRA_MINUTES_MAX = 600;

export class ExamWindowDto implements ExamWindowInput {
  @ApiPropertyOptional({ example: '2026-09-01T08:00:00+08:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '开始时间格式不正确' })
  opensAt?: string;

  @ApiProperty({ example: '2026-09-30T22:00:00+08:00' })
  @IsISO8601({ strict: true }, { message: '结束时间格式不正确' })
  closesAt: string;
}

export class ExamExceptionDtoIn implements ExamExceptionInput {
  @ApiProperty({ type: [String], description: '学号' })
  @IsArray({ message: '请填写学号' })
  @ArrayMinSize(1, { message: '请至少填写一个学号' })
  @ArrayMaxSize(500, { message: '一次最多为 500 名学生设置' })
  @IsString({ each: true, message: '学号必须是文本' })
  @MaxLength(32, { each: true, message: '学号最多 32 个字符' })
  usernames: string[];

  @ApiProperty({ minimum: 0, maximum: EXTRA_MINUTES_MAX })
  @IsInt({ message: '额外时间必须是整数分钟' })
  @Min(0, { message: '额外时间不能小于 0 分钟' })
  @Max(EXTRA_MINUTES_MAX, { message: `额外时间不能超过 ${EXTRA_MINUTES_MAX} 分钟` })
  extraMinutes: number;

  @ApiProperty({ minimum: 0, maximum: 10 })
  @IsInt({ message: '额外次数必须是整数' })
  @Min(0, { message: '额外次数不能小于 0' })
  @Max(10, { message: '额外次数不能超过 10 次' })
  extraAttempts: number;

  @ApiProperty()
  @IsString({ message: '请填写原因' })
  @NotBlank({ message: '请填写原因（如 补考、缓考 及其缘由）' })
  @MaxLength(200, { message: '原因最多 200 个字符' })
  reason: string;
}

export class AttemptResetDto implements AttemptResetInput {
  @ApiProperty()
  @IsString({ message: '请填写重置原因' })
  @NotBlank({ message: '请填写重置原因' })
  @MaxLength(200, { message: '重置原因最多 200 个字符' })
  reason: string;
}
