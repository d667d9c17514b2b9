import type { RouteRecordRaw } from 'vue-router';
import { DataLine, List, Management, Message } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'course-admin',
    meta: { title: '课程管理', icon: Management, menuOrder: 62 },
    children: [
      {
        path: '',
        name: 'course-admin-list',
        component: () => import('@/views/course-admin/CourseListView.vue'),
        meta: { title: '课程列表', icon: List, permission: Permission.CourseManage },
      },
      {
        path: 'new',
        name: 'course-admin-new',
        component: () => import('@/views/course-admin/CourseEditorView.vue'),
        meta: { title: '新建课程', permission: Permission.CourseManage, hideInMenu: true },
      },
      {
        path: ':id(\\d+)/edit',
        name: 'course-admin-edit',
        component: () => import('@/views/course-admin/CourseEditorView.vue'),
        meta: { title: '编辑课程', permission: Permission.CourseManage, hideInMenu: true },
      },
      {
        path: 'letters',
        name: 'letter-admin',
        component: () => import('@/views/course-admin/LetterEditorView.vue'),
        meta: { title: '致新生一封信', icon: Message, permission: Permission.CourseManage },
      },
      {
        path: 'progress',
        name: 'course-progress',
        component: () => import('@/views/course-admin/CourseProgressView.vue'),
        meta: { title: '学习进度', icon: DataLine, permission: Permission.CourseProgressRead },
      },
    ],
  },
];

export default routes;
