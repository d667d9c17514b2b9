import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type Page, type UserDto } from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { UserListQueryDto } from './dto/user-list.query';
import { UsersService } from './users.service';

@ApiTags('人员')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Permissions(Permission.UserRead)
  @ApiOperation({ summary: '人员列表（学院管理员只看到本学院）' })
  list(@CurrentUser() principal: Principal, @Query() query: UserListQueryDto): Promise<Page<UserDto>> {
    return this.users.list(principal, query);
  }
}
