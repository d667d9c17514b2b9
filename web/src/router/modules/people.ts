import type { RouteRecordRaw } from 'vue-router';
import { List, Upload, UserFilled } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'people',
    redirect: { name: 'user-list' },
    meta: { title: '人员管理', icon: UserFilled, menuOrder: 80 },
    children: [
      {
        path: 'users',
        name: 'user-list',
        component: () => import('@/views/people/UserListView.vue'),
        meta: { title: '用户列表', icon: List, permission: Permission.UserRead },
      },
      {
        path: 'roster',
        name: 'roster-import',
        component: () => import('@/views/people/RosterImportView.vue'),
        meta: { title: '花名册导入', icon: Upload, permission: Permission.RosterImport },
      },
    ],
  },
];

export default routes;
