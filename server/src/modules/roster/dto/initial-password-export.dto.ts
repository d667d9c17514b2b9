import { ApiProperty } from '@nestjs/swagger';
import type { InitialPasswordExportRequest, InitialPasswordRow } from '@campus/shared';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ROSTER_MAX_ROWS } from '../roster-import.service';

export class InitialPasswordRowDto implements InitialPasswordRow {
  @ApiProperty({ description: '学号/工号' })
  @IsString()
  @MaxLength(32)
  username: string;

  @ApiProperty()
  @IsString()
  @MaxLength(64)
  name: string;

  @ApiProperty()
  @IsString()
  @MaxLength(64)
  password: string;
}

export class InitialPasswordExportDto implements InitialPasswordExportRequest {
  @ApiProperty({ type: [InitialPasswordRowDto], description: '导入结果中的 initialPasswords' })
  @IsArray()
  @ArrayMinSize(1, { message: '没有要导出的初始密码' })
  @ArrayMaxSize(ROSTER_MAX_ROWS)
  @ValidateNested({ each: true })
  @Type(() => InitialPasswordRowDto)
  accounts: InitialPasswordRowDto[];
}
