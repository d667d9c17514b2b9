import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type SchoolSettingsDto } from '@campus/shared';
import { CurrentUser, Permissions, SignedIn } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { SchoolSettingsInputDto } from './dto/school-settings.dto';
import { SchoolSettingsService } from './school-settings.service';

@ApiTags('学校信息设置')
@Controller('school-settings')
export class SchoolSettingsController {
  constructor(private readonly settings: SchoolSettingsService) {}

  /** Everyone may read it: the school's name and 保卫处 phone are meant to be seen. */
  @Get()
  @SignedIn()
  @ApiOperation({ summary: '学校信息（名称、保卫处电话、官方缴费渠道、官方新生群说明…）；未设置时 configured=false' })
  get(): Promise<SchoolSettingsDto> | SchoolSettingsDto {
    return this.settings.current();
  }

  @Put()
  @Permissions(Permission.SchoolSettingsManage)
  @ApiOperation({ summary: '修改学校信息；新生信、课程和导出随之更新（记入审计日志）' })
  update(@CurrentUser() principal: Principal, @Body() body: SchoolSettingsInputDto): Promise<SchoolSettingsDto> {
    return this.settings.update(principal, body);
  }
}
