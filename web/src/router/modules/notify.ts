import type { RouteRecordRaw } from 'vue-router';
import { ChatDotRound } from '@element-plus/icons-vue';
import { Permission } from '@campus/shared';

const routes: RouteRecordRaw[] = [
  {
    path: 'notify',
    name: 'notify',
    component: () => import('@/views/notify/NotifyView.vue'),
    meta: { title: '群消息推送', icon: ChatDotRound, permission: Permission.NotifyManage, menuOrder: 75 },
  },
];

export default routes;
