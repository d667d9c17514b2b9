import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { Collection, DataAnalysis, Microphone, Notebook, UserFilled } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

function numberOrUndefined(value: unknown): number | undefined {
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  const n = Number(first);
  return first === undefined || first === null || first === '' || !Number.isInteger(n) ? undefined : n;
}

const presentProps = (route: RouteLocationNormalized) => ({
  id: Number(route.params.id),
  classId: numberOrUndefined(route.query.classId),
});

const routes: RouteRecordRaw[] = [
  {
    path: 'prompts',
    meta: { title: '课前3分钟', icon: Microphone, menuOrder: 20 },
    children: [
      {
        path: '',
        name: 'prompt-teach',
        component: () => import('@/views/prompts/TeachView.vue'),
        meta: { title: '开始讲', icon: Microphone, permission: Permission.PromptDeliver },
      },
      {
        path: 'library',
        name: 'prompt-library',
        component: () => import('@/views/prompts/LibraryView.vue'),
        meta: { title: '提示库', icon: Collection, permission: Permission.PromptRead },
      },
      {
        path: 'history',
        name: 'prompt-history',
        component: () => import('@/views/prompts/HistoryView.vue'),
        meta: { title: '我的讲授记录', icon: Notebook, permission: Permission.PromptDeliver },
      },
      {
        path: 'coverage',
        name: 'prompt-coverage',
        component: () => import('@/views/prompts/CoverageView.vue'),
        meta: { title: '覆盖情况', icon: DataAnalysis, permission: Permission.PromptCoverageRead },
      },
      {
        path: 'assignments',
        name: 'teaching-assignments',
        component: () => import('@/views/prompts/AssignmentsView.vue'),
        meta: { title: '授课安排', icon: UserFilled, permission: Permission.RosterImport },
      },
    ],
  },
  // The projector view: full screen, no menu. With `classId` the teacher can log the talk; without it,
  // anyone who may read the library previews the slides.
  {
    path: '/present/prompts/:id(\\d+)',
    name: 'prompt-present',
    component: () => import('@/views/prompts/PresentView.vue'),
    props: presentProps,
    meta: { title: '课前3分钟', permission: Permission.PromptRead, hideInMenu: true, fullscreen: true },
  },
];

export default routes;
