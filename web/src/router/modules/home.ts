import type { RouteRecordRaw } from 'vue-router';
import { HomeFilled } from '@element-plus/icons-vue';

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('@/views/home/HomeView.vue'),
    meta: { title: '首页', icon: HomeFilled, menuOrder: 0 },
  },
];

export default routes;
