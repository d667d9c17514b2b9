import type { RouteRecordRaw } from 'vue-router';
import { Document } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'audit-log',
    component: () => import('@/views/audit/AuditLogView.vue'),
    meta: { title: '审计日志', icon: Document, permission: Permission.AuditRead, menuOrder: 90 },
  },
];

export default routes;
