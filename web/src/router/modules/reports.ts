import type { RouteLocationNormalized, RouteRecordRaw } from 'vue-router';
import { Calendar, DocumentChecked, EditPen, Tickets } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const idProps = (route: RouteLocationNormalized) => ({ id: Number(route.params.id) });

/** The office (ReportManage) also holds ReportSubmit, so ReportSubmit opens the pages both use. */
const routes: RouteRecordRaw[] = [
  {
    path: 'reports',
    meta: { title: '信息报送', icon: Tickets, menuOrder: 74 },
    children: [
      {
        path: 'my',
        name: 'my-reports',
        component: () => import('@/views/reports/MyReportsView.vue'),
        meta: { title: '本单位报送', icon: EditPen, permission: Permission.ReportSubmit, menuOrder: 1 },
      },
      {
        path: '',
        name: 'report-list',
        component: () => import('@/views/reports/ReportListView.vue'),
        meta: { title: '报送审阅', icon: DocumentChecked, permission: Permission.ReportManage, menuOrder: 2 },
      },
      {
        path: 'periods',
        name: 'report-periods',
        component: () => import('@/views/reports/PeriodListView.vue'),
        meta: { title: '报送周期', icon: Calendar, permission: Permission.ReportManage, menuOrder: 3 },
      },
      {
        path: 'periods/:id(\\d+)',
        name: 'report-period',
        component: () => import('@/views/reports/PeriodDetailView.vue'),
        props: idProps,
        meta: { title: '周期详情', permission: Permission.ReportManage, hideInMenu: true },
      },
      {
        path: 'new',
        name: 'report-new',
        component: () => import('@/views/reports/ReportEditorView.vue'),
        props: (route) => ({
          periodId: route.query.periodId ? Number(route.query.periodId) : null,
          incident: route.query.incident === '1',
        }),
        meta: { title: '填写报送', permission: Permission.ReportSubmit, hideInMenu: true },
      },
      {
        path: ':id(\\d+)',
        name: 'report-detail',
        component: () => import('@/views/reports/ReportDetailView.vue'),
        props: idProps,
        meta: { title: '报送详情', permission: Permission.ReportSubmit, hideInMenu: true },
      },
      {
        path: ':id(\\d+)/edit',
        name: 'report-edit',
        component: () => import('@/views/reports/ReportEditorView.vue'),
        props: idProps,
        meta: { title: '修改报送', permission: Permission.ReportSubmit, hideInMenu: true },
      },
    ],
  },
];

export default routes;
