import { Module } from '@nestjs/common';
import { AccountAdminService } from './account-admin.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  controllers: [UsersController],
  providers: [UsersService, AccountAdminService],
  exports: [UsersService],
})
export class UsersModule {}
