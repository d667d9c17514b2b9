import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordUpgrader } from './password-upgrader';

@Module({ controllers: [AuthController], providers: [AuthService, PasswordUpgrader] })
export class AuthModule {}
