import type { RouteRecordRaw } from 'vue-router';
import { Bell, Promotion } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'alerts',
    name: 'my-alerts',
    component: () => import('@/views/alerts/MyAlertsView.vue'),
    meta: { title: '防骗警示', icon: Bell, permission: Permission.AlertRead, menuOrder: 4 },
  },
  {
    path: 'alert-admin',
    name: 'alert-admin',
    component: () => import('@/views/alerts/AlertListView.vue'),
    meta: { title: '警示发布', icon: Promotion, permission: Permission.AlertManage, menuOrder: 70 },
  },
  {
    path: 'alert-admin/:id(\\d+)',
    name: 'alert-admin-detail',
    component: () => import('@/views/alerts/AlertDetailView.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { title: '警示详情', permission: Permission.AlertManage, hideInMenu: true },
  },
];

export default routes;
