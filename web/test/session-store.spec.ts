import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { Role, type SessionUser } from '@campus/shared';
import { useSessionStore } from '@/stores/session';

function user(role: Role, collegeId: number | null): SessionUser {
  return { id: 1, username: 'u1', name: '张三', role, collegeId, classId: null, mustChangePassword: false };
}

describe('the session store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('locks a college admin to their own college', () => {
    const session = useSessionStore();
    session.user = user(Role.CollegeAdmin, 3);
    expect(session.lockedCollegeId).toBe(3);
  });

  it('locks nobody else, even a teacher or student who belongs to a college', () => {
    const session = useSessionStore();
    expect(session.lockedCollegeId).toBeNull();
    for (const role of [Role.Student, Role.Teacher, Role.SchoolAdmin, Role.Sysadmin]) {
      session.user = user(role, 3);
      expect(session.lockedCollegeId).toBeNull();
    }
  });

  it('follows the user: logging out unlocks', () => {
    const session = useSessionStore();
    session.user = user(Role.CollegeAdmin, 5);
    expect(session.lockedCollegeId).toBe(5);
    session.logout();
    expect(session.lockedCollegeId).toBeNull();
  });
});
