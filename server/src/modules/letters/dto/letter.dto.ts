import { ApiProperty } from '@nestjs/swagger';
import type { LetterInput } from '@campus/shared';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { NotBlank } from '../../../common/http/not-blank';

export class LetterInputDto implements LetterInput {
  @ApiProperty({ example: 2026, description: '收信的新生入学年份（每个年份一封）' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  enrollmentYear: number;

  @ApiProperty()
  @IsString()
  @NotBlank({ message: '标题不能为空' })
  @MaxLength(100)
  title: string;

  @ApiProperty({ description: '富文本 HTML（服务器端清洗）' })
  @IsString()
  @MaxLength(200_000)
  html: string;
}
