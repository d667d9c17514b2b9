import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { EditPen, Notebook, Tickets } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';
import { prefetchAttempt } from '@/views/exam/open-attempt';

function numberParam(route: RouteLocationNormalized, name: string): number {
  const value = route.params[name];
  return Number(Array.isArray(value) ? value[0] : value);
}

const attemptView = () => import('@/views/exam/ExamAttemptView.vue');

const routes: RouteRecordRaw[] = [
  {
    path: 'exams',
    name: 'my-exams',
    component: () => import('@/views/exam/MyExamsView.vue'),
    meta: { title: '我的考试', icon: Tickets, permission: Permission.ExamTake, menuOrder: 10 },
  },
  // Taking an exam: full screen, no menu. Starting goes through /exams/:examId/attempt once; the page
  // then moves to /attempts/:attemptId, so a reload or the back button resumes instead of starting anew.
  {
    path: '/exams/:examId(\\d+)/attempt',
    name: 'exam-start',
    component: attemptView,
    props: (route) => ({ examId: numberParam(route, 'examId') }),
    meta: {
      title: '考试答题',
      permission: Permission.ExamTake,
      hideInMenu: true,
      fullscreen: true,
      prefetch: (to) => prefetchAttempt({ examId: numberParam(to, 'examId') }),
    },
  },
  {
    path: '/attempts/:attemptId(\\d+)',
    name: 'exam-attempt',
    component: attemptView,
    props: (route) => ({ attemptId: numberParam(route, 'attemptId') }),
    meta: {
      title: '考试答题',
      permission: Permission.ExamTake,
      hideInMenu: true,
      fullscreen: true,
      prefetch: (to) => prefetchAttempt({ attemptId: numberParam(to, 'attemptId') }),
    },
  },
  {
    path: 'attempts/:attemptId(\\d+)/result',
    name: 'attempt-result',
    component: () => import('@/views/exam/ExamResultView.vue'),
    props: (route) => ({ attemptId: numberParam(route, 'attemptId') }),
    meta: { title: '考试成绩', permission: Permission.ExamTake, hideInMenu: true },
  },
  {
    path: 'wrong-book',
    name: 'wrong-book',
    component: () => import('@/views/exam/WrongBookView.vue'),
    meta: { title: '错题本', icon: Notebook, permission: Permission.ExamTake, menuOrder: 11 },
  },
  {
    path: 'practice',
    name: 'practice',
    component: () => import('@/views/exam/PracticeView.vue'),
    meta: { title: '专项练习', icon: EditPen, permission: Permission.ExamTake, menuOrder: 12 },
  },
];

export default routes;
