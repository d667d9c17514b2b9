import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  type BulkUserResult,
  type Page,
  type PasswordResetResult,
  type UserCreateResult,
  type UserDetailDto,
  type UserDto,
} from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { AccountAdminService } from './account-admin.service';
import { BulkUserDto, UserCreateDto, UserUpdateDto } from './dto/account.dto';
import { UserListQueryDto } from './dto/user-list.query';
import { UsersService } from './users.service';

@ApiTags('人员')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountAdminService,
  ) {}

  @Get()
  @Permissions(Permission.UserRead)
  @ApiOperation({ summary: '人员列表（学院管理员只看到本学院）' })
  list(@CurrentUser() principal: Principal, @Query() query: UserListQueryDto): Promise<Page<UserDto>> {
    return this.users.list(principal, query);
  }

  @Post()
  @Permissions(Permission.UserManage)
  @ApiOperation({
    summary: '添加一人；答复含一次性初始密码（只显示这一次，首次登录须修改）。学院管理员只能添加本学院的学生和教师',
  })
  create(@CurrentUser() principal: Principal, @Body() body: UserCreateDto): Promise<UserCreateResult> {
    return this.accounts.create(principal, body);
  }

  /** Declared before `:id` so `bulk` is never taken for an id. */
  @Post('bulk')
  @HttpCode(200)
  @Permissions(Permission.UserManage)
  @ApiOperation({
    summary:
      '批量停用/启用/重置密码/调整班级；全部成功或全部不执行（400，message 指明第几行哪个人）。重置密码答复新的一次性密码',
  })
  bulk(@CurrentUser() principal: Principal, @Body() body: BulkUserDto): Promise<BulkUserResult> {
    return this.accounts.bulk(principal, body);
  }

  @Get(':id')
  @Permissions(Permission.UserDetailRead)
  @ApiOperation({ summary: '人员详情（系统管理员）：身份、学院、授课班级、最近登录及方式、登录锁定、最近审计记录' })
  detail(@Param('id', ParseIntPipe) id: number): Promise<UserDetailDto> {
    return this.accounts.detail(id);
  }

  @Patch(':id')
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '修改姓名、身份、学院、班级（调班）、部门、手机号；只能授予自己有权授予的身份' })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: UserUpdateDto,
  ): Promise<UserDto> {
    return this.accounts.update(principal, id, body);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '停用账号：不能再登录，已登录的会话在所有实例上立即失效' })
  disable(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.accounts.setDisabled(principal, id, true);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '启用账号' })
  enable(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<UserDto> {
    return this.accounts.setDisabled(principal, id, false);
  }

  @Post(':id/unlock')
  @HttpCode(204)
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '解除密码错误过多造成的登录锁定（所有实例共享）' })
  unlock(@CurrentUser() principal: Principal, @Param('id', ParseIntPipe) id: number): Promise<void> {
    return this.accounts.unlock(principal, id);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @Permissions(Permission.UserManage)
  @ApiOperation({ summary: '重置密码：答复新的一次性密码（只显示这一次），下次登录须修改；原有会话全部失效' })
  resetPassword(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
  ): Promise<PasswordResetResult> {
    return this.accounts.resetPassword(principal, id);
  }
}
