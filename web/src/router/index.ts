import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import './route-meta';
import { installGuards } from './guards';

/**
 * Every file in ./modules default-exports the routes of one feature, rendered inside AppLayout with
 * relative paths. The side menu is built from these same records, so adding a page is adding a
 * record (with `meta.title` and `meta.permission`) to a module.
 */
const featureModules = import.meta.glob<RouteRecordRaw[]>('./modules/*.ts', { eager: true, import: 'default' });

const featureRoutes: RouteRecordRaw[] = Object.values(featureModules).flat();
export const appRoutes: RouteRecordRaw[] = featureRoutes.filter((route) => !route.meta?.fullscreen);
const fullscreenRoutes: RouteRecordRaw[] = featureRoutes.filter((route) => route.meta?.fullscreen);

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/auth/LoginView.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/sso/:protocol(cas|oidc)',
    name: 'sso-return',
    component: () => import('@/views/auth/SsoReturnView.vue'),
    meta: { title: '统一身份认证登录', public: true },
  },
  {
    path: '/password',
    name: 'change-password',
    component: () => import('@/views/auth/ChangePasswordView.vue'),
    meta: { title: '修改密码' },
  },
  ...fullscreenRoutes,
  {
    path: '/',
    component: () => import('@/layouts/AppLayout.vue'),
    children: [
      ...appRoutes,
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/errors/ForbiddenView.vue'),
        meta: { title: '无权访问', hideInMenu: true },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('@/views/errors/NotFoundView.vue'),
        meta: { title: '页面不存在', hideInMenu: true },
      },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

installGuards(router);
