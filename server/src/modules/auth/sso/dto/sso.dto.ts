import { ApiProperty } from '@nestjs/swagger';
import type { CasLoginRequest, OidcLoginRequest } from '@campus/shared';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

export class SsoStartQueryDto {
  @ApiProperty({ required: false, description: '登录后前往的本平台页面路径（如 /exams）；其他地址一律回到首页' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  redirect?: string;
}

/** What the CAS server appends to the service URL on the way back. */
export class CasCallbackQueryDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  ticket?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  state?: string;
}

/** The CAS single-logout POST (form field `logoutRequest`, a SAML LogoutRequest). */
export class CasLogoutDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @MaxLength(16_384)
  logoutRequest?: string;
}

/** Proof-of-work fields, as on the password login (a network with many failed sign-ins). */
class ChallengeFields {
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

export class CasLoginDto extends ChallengeFields implements CasLoginRequest {
  @ApiProperty({ description: 'CAS 返回的服务票据（ST-…）' })
  @IsString()
  @IsNotEmpty({ message: '缺少登录票据' })
  @MaxLength(256)
  ticket: string;

  @ApiProperty({ description: '服务地址中的 state' })
  @IsString()
  @IsNotEmpty({ message: '缺少 state' })
  @MaxLength(64)
  state: string;
}

export class OidcLoginDto extends ChallengeFields implements OidcLoginRequest {
  @ApiProperty({ description: '统一身份认证带回浏览器的查询串（?code=…&state=…）' })
  @IsString()
  @IsNotEmpty({ message: '缺少授权结果' })
  @MaxLength(4096)
  query: string;
}
