import type { RouteRecordRaw } from 'vue-router';
import { School } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'school-settings',
    name: 'school-settings',
    component: () => import('@/views/school/SchoolSettingsView.vue'),
    meta: { title: '学校信息设置', icon: School, permission: Permission.SchoolSettingsManage, menuOrder: 85 },
  },
];

export default routes;
