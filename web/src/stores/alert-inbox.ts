import { computed, ref, shallowRef } from 'vue';
import { defineStore } from 'pinia';
import { ROLES_BLOCKED_BY_URGENT_ALERTS, type MyAlertDto } from '@campus/shared';
import { listMyAlerts, markAlertRead } from '@/api/alerts';
import { useSessionStore } from './session';

const NOTICE_KEY = 'campus-antifraud.alert-notice';

/**
 * The signed-in person's alerts, shared by the gate that shows them on login and the 防骗警示 page.
 * For students and teachers an unread urgent alert blocks the app until acknowledged (the server
 * refuses their other requests with URGENT_ALERT_PENDING meanwhile).
 */
export const useAlertInboxStore = defineStore('alert-inbox', () => {
  const session = useSessionStore();
  const alerts = shallowRef<MyAlertDto[]>([]);
  const loaded = ref(false);
  /** Bumped when an acknowledgement lifts a block some page ran into: that page is shown afresh. */
  const pageGeneration = ref(0);
  let refusedMeanwhile = false;

  const blockable = computed(() => session.user !== null && ROLES_BLOCKED_BY_URGENT_ALERTS.includes(session.user.role));
  /** Urgent alerts the person must acknowledge before going on, oldest first. */
  const pendingUrgent = computed(() =>
    blockable.value ? alerts.value.filter((a) => a.level === 'urgent' && !a.readAt).reverse() : [],
  );
  const unread = computed(() => alerts.value.filter((a) => !a.readAt));

  async function refresh(): Promise<void> {
    alerts.value = await listMyAlerts();
    loaded.value = true;
  }

  async function markRead(id: number): Promise<void> {
    await markAlertRead(id);
    const now = new Date().toISOString();
    alerts.value = alerts.value.map((a) => (a.id === id && !a.readAt ? { ...a, readAt: now } : a));
    if (refusedMeanwhile && pendingUrgent.value.length === 0) {
      refusedMeanwhile = false;
      pageGeneration.value += 1;
    }
  }

  /** The server refused a request because an urgent alert waits: fetch it so the gate shows it. */
  function onRefused(): void {
    refusedMeanwhile = true;
    void refresh().catch(() => undefined);
  }

  /** The unread notice is shown once per sign-in, not on every reload: remembered for this tab and token. */
  function noticeDue(): boolean {
    const mark = session.token?.slice(-16) ?? '';
    try {
      if (sessionStorage.getItem(NOTICE_KEY) === mark) return false;
      sessionStorage.setItem(NOTICE_KEY, mark);
    } catch {
      // storage unavailable: show it
    }
    return true;
  }

  function reset(): void {
    alerts.value = [];
    loaded.value = false;
    refusedMeanwhile = false;
  }

  return { alerts, loaded, pageGeneration, pendingUrgent, unread, refresh, markRead, onRefused, noticeDue, reset };
});
