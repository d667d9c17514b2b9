import { ApiProperty } from '@nestjs/swagger';
import type { TeachingAssignmentInput } from '@campus/shared';
import { IsInt, Min } from 'class-validator';

export class TeachingAssignmentInputDto implements TeachingAssignmentInput {
  @ApiProperty()
  @IsInt()
  @Min(1)
  classId: number;
}
