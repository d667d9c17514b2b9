import { ApiProperty } from '@nestjs/swagger';
import type { RolloverRequest } from '@campus/shared';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, Max, Min } from 'class-validator';

export class RolloverDto implements RolloverRequest {
  @ApiProperty({ example: 2027, description: '新生的入学年份（年级）' })
  @IsInt({ message: '新生年级必须是年份，如 2027' })
  @Min(2000, { message: '新生年级不能早于 2000' })
  @Max(2100, { message: '新生年级不能晚于 2100' })
  enrollmentYear: number;

  @ApiProperty({ type: [Number], example: [2024], description: '本次毕业归档的年级（可为空）' })
  @IsArray({ message: '请选择毕业年级（可以不选）' })
  @ArrayMaxSize(20, { message: '一次最多归档 20 个年级' })
  @IsInt({ each: true, message: '毕业年级必须是年份' })
  @Min(1990, { each: true, message: '毕业年级不能早于 1990' })
  @Max(2100, { each: true, message: '毕业年级不能晚于 2100' })
  graduateYears: number[];

  @ApiProperty({ description: 'true：只预览将发生什么，不写入' })
  @IsBoolean({ message: 'dryRun 必须是 true 或 false' })
  dryRun: boolean;
}
