import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Permission, type ClassDto, type CollegeDto } from '@campus/shared';
import { IsInt, IsOptional } from 'class-validator';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ToInt } from '../../common/http/query';
import { OrgService } from './org.service';

class ClassListQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;
}

@ApiTags('组织')
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('colleges')
  @Permissions(Permission.OrgRead)
  @ApiOperation({ summary: '二级学院列表' })
  colleges(@CurrentUser() principal: Principal): Promise<CollegeDto[]> {
    return this.org.colleges(principal);
  }

  @Get('classes')
  @Permissions(Permission.OrgRead)
  @ApiOperation({ summary: '班级列表' })
  classes(@CurrentUser() principal: Principal, @Query() query: ClassListQuery): Promise<ClassDto[]> {
    return this.org.classes(principal, query.collegeId);
  }

  @Get('my/classes')
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({ summary: '我授课的班级（教师）' })
  myClasses(@CurrentUser() principal: Principal) {
    return this.org.teachingClasses(principal.id);
  }
}
