import { Body, Controller, Get, Headers, HttpCode, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SsoLoginResponse, SsoOptions } from '@campus/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../../common/auth/access.decorators';
import { BODY_LIMITS, BodyLimit } from '../../../common/http/body-limit';
import { FormBody } from '../../../common/http/json-body';
import { CasCallbackQueryDto, CasLoginDto, CasLogoutDto, OidcLoginDto, SsoStartQueryDto } from './dto/sso.dto';
import { SsoService, type SsoStart } from './sso.service';
import { stateCookie } from './sso-state';

/**
 * 统一身份认证. The two `start` routes and the CAS callback are navigated to by the browser (302
 * answers); the `login` routes are called by the web app's return pages with what came back.
 */
@ApiTags('登录')
@Controller('auth/sso')
export class SsoController {
  constructor(private readonly sso: SsoService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '登录页提供哪些统一身份认证方式，以及密码登录是否仍对所有人开放' })
  options(): SsoOptions {
    return this.sso.options();
  }

  @Get('cas/start')
  @Public()
  @ApiOperation({ summary: '跳转到 CAS 统一身份认证登录页（浏览器访问，302）' })
  startCas(@Query() query: SsoStartQueryDto, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    redirect(reply, this.sso.startCas(requestOrigin(request), query.redirect));
  }

  @Get('cas/callback')
  @Public()
  @ApiOperation({ summary: 'CAS 服务地址：带着票据回到本平台的登录结果页（302）' })
  casReturn(@Query() query: CasCallbackQueryDto, @Res() reply: FastifyReply): void {
    void reply.status(302).header('Location', this.sso.casReturnLocation(query)).send();
  }

  @Post('cas/callback')
  @Public()
  @FormBody(BODY_LIMITS.credentials * 4)
  @HttpCode(200)
  @ApiOperation({ summary: 'CAS 单点登出（CAS 服务器的后台 POST，表单字段 logoutRequest）：结束该票据对应用户的会话' })
  async casLogout(@Body() body: CasLogoutDto): Promise<void> {
    await this.sso.logoutCas(body.logoutRequest);
  }

  @Post('cas/login')
  @Public()
  @BodyLimit(BODY_LIMITS.credentials)
  @HttpCode(200)
  @ApiOperation({ summary: '以 CAS 票据登录；未在花名册登记的账号返回 403（code SSO_UNKNOWN_USER）' })
  loginCas(
    @Body() body: CasLoginDto,
    @Headers('cookie') cookies: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SsoLoginResponse> {
    return this.sso.loginCas(body, cookies, ip).finally(() => clearState(reply, cookies));
  }

  @Get('oidc/start')
  @Public()
  @ApiOperation({ summary: '跳转到 OIDC 统一身份认证授权页（浏览器访问，302）' })
  async startOidc(
    @Query() query: SsoStartQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    redirect(reply, await this.sso.startOidc(requestOrigin(request), query.redirect));
  }

  @Post('oidc/login')
  @Public()
  @BodyLimit(BODY_LIMITS.credentials * 2)
  @HttpCode(200)
  @ApiOperation({ summary: '以 OIDC 授权码登录（PKCE、state、nonce 与 ID Token 校验）' })
  loginOidc(
    @Body() body: OidcLoginDto,
    @Headers('cookie') cookies: string | undefined,
    @Ip() ip: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SsoLoginResponse> {
    return this.sso.loginOidc(body, cookies, ip).finally(() => clearState(reply, cookies));
  }
}

function redirect(reply: FastifyReply, start: SsoStart): void {
  void reply.status(302).header('Set-Cookie', start.cookie).header('Location', start.location).send();
}

/** The state is good for one return only, whatever its outcome. */
function clearState(reply: FastifyReply, cookies: string | undefined): void {
  if (!cookies) return;
  const cleared = [];
  if (cookies.includes('__Host-campus-sso=')) cleared.push(stateCookie('https:', '', 0));
  if (/(^|;\s*)campus-sso=/.test(cookies)) cleared.push(stateCookie('http:', '', 0));
  if (cleared.length > 0) void reply.header('Set-Cookie', cleared);
}

/** `https://host` as the browser addressed us (behind a proxy, with TRUST_PROXY). */
function requestOrigin(request: FastifyRequest): string | null {
  const host = request.host;
  return host ? `${request.protocol}://${host}` : null;
}
