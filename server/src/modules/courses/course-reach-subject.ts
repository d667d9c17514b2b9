import type { Course } from './course.entity';
import type { ReachSubject } from './reach-report.service';

/** The students a course addresses (its audience), done = a course_completion row. */
export function courseReachSubject(course: Course, lessons: number): ReachSubject {
  const { collegeIds = [], enrollmentYears = [] } = course.audience;
  return {
    restrict: (qb) => {
      if (collegeIds.length > 0)
        qb.andWhere('u.college_id IN (:...audienceColleges)', { audienceColleges: collegeIds });
      if (enrollmentYears.length > 0)
        qb.andWhere('k.enrollment_year IN (:...audienceYears)', { audienceYears: enrollmentYears });
    },
    done: { table: 'course_completion', on: 'd.course_id = :doneCourseId', params: { doneCourseId: course.id } },
    lessons: { courseId: course.id, count: lessons },
  };
}
