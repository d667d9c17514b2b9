import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import {
  ALL_ROLES,
  isCollegeScoped,
  ROLE_LABELS,
  ROLE_PERMISSIONS,
  type LoginResponse,
  type Permission,
  type SessionUser,
} from '@campus/shared';
import * as authApi from '@/api/auth';

const STORAGE_KEY = 'campus-antifraud.session';

interface StoredSession {
  token: string;
  user: SessionUser;
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const { token, user } = value as Partial<Record<keyof StoredSession, unknown>>;
  if (typeof token !== 'string' || typeof user !== 'object' || user === null) return false;
  const role = (user as Partial<Record<keyof SessionUser, unknown>>).role;
  return ALL_ROLES.some((r) => r === role);
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isStoredSession(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export const useSessionStore = defineStore('session', () => {
  const stored = readStored();
  const token = ref<string | null>(stored?.token ?? null);
  const user = ref<SessionUser | null>(stored?.user ?? null);
  /** Whether the stored user has been checked against the server since the page loaded. */
  let verified = false;

  const isLoggedIn = computed(() => token.value !== null && user.value !== null);
  const roleLabel = computed(() => (user.value ? ROLE_LABELS[user.value.role] : ''));
  const permissions = computed<ReadonlySet<Permission>>(() =>
    user.value ? ROLE_PERMISSIONS[user.value.role] : new Set<Permission>(),
  );

  /**
   * The college a college-scoped user (学院管理员) is locked to, or null for everyone else. The server
   * enforces the scope; filters show it as a fixed, disabled choice.
   */
  const lockedCollegeId = computed(() =>
    user.value && isCollegeScoped(user.value.role) ? user.value.collegeId : null,
  );

  function can(permission: Permission): boolean {
    return permissions.value.has(permission);
  }

  function persist(): void {
    if (token.value && user.value) {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ token: token.value, user: user.value }));
    } else {
      localStorage.removeItem(STORAGE_KEY);
    }
  }

  function start(response: LoginResponse): void {
    token.value = response.token;
    user.value = response.user;
    verified = true;
    persist();
  }

  /** Local only: API.md has no logout route, a token simply stops being sent. */
  function logout(): void {
    token.value = null;
    user.value = null;
    verified = false;
    persist();
  }

  async function login(
    username: string,
    password: string,
    options: { onChallenge?: () => void } = {},
  ): Promise<SessionUser> {
    const response = await authApi.login({ username, password }, options);
    start(response);
    return response.user;
  }

  /** Keeps the session the server gave after a 统一身份认证 sign-in. */
  function startSso(response: LoginResponse): SessionUser {
    start(response);
    return response.user;
  }

  /** Reloads the user from GET /api/auth/me (role or the forced password change may have changed). */
  async function refresh(): Promise<void> {
    user.value = await authApi.fetchMe({ handlesUnauthorized: true });
    verified = true;
    persist();
  }

  /** Once per page load; the caller decides what a failure means. */
  async function verifyOnce(): Promise<void> {
    if (verified || !token.value) return;
    await refresh();
  }

  /** The server ends the old session and answers with the new one. */
  async function changePassword(oldPassword: string, newPassword: string): Promise<SessionUser> {
    const response = await authApi.changePassword({ oldPassword, newPassword });
    start(response);
    return response.user;
  }

  return {
    token,
    user,
    isLoggedIn,
    roleLabel,
    permissions,
    lockedCollegeId,
    can,
    login,
    startSso,
    refresh,
    verifyOnce,
    changePassword,
    logout,
  };
});
