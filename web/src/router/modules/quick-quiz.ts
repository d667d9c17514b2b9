import type { RouteRecordRaw } from 'vue-router';
import { ChatLineRound } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const quizView = () => import('@/views/quiz/QuickQuizView.vue');

const routes: RouteRecordRaw[] = [
  {
    path: 'quiz',
    name: 'quick-quiz',
    component: quizView,
    meta: { title: '课堂快问', icon: ChatLineRound, permission: Permission.QuickQuizAnswer, menuOrder: 12, live: true },
  },
  // The projector's QR code leads here: the code is filled in and the student joins at once.
  {
    path: 'quiz/:code(\\d{6})',
    name: 'quick-quiz-join',
    component: quizView,
    props: (route) => ({ code: String(route.params.code) }),
    meta: { title: '课堂快问', permission: Permission.QuickQuizAnswer, hideInMenu: true, live: true },
  },
];

export default routes;
