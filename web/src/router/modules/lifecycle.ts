import type { RouteRecordRaw } from 'vue-router';
import { Calendar } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'rollover',
    name: 'rollover',
    component: () => import('@/views/lifecycle/RolloverView.vue'),
    meta: { title: '新学年与个人信息', icon: Calendar, permission: Permission.SchoolYearManage, menuOrder: 82 },
  },
];

export default routes;
