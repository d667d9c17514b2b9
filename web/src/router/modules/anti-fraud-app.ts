import type { RouteRecordRaw } from 'vue-router';
import { Cellphone, PieChart } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'anti-fraud-app',
    name: 'my-anti-fraud-app',
    component: () => import('@/views/anti-fraud-app/MyAppView.vue'),
    meta: { title: '国家反诈中心APP', icon: Cellphone, permission: Permission.AppReport, menuOrder: 5 },
  },
  {
    path: 'anti-fraud-app/stats',
    name: 'anti-fraud-app-stats',
    component: () => import('@/views/anti-fraud-app/AppStatsView.vue'),
    meta: { title: 'APP安装统计', icon: PieChart, permission: Permission.StatsRead, menuOrder: 72 },
  },
];

export default routes;
