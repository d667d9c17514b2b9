import type { RouteRecordRaw } from 'vue-router';
import { List, School, Upload, UserFilled } from '@element-plus/icons-vue';
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
        path: 'users/:id(\\d+)',
        name: 'user-detail',
        component: () => import('@/views/people/UserDetailView.vue'),
        meta: { title: '人员详情', permission: Permission.UserDetailRead, hideInMenu: true },
      },
      {
        path: 'classes',
        name: 'class-list',
        component: () => import('@/views/people/ClassListView.vue'),
        meta: { title: '班级与辅导员', icon: School, permission: Permission.RosterImport },
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
