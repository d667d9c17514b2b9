import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { configureHttp } from './api/http';
import { vAccess } from './directives/access';
import { router } from './router';
import { URGENT_ALERT_PENDING } from '@campus/shared';
import { useAlertInboxStore } from './stores/alert-inbox';
import { useSessionStore } from './stores/session';
import './styles/global.css';

const app = createApp(App);
app.use(createPinia());

const session = useSessionStore();
configureHttp({
  token: () => session.token,
  onUnauthorized: () => {
    session.logout();
    const current = router.currentRoute.value;
    if (current.name !== 'login') {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } });
    }
  },
  onRefusalCode: (code) => {
    if (code === URGENT_ALERT_PENDING) useAlertInboxStore().onRefused();
  },
});

app.use(router);
app.directive('access', vAccess);
app.mount('#app');
