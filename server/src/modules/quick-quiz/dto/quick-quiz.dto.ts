import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  QUICK_QUESTIONS_PER_PROMPT,
  QUICK_QUIZ_CODE_LENGTH,
  QUICK_QUIZ_SECONDS,
  type QuickQuestionsInput,
  type QuickQuizAnswerInput,
  type QuickQuizJoinInput,
  type QuickQuizRoundQuery,
  type QuickQuizStartInput,
} from '@campus/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { ToInt } from '../../../common/http/query';

export class QuickQuestionsInputDto implements QuickQuestionsInput {
  @ApiProperty({ type: [Number], description: `题库中的单选题或判断题，最多 ${QUICK_QUESTIONS_PER_PROMPT} 道` })
  @IsArray()
  @ArrayMaxSize(QUICK_QUESTIONS_PER_PROMPT)
  @IsInt({ each: true })
  @Min(1, { each: true })
  questionIds: number[];
}

export class QuickQuizStartInputDto implements QuickQuizStartInput {
  @ApiProperty()
  @IsInt()
  @Min(1)
  promptId: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  questionId: number;

  @ApiProperty()
  @IsInt()
  @Min(1)
  classId: number;

  @ApiPropertyOptional({
    minimum: QUICK_QUIZ_SECONDS.min,
    maximum: QUICK_QUIZ_SECONDS.max,
    default: QUICK_QUIZ_SECONDS.default,
  })
  @IsOptional()
  @IsInt()
  @Min(QUICK_QUIZ_SECONDS.min, { message: `倒计时至少 ${QUICK_QUIZ_SECONDS.min} 秒` })
  @Max(QUICK_QUIZ_SECONDS.max, { message: `倒计时最多 ${QUICK_QUIZ_SECONDS.max} 秒` })
  seconds?: number;
}

export class QuickQuizJoinInputDto implements QuickQuizJoinInput {
  @ApiProperty({ example: '483920' })
  @IsString()
  @Matches(new RegExp(`^\\d{${QUICK_QUIZ_CODE_LENGTH}}$`), { message: `快问码是 ${QUICK_QUIZ_CODE_LENGTH} 位数字` })
  code: string;
}

export class QuickQuizAnswerInputDto implements QuickQuizAnswerInput {
  @ApiProperty({ type: [String], example: ['A'] })
  @IsArray()
  @ArrayMinSize(1, { message: '请选择一个答案' })
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @Matches(/^[A-Z]$/, { each: true, message: '选项是一个大写字母' })
  answer: string[];
}

export class QuickQuizRoundQueryDto implements QuickQuizRoundQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  classId?: number;

  @ApiPropertyOptional({ description: '学院管理员只能查看本学院' })
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-08' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
