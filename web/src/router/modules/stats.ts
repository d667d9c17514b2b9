import type { RouteRecordRaw } from 'vue-router';
import { DataAnalysis, DataLine, Document, Histogram, User } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'stats',
    meta: { title: '知晓率统计', icon: DataAnalysis, permission: Permission.StatsRead, menuOrder: 50 },
    children: [
      {
        path: '',
        name: 'stats-dashboard',
        component: () => import('@/views/stats/StatsDashboardView.vue'),
        meta: { title: '统计看板', icon: DataLine },
      },
      {
        path: 'people',
        name: 'stats-people',
        component: () => import('@/views/stats/StatsPeopleView.vue'),
        meta: { title: '未通过 / 未覆盖名单', icon: User },
      },
      {
        path: 'items',
        name: 'stats-items',
        component: () => import('@/views/stats/ItemAnalysisView.vue'),
        meta: { title: '试题分析', icon: Histogram },
      },
      {
        path: 'reports',
        name: 'weekly-reports',
        component: () => import('@/views/stats/WeeklyReportListView.vue'),
        meta: { title: '周五通报', icon: Document },
      },
      {
        path: 'reports/:id(\\d+)',
        name: 'weekly-report',
        component: () => import('@/views/stats/WeeklyReportView.vue'),
        meta: { title: '通报详情', hideInMenu: true },
      },
    ],
  },
];

export default routes;
