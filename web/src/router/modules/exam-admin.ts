import type { RouteRecordRaw } from 'vue-router';
import { EditPen, List, Monitor } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'exam-admin',
    meta: { title: '考试管理', icon: EditPen, menuOrder: 65 },
    children: [
      {
        path: '',
        name: 'exam-admin-list',
        component: () => import('@/views/exam-admin/ExamListView.vue'),
        meta: { title: '考试列表', icon: List, permission: Permission.ExamManage },
      },
      {
        path: 'new',
        name: 'exam-admin-new',
        component: () => import('@/views/exam-admin/ExamEditorView.vue'),
        meta: { title: '新建考试', permission: Permission.ExamManage, hideInMenu: true },
      },
      {
        path: ':id(\\d+)/edit',
        name: 'exam-admin-edit',
        component: () => import('@/views/exam-admin/ExamEditorView.vue'),
        meta: { title: '编辑考试', permission: Permission.ExamManage, hideInMenu: true },
      },
      {
        path: 'monitor',
        name: 'exam-admin-monitor-pick',
        component: () => import('@/views/exam-admin/ExamMonitorView.vue'),
        meta: { title: '考试实时监控', icon: Monitor, permission: Permission.ExamResultsRead },
      },
      {
        path: ':id(\\d+)/monitor',
        name: 'exam-admin-monitor',
        component: () => import('@/views/exam-admin/ExamMonitorView.vue'),
        meta: { title: '考试实时监控', permission: Permission.ExamResultsRead, hideInMenu: true },
      },
      {
        path: ':id(\\d+)/results',
        name: 'exam-admin-results',
        component: () => import('@/views/exam-admin/ExamResultsView.vue'),
        meta: { title: '考试成绩', permission: Permission.ExamResultsRead, hideInMenu: true },
      },
    ],
  },
];

export default routes;
