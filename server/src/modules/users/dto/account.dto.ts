import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MOBILE_PATTERN,
  Role,
  USERNAME_PATTERN,
  type BulkUserAction,
  type BulkUserRequest,
  type UserCreateRequest,
  type UserUpdateRequest,
} from '@campus/shared';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { NotBlank } from '../../../common/http/not-blank';

/** Most people one bulk action changes at once (one page of the list at its largest is 100). */
export const BULK_MAX_USERS = 500;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Phones are typed with spaces and dashes; an empty one clears the field. */
const phone = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const digits = value.replace(/[\s-]/g, '');
  return digits === '' ? null : digits;
};

export class UserCreateDto implements UserCreateRequest {
  @ApiProperty({ description: '学号/工号' })
  @Transform(trim)
  @IsString({ message: '请填写学号/工号' })
  @Matches(USERNAME_PATTERN, { message: '学号/工号只能包含字母、数字、下划线或连字符，长度 2–32' })
  username: string;

  @ApiProperty()
  @Transform(trim)
  @IsString({ message: '请填写姓名' })
  @NotBlank({ message: '请填写姓名' })
  @MaxLength(64, { message: '姓名最多 64 个字符' })
  name: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role, { message: '身份不正确' })
  role: Role;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '学院不正确' })
  collegeId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '班级不正确' })
  classId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '部门不正确' })
  departmentId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @Transform(phone)
  @IsOptional()
  @IsString()
  @Matches(MOBILE_PATTERN, { message: '手机号应为 11 位数字' })
  phone?: string | null;
}

export class UserUpdateDto implements UserUpdateRequest {
  @ApiPropertyOptional()
  @Transform(trim)
  @IsOptional()
  @IsString({ message: '请填写姓名' })
  @NotBlank({ message: '请填写姓名' })
  @MaxLength(64, { message: '姓名最多 64 个字符' })
  name?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: '身份不正确' })
  role?: Role;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '学院不正确' })
  collegeId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '班级不正确' })
  classId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsInt({ message: '部门不正确' })
  departmentId?: number | null;

  @ApiPropertyOptional({ nullable: true })
  @Transform(phone)
  @IsOptional()
  @IsString()
  @Matches(MOBILE_PATTERN, { message: '手机号应为 11 位数字' })
  phone?: string | null;
}

const BULK_ACTIONS: BulkUserAction[] = ['disable', 'enable', 'reset-password', 'move-class'];

export class BulkUserDto implements BulkUserRequest {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS, { message: '批量操作不正确' })
  action: BulkUserAction;

  @ApiProperty({ type: [Number] })
  @IsArray({ message: '请选择人员' })
  @ArrayMinSize(1, { message: '请至少选择一人' })
  @ArrayMaxSize(BULK_MAX_USERS, { message: `一次最多选择 ${BULK_MAX_USERS} 人` })
  @IsInt({ each: true, message: '人员编号不正确' })
  userIds: number[];

  @ApiPropertyOptional()
  @ValidateIf((o: BulkUserDto) => o.action === 'move-class')
  @IsInt({ message: '请选择要调入的班级' })
  classId?: number;
}
