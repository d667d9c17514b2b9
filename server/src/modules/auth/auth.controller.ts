import { Body, Controller, Get, Headers, HttpCode, Ip, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, SessionUser } from '@campus/shared';
import {
  AllowPendingPasswordChange,
  AllowWithPendingAlert,
  CurrentUser,
  Public,
  SignedIn,
} from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/login.dto';
import { BODY_LIMITS, BodyLimit } from '../../common/http/body-limit';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @BodyLimit(BODY_LIMITS.credentials)
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary:
      '学号/工号登录；账号失败过多返回 429 + Retry-After；所在网络失败过多时返回 428 与 challenge，解出后随 challenge、nonce 重试',
  })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body, ip);
  }

  @Get('me')
  @SignedIn()
  @AllowPendingPasswordChange()
  @AllowWithPendingAlert()
  @ApiOperation({ summary: '当前用户' })
  me(@CurrentUser() principal: Principal): Promise<SessionUser> {
    return this.auth.me(principal);
  }

  /**
   * 204 as API.md says; a client that sends `Prefer: return=representation` (RFC 7240) gets 200 with
   * the new session instead, and need not log in again with the new password.
   */
  @Post('password')
  @BodyLimit(BODY_LIMITS.credentials)
  @HttpCode(204)
  @SignedIn()
  @AllowPendingPasswordChange()
  @AllowWithPendingAlert()
  @ApiOperation({
    summary: '修改密码；成功后旧令牌全部失效。请求头 Prefer: return=representation 时返回 200 与新的登录令牌',
  })
  async changePassword(
    @CurrentUser() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Headers('prefer') prefer: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse | undefined> {
    const session = await this.auth.changePassword(principal, body.oldPassword, body.newPassword, ip);
    if (!prefer?.includes('return=representation')) return undefined;
    void reply.status(200).header('Preference-Applied', 'return=representation');
    return session;
  }
}
