import { ApiProperty } from '@nestjs/swagger';
import {
  SCHOOL_PHONE_PATTERN,
  SCHOOL_SETTINGS_LIMITS as LIMITS,
  WEBSITE_PATTERN,
  type SchoolSettingsInput,
} from '@campus/shared';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { NotBlank } from '../../../common/http/not-blank';

/** Surrounding blanks are never meant; an optional field left blank arrives as ''. */
const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

const PHONE_MESSAGE = '请填写电话号码，如 0571-88888888 或 13800000000（可带“转”分机号）';

export class SchoolSettingsInputDto implements SchoolSettingsInput {
  @ApiProperty({ example: '示例职业技术学院' })
  @Trim()
  @IsString()
  @MinLength(2, { message: '请填写学校名称（至少 2 个字）' })
  @MaxLength(LIMITS.name, { message: `学校名称最多 ${LIMITS.name} 个字` })
  name: string;

  @ApiProperty({ example: '示例职院', description: '没有可留空' })
  @Trim()
  @IsString()
  @MaxLength(LIMITS.shortName, { message: `学校简称最多 ${LIMITS.shortName} 个字` })
  shortName: string;

  @ApiProperty({ example: '0000-1234567', description: '保卫处 24 小时值班电话' })
  @Trim()
  @IsString()
  @NotBlank({ message: '请填写保卫处 24 小时电话' })
  @MaxLength(LIMITS.phone, { message: PHONE_MESSAGE })
  @Matches(SCHOOL_PHONE_PATTERN, { message: PHONE_MESSAGE })
  securityPhone: string;

  @ApiProperty({ example: '', description: '没有可留空' })
  @Trim()
  @IsString()
  @MaxLength(LIMITS.phone, { message: PHONE_MESSAGE })
  @ValidateIf((o: SchoolSettingsInputDto) => o.studentAffairsPhone !== '')
  @Matches(SCHOOL_PHONE_PATTERN, { message: PHONE_MESSAGE })
  studentAffairsPhone: string;

  @ApiProperty({ example: '学校官网“缴费平台”（https://pay.example.edu.cn）' })
  @Trim()
  @IsString()
  @MinLength(2, { message: '请填写官方缴费渠道，如缴费平台的名称和网址' })
  @MaxLength(LIMITS.paymentChannel, { message: `官方缴费渠道最多 ${LIMITS.paymentChannel} 个字` })
  paymentChannel: string;

  @ApiProperty({ example: '新生群的群号只印在录取通知书中，并在学校官网公布' })
  @Trim()
  @IsString()
  @MinLength(2, { message: '请说明官方新生群在哪里公布' })
  @MaxLength(LIMITS.freshmanGroupNotice, { message: `官方新生群说明最多 ${LIMITS.freshmanGroupNotice} 个字` })
  freshmanGroupNotice: string;

  @ApiProperty({ example: 'https://www.example.edu.cn', description: '没有可留空' })
  @Trim()
  @IsString()
  @MaxLength(LIMITS.website, { message: `学校官网地址最多 ${LIMITS.website} 个字符` })
  @ValidateIf((o: SchoolSettingsInputDto) => o.website !== '')
  @Matches(WEBSITE_PATTERN, { message: '学校官网应是以 http:// 或 https:// 开头的网址' })
  website: string;
}
