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

  /**
   * The unread notice lists unread alerts after sign-in. Once the person has seen it (opened an
   * alert from it, or put it off with 稍后再看), it does not come back at the next sign-in for the
   * same alerts: only an alert they have not been told about yet brings it back. Remembered on this
   * device per account; the alerts stay unread (and listed as such) until opened.
   */
  function noticeDue(): boolean {
    const told = toldAbout();
    return unread.value.some((a) => !told.has(a.id));
  }

  function noticeSeen(): void {
    const ids = new Set([...toldAbout(), ...unread.value.map((a) => a.id)]);
    try {
      // Newest first, bounded: alerts older than the inbox's window cannot come back anyway.
      localStorage.setItem(noticeKey(), JSON.stringify([...ids].sort((a, b) => b - a).slice(0, 200)));
    } catch {
      // storage unavailable: the notice shows again next time
    }
  }

  function noticeKey(): string {
    return `${NOTICE_KEY}.${session.user?.id ?? 0}`;
  }

  function toldAbout(): Set<number> {
    try {
      const raw: unknown = JSON.parse(localStorage.getItem(noticeKey()) ?? '[]');
      return new Set(Array.isArray(raw) ? raw.filter((id): id is number => typeof id === 'number') : []);
    } catch {
      return new Set();
    }
  }

  function reset(): void {
    alerts.value = [];
    loaded.value = false;
    refusedMeanwhile = false;
  }

  return {
    alerts,
    loaded,
    pageGeneration,
    pendingUrgent,
    unread,
    refresh,
    markRead,
    onRefused,
    noticeDue,
    noticeSeen,
    reset,
  };
});
