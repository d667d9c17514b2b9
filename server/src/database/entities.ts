import { College } from '../modules/org/college.entity';
import { Department } from '../modules/org/department.entity';
import { SchoolClass } from '../modules/org/school-class.entity';
import { TeachingAssignment } from '../modules/users/teaching-assignment.entity';
import { User } from '../modules/users/user.entity';
import { AppSetting } from './app-setting.entity';

/** Every entity of the platform; the data source, the migration generator and tests use this list. */
export const ENTITIES = [AppSetting, College, Department, SchoolClass, User, TeachingAssignment];
