import { ApiProperty } from '@nestjs/swagger';
import type { ChangePasswordRequest, LoginRequest } from '@campus/shared';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class LoginDto implements LoginRequest {
  @ApiProperty({ description: '学号/工号' })
  @IsString()
  @IsNotEmpty({ message: '请输入学号/工号' })
  @MaxLength(32)
  username: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请输入密码' })
  @MaxLength(128)
  password: string;

  @ApiProperty({ required: false, description: '428 答复中的 challenge（所在网络需安全验证时）' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  challenge?: string;

  @ApiProperty({ required: false, description: '使 SHA-256(challenge:nonce) 前 bits 位为 0 的 nonce' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  nonce?: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @IsNotEmpty({ message: '请输入原密码' })
  @MaxLength(128)
  oldPassword: string;

  @ApiProperty({ description: '至少 8 位，须同时包含字母和数字' })
  @IsString()
  @IsNotEmpty({ message: '请输入新密码' })
  @MaxLength(128)
  newPassword: string;
}
