import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginAudit } from './login-audit';
import { PasswordUpgrader } from './password-upgrader';
import { SsoController } from './sso/sso.controller';
import { SsoService } from './sso/sso.service';

@Module({
  controllers: [AuthController, SsoController],
  providers: [AuthService, LoginAudit, PasswordUpgrader, SsoService],
})
export class AuthModule {}
