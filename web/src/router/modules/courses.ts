import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { Message, Reading } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

function numberParam(route: RouteLocationNormalized, name: string): number {
  const value = route.params[name];
  return Number(Array.isArray(value) ? value[0] : value);
}

/** Taking courses and reading the letter to freshmen: phone first. */
const routes: RouteRecordRaw[] = [
  {
    path: 'letter',
    name: 'my-letter',
    component: () => import('@/views/course/LetterView.vue'),
    meta: { title: '致新生的一封信', icon: Message, permission: Permission.LetterConfirm, menuOrder: 4 },
  },
  {
    path: 'courses',
    name: 'my-courses',
    component: () => import('@/views/course/MyCoursesView.vue'),
    meta: { title: '我的课程', icon: Reading, permission: Permission.CourseTake, menuOrder: 5 },
  },
  {
    path: 'courses/:courseId(\\d+)',
    name: 'course',
    component: () => import('@/views/course/CourseView.vue'),
    props: (route) => ({ courseId: numberParam(route, 'courseId') }),
    meta: { title: '课程', permission: Permission.CourseTake, hideInMenu: true },
  },
  {
    path: 'lessons/:lessonId(\\d+)',
    name: 'lesson',
    component: () => import('@/views/course/LessonView.vue'),
    props: (route) => ({ lessonId: numberParam(route, 'lessonId') }),
    meta: { title: '学习', permission: Permission.CourseTake, hideInMenu: true },
  },
];

export default routes;
