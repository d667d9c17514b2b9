import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Permission, type ClassAdviserInput, type ClassDto, type CollegeDto, type DepartmentDto } from '@campus/shared';
import { IsInt, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { ToInt } from '../../common/http/query';
import { OrgService } from './org.service';
import { NotBlank } from '../../common/http/not-blank';

class ClassListQuery {
  @ApiPropertyOptional()
  @ToInt()
  @IsOptional()
  @IsInt()
  collegeId?: number;
}

class ClassAdviserDto implements ClassAdviserInput {
  @ApiProperty({ nullable: true, type: String, description: '辅导员（教师）的工号；null 表示取消' })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @NotBlank({ message: '请填写辅导员工号' })
  @MaxLength(64)
  adviserUsername: string | null;
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

  @Put('classes/:id/adviser')
  @Permissions(Permission.RosterImport)
  @ApiOperation({ summary: '设置或取消班级的辅导员（教师，按工号；学院管理员只能设置本学院的班级）' })
  setAdviser(
    @CurrentUser() principal: Principal,
    @Param('id', ParseIntPipe) id: number,
    @Body() body: ClassAdviserDto,
  ): Promise<ClassDto> {
    return this.org.setAdviser(principal, id, body.adviserUsername);
  }

  @Get('departments')
  @Permissions(Permission.OrgRead)
  @ApiOperation({ summary: '部门列表（学生处、保卫处等）' })
  departments(): Promise<DepartmentDto[]> {
    return this.org.departments();
  }

  @Get('my/classes')
  @Permissions(Permission.PromptDeliver)
  @ApiOperation({ summary: '我授课的班级（教师）' })
  myClasses(@CurrentUser() principal: Principal) {
    return this.org.teachingClasses(principal.id);
  }
}
