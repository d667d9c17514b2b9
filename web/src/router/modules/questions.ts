import type { RouteRecordRaw } from 'vue-router';
import { Collection, DataAnalysis, List, Upload } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'questions',
    meta: { title: '题库管理', icon: Collection, permission: Permission.QuestionManage, menuOrder: 60 },
    children: [
      {
        path: '',
        name: 'question-list',
        component: () => import('@/views/questions/QuestionListView.vue'),
        meta: { title: '题目列表', icon: List },
      },
      {
        path: 'import',
        name: 'question-import',
        component: () => import('@/views/questions/QuestionImportView.vue'),
        meta: { title: '导入题目', icon: Upload },
      },
      {
        path: 'quality',
        name: 'question-quality',
        component: () => import('@/views/questions/QuestionQualityView.vue'),
        meta: { title: '题库质量报告', icon: DataAnalysis },
      },
    ],
  },
];

export default routes;
