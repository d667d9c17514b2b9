import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, type TeachingClassDto } from '@campus/shared';
import { CurrentUser, Permissions } from '../../common/auth/access.decorators';
import type { Principal } from '../../common/auth/principal';
import { TeachingAssignmentInputDto } from './dto/teaching-assignment.dto';
import { TeachingService } from './teaching.service';

/**
 * Admins arrange teaching besides the roster's 授课班级 column; both write the same table. It takes
 * the roster permission because importing a roster already sets teachers' classes.
 */
@ApiTags('授课安排')
@Controller('teachers/:teacherId/classes')
export class TeachingController {
  constructor(private readonly teaching: TeachingService) {}

  @Get()
  @Permissions(Permission.RosterImport)
  @ApiOperation({ summary: '教师的授课班级（学院管理员只看本学院教师）' })
  list(
    @CurrentUser() principal: Principal,
    @Param('teacherId', ParseIntPipe) teacherId: number,
  ): Promise<TeachingClassDto[]> {
    return this.teaching.classesOf(principal, teacherId);
  }

  @Post()
  @HttpCode(200)
  @Permissions(Permission.RosterImport)
  @ApiOperation({ summary: '安排教师给某班授课（已安排则不变）；返回该教师的全部授课班级' })
  assign(
    @CurrentUser() principal: Principal,
    @Param('teacherId', ParseIntPipe) teacherId: number,
    @Body() body: TeachingAssignmentInputDto,
  ): Promise<TeachingClassDto[]> {
    return this.teaching.assign(principal, teacherId, body.classId);
  }

  @Delete(':classId')
  @HttpCode(204)
  @Permissions(Permission.RosterImport)
  @ApiOperation({ summary: '取消教师在某班的授课安排' })
  async unassign(
    @CurrentUser() principal: Principal,
    @Param('teacherId', ParseIntPipe) teacherId: number,
    @Param('classId', ParseIntPipe) classId: number,
  ): Promise<void> {
    await this.teaching.unassign(principal, teacherId, classId);
  }
}
