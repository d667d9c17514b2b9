import {
  Role,
  type AuditLogDto,
  type BulkUserResult,
  type ClassDto,
  type CollegeDto,
  type Page,
  type PasswordResetResult,
  type SessionUser,
  type UserCreateResult,
  type UserDetailDto,
  type UserDto,
} from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { AuditLog } from '../src/modules/audit/audit-log.entity';
import { TestApp } from './harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './factories/roster.factory';

const PASSWORD = 'Accounts2026';

describe('account management', () => {
  let t: TestApp;
  let sysadmin: string;
  let schoolAdmin: string;
  let aAdmin: string;
  let bAdmin: string;
  let teacherToken: string;
  let studentToken: string;
  const ids: Record<string, number> = {};
  const classes: Record<string, ClassDto> = {};
  const colleges: Record<string, CollegeDto> = {};

  beforeAll(async () => {
    t = await TestApp.start();
    sysadmin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2025400101', '甲一', '甲学院', '甲2025-1班'),
      student('2025400102', '甲二', '甲学院', '甲2025-1班'),
      student('2025400103', '甲三', '甲学院', '甲2025-1班'),
      student('2025400104', '甲四', '甲学院', '甲2025-1班'),
      student('2025400201', '甲五', '甲学院', '甲2025-2班'),
      student('2025410101', '乙一', '乙学院', '乙2025-1班'),
      teacher('T4001', '甲老师', '甲学院', '甲2025-1班'),
      collegeAdmin('XY4001', '甲院管理员', '甲学院'),
      collegeAdmin('XY4002', '甲院副管理员', '甲学院'),
      collegeAdmin('XY4101', '乙院管理员', '乙学院'),
      ['XS4001', '学生处', '学校管理员', '', '', '', '', '', ''],
    ]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', sysadmin)).status).toBe(201);
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    for (const u of await t.dataSource.getRepository(User).find()) ids[u.username] = u.id;
    const cs = await t.request<CollegeDto[]>('GET', '/api/colleges', { token: sysadmin });
    for (const c of cs.body) colleges[c.name] = c;
    const cls = await t.request<ClassDto[]>('GET', '/api/classes', { token: sysadmin });
    for (const c of cls.body) classes[c.name] = c;
    schoolAdmin = await t.login('XS4001', PASSWORD);
    aAdmin = await t.login('XY4001', PASSWORD);
    bAdmin = await t.login('XY4101', PASSWORD);
    teacherToken = await t.login('T4001', PASSWORD);
    studentToken = await t.login('2025400104', PASSWORD);
  });
  afterAll(() => t.close());

  const auditFor = (id: number) =>
    t.dataSource
      .getRepository(AuditLog)
      .find({ where: { targetType: 'user', targetId: String(id) }, order: { id: 'ASC' } });

  describe('a college admin', () => {
    it('adds a student to their college; the one-time password works once and must be changed', async () => {
      const res = await t.request<UserCreateResult>('POST', '/api/users', {
        token: aAdmin,
        body: {
          username: '2025400199',
          name: '新同学',
          role: 'student',
          classId: classes['甲2025-1班']!.id,
          phone: '138 0000 1111',
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.user).toMatchObject({
        username: '2025400199',
        collegeName: '甲学院',
        className: '甲2025-1班',
        phone: '13800001111',
        mustChangePassword: true,
        disabled: false,
      });
      expect(res.body.initialPassword).toMatch(/^[A-Za-z0-9]{10}$/);
      const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: res.body.user.id });
      expect(stored.passwordHash.startsWith('init$')).toBe(true); // keyed digest, no scrypt
      const login = await t.request<{ token: string; user: SessionUser }>('POST', '/api/auth/login', {
        body: { username: '2025400199', password: res.body.initialPassword },
      });
      expect(login.body.user.mustChangePassword).toBe(true);
      const audit = await auditFor(res.body.user.id);
      expect(audit.map((a) => a.action)).toEqual(['user.create']);
      expect(audit[0]!.details).toMatchObject({ after: { name: '新同学', className: '甲2025-1班' } });
      expect(JSON.stringify(audit[0]!.details)).not.toContain(res.body.initialPassword);
    });

    it('refuses a duplicate 学号 (409), a student without a class, and a class of another college', async () => {
      const dup = await t.request<{ message: string }>('POST', '/api/users', {
        token: aAdmin,
        body: { username: '2025400101', name: '重复', role: 'student', classId: classes['甲2025-1班']!.id },
      });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toBe('学号/工号「2025400101」已存在');
      const noClass = await t.request<{ message: string }>('POST', '/api/users', {
        token: aAdmin,
        body: { username: '2025400198', name: '无班级', role: 'student' },
      });
      expect([noClass.status, noClass.body.message]).toEqual([400, '学生必须选择班级']);
      const other = await t.request<{ message: string }>('POST', '/api/users', {
        token: aAdmin,
        body: { username: '2025400197', name: '越权', role: 'student', classId: classes['乙2025-1班']!.id },
      });
      expect([other.status, other.body.message]).toEqual([403, '只能管理本学院的人员']);
      expect(await t.dataSource.getRepository(User).existsBy({ usernameKey: '2025400197' })).toBe(false);
    });

    it('cannot create or promote anyone to an admin role (privilege escalation)', async () => {
      for (const role of [Role.CollegeAdmin, Role.SchoolAdmin, Role.Sysadmin]) {
        const res = await t.request<{ message: string }>('POST', '/api/users', {
          token: aAdmin,
          body: { username: `esc-${role}`.slice(0, 32), name: '提权', role, collegeId: colleges['甲学院']!.id },
        });
        expect(res.status).toBe(403);
      }
      const promote = await t.request<{ message: string }>('PATCH', `/api/users/${ids['T4001']}`, {
        token: aAdmin,
        body: { role: Role.Sysadmin },
      });
      expect([promote.status, promote.body.message]).toEqual([403, '您无权设置「系统管理员」身份']);
      const self = await t.request('PATCH', `/api/users/${ids['XY4001']}`, {
        token: aAdmin,
        body: { role: 'school_admin' },
      });
      expect(self.status).toBe(403);
      // A fellow college admin is not theirs to manage either (reset their password, disable them).
      expect((await t.request('POST', `/api/users/${ids['XY4002']}/password-reset`, { token: aAdmin })).status).toBe(
        403,
      );
      expect((await t.request('POST', `/api/users/${ids['XY4002']}/disable`, { token: aAdmin })).status).toBe(403);
      const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: ids['T4001']! });
      expect(stored.role).toBe(Role.Teacher);
    });

    it('cannot touch a person of another college, nor move their own student into another college', async () => {
      const other = ids['2025410101']!;
      for (const [method, url, body] of [
        ['PATCH', `/api/users/${other}`, { name: '改名' }],
        ['POST', `/api/users/${other}/disable`, undefined],
        ['POST', `/api/users/${other}/enable`, undefined],
        ['POST', `/api/users/${other}/unlock`, undefined],
        ['POST', `/api/users/${other}/password-reset`, undefined],
      ] as const) {
        const res = await t.request<{ message: string }>(method, url, { token: aAdmin, body });
        expect([method, url, res.status, res.body.message]).toEqual([method, url, 403, '只能管理本学院的人员']);
      }
      const move = await t.request<{ message: string }>('PATCH', `/api/users/${ids['2025400103']}`, {
        token: aAdmin,
        body: { classId: classes['乙2025-1班']!.id },
      });
      expect(move.status).toBe(403);
      const stored = await t.dataSource.getRepository(User).findOneByOrFail({ id: other });
      expect([stored.name, stored.disabled]).toEqual(['乙一', false]);
    });

    it('edits name and phone and moves a student between classes, audited with before and after', async () => {
      const id = ids['2025400102']!;
      const res = await t.request<UserDto>('PATCH', `/api/users/${id}`, {
        token: aAdmin,
        body: { name: '甲二改', phone: '13900002222', classId: classes['甲2025-2班']!.id },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '甲二改', phone: '13900002222', className: '甲2025-2班' });
      const audit = (await auditFor(id)).at(-1)!;
      expect(audit.action).toBe('user.update');
      expect(audit.summary).toBe('修改 2025400102 甲二改：姓名、班级、手机号');
      expect(audit.details).toMatchObject({
        before: { name: '甲二', className: '甲2025-1班', phone: null },
        after: { name: '甲二改', className: '甲2025-2班', phone: '13900002222' },
      });
      const bad = await t.request<{ message: string; errors: unknown[] }>('PATCH', `/api/users/${id}`, {
        token: aAdmin,
        body: { phone: '12345' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('手机号应为 11 位数字');
    });

    it('makes a student a teacher (the class is dropped) and back, within the roles they may grant', async () => {
      const id = ids['2025400201']!;
      const toTeacher = await t.request<UserDto>('PATCH', `/api/users/${id}`, {
        token: aAdmin,
        body: { role: 'teacher' },
      });
      expect(toTeacher.body).toMatchObject({ role: 'teacher', classId: null, collegeName: '甲学院' });
      const back = await t.request<UserDto>('PATCH', `/api/users/${id}`, {
        token: aAdmin,
        body: { role: 'student', classId: classes['甲2025-2班']!.id },
      });
      expect(back.body).toMatchObject({ role: 'student', className: '甲2025-2班' });
    });

    it('disables an account: it cannot sign in and its token stops at once; enabling lets it sign in again', async () => {
      const id = ids['2025400104']!;
      expect((await t.request('GET', '/api/auth/me', { token: studentToken })).status).toBe(200);
      const res = await t.request<UserDto>('POST', `/api/users/${id}/disable`, { token: aAdmin });
      expect([res.status, res.body.disabled]).toEqual([200, true]);
      expect((await t.request('GET', '/api/auth/me', { token: studentToken })).status).toBe(401);
      const login = await t.request<{ message: string }>('POST', '/api/auth/login', {
        body: { username: '2025400104', password: PASSWORD },
      });
      expect([login.status, login.body.message]).toEqual([403, '账号已停用，请联系管理员']);
      expect((await t.request('POST', `/api/users/${id}/enable`, { token: aAdmin })).status).toBe(200);
      // The old token stays ended: enabling does not revive sessions.
      expect((await t.request('GET', '/api/auth/me', { token: studentToken })).status).toBe(401);
      studentToken = await t.login('2025400104', PASSWORD);
      expect((await auditFor(id)).map((a) => a.action)).toEqual(['user.disable', 'user.enable']);
    });

    it('unlocks an account paused by wrong passwords, from every address', async () => {
      const id = ids['2025400103']!;
      for (let i = 0; i < 10; i++) {
        await t.request('POST', '/api/auth/login', {
          body: { username: '2025400103', password: `wrong-${i}` },
          remoteAddress: `10.9.0.${i % 2}`,
        });
      }
      const paused = await t.request('POST', '/api/auth/login', {
        body: { username: '2025400103', password: PASSWORD },
      });
      expect(paused.status).toBe(429);
      const detail = await t.request<UserDetailDto>('GET', `/api/users/${id}`, { token: sysadmin });
      expect(detail.body.lock).toMatchObject({ locked: true, failures: 10 });
      expect((await t.request('POST', `/api/users/${id}/unlock`, { token: aAdmin })).status).toBe(204);
      for (const remoteAddress of ['10.9.0.0', '10.9.0.1']) {
        const res = await t.request('POST', '/api/auth/login', {
          body: { username: '2025400103', password: PASSWORD },
          remoteAddress,
        });
        expect(res.status).toBe(200);
      }
      const audit = (await auditFor(id)).at(-1)!;
      expect(audit.action).toBe('user.unlock');
      expect(audit.details).toMatchObject({ before: { failures: 10 }, after: { failures: 0 } });
    });

    it('resets a password: a new one-time password, old sessions end, the old password stops, change forced', async () => {
      const id = ids['2025400101']!;
      const token = await t.login('2025400101', PASSWORD);
      const res = await t.request<PasswordResetResult>('POST', `/api/users/${id}/password-reset`, { token: aAdmin });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ username: '2025400101', name: '甲一' });
      expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
      const old = await t.request('POST', '/api/auth/login', { body: { username: '2025400101', password: PASSWORD } });
      expect(old.status).toBe(401);
      const fresh = await t.request<{ token: string; user: SessionUser }>('POST', '/api/auth/login', {
        body: { username: '2025400101', password: res.body.password },
      });
      expect(fresh.body.user.mustChangePassword).toBe(true);
      expect((await t.request('GET', '/api/my/exams', { token: fresh.body.token })).status).toBe(403);
      const changed = await t.request('POST', '/api/auth/password', {
        token: fresh.body.token,
        body: { oldPassword: res.body.password, newPassword: 'Chosen-2026pw' },
      });
      expect(changed.status).toBe(204);
      // The Excel of new passwords takes only passwords still unchanged: this one is no longer.
      const table = await t.request('POST', '/api/roster/initial-passwords', {
        token: aAdmin,
        body: { accounts: [res.body] },
      });
      expect(table.status).toBe(400);
      const audit = (await auditFor(id)).at(-1)!;
      expect(audit.action).toBe('user.password-reset');
      expect(JSON.stringify(audit.details)).not.toContain(res.body.password);
    });

    it('cannot manage their own account here', async () => {
      const res = await t.request<{ message: string }>('POST', `/api/users/${ids['XY4001']}/disable`, {
        token: aAdmin,
      });
      expect([res.status, res.body.message]).toEqual([403, '不能在人员管理中修改自己的账号']);
    });
  });

  describe('bulk actions', () => {
    it('move-class is all or nothing: one row of another college refuses the whole selection, naming the row', async () => {
      const selection = [ids['2025400101']!, ids['2025400103']!, ids['2025410101']!];
      const res = await t.request<{ message: string; errors: Array<{ row: number; item: string; message: string }> }>(
        'POST',
        '/api/users/bulk',
        { token: aAdmin, body: { action: 'move-class', userIds: selection, classId: classes['甲2025-2班']!.id } },
      );
      expect(res.status).toBe(400);
      expect(res.body.message).toBe('第 3 行（2025410101 乙一）：只能管理本学院的人员；全部未执行');
      expect(res.body.errors).toEqual([{ row: 3, item: '2025410101', message: '只能管理本学院的人员' }]);
      const unchanged = await t.dataSource.getRepository(User).findOneByOrFail({ id: ids['2025400101']! });
      expect(unchanged.classId).toBe(classes['甲2025-1班']!.id);
    });

    it('move-class refuses a teacher in the selection, then moves the students together', async () => {
      const withTeacher = await t.request<{ message: string }>('POST', '/api/users/bulk', {
        token: aAdmin,
        body: { action: 'move-class', userIds: [ids['2025400101'], ids['T4001']], classId: classes['甲2025-2班']!.id },
      });
      expect(withTeacher.body.message).toBe('第 2 行（T4001 甲老师）：只有学生可以调整班级（此人为教师）；全部未执行');
      const ok = await t.request<BulkUserResult>('POST', '/api/users/bulk', {
        token: aAdmin,
        body: {
          action: 'move-class',
          userIds: [ids['2025400101'], ids['2025400103']],
          classId: classes['甲2025-2班']!.id,
        },
      });
      expect(ok.body).toEqual({ action: 'move-class', changed: 2 });
      const moved = await t.dataSource.getRepository(User).findBy({ classId: classes['甲2025-2班']!.id });
      expect(moved.map((u) => u.username)).toEqual(expect.arrayContaining(['2025400101', '2025400103']));
      const audit = (await auditFor(ids['2025400103']!)).at(-1)!;
      expect(audit.summary).toBe('批量调整班级 2025400103 甲三：甲2025-1班 → 甲2025-2班');
    });

    it('resets many passwords at once, clearing their login pauses; the Excel of new passwords is audited', async () => {
      for (let i = 0; i < 5; i++) {
        await t.request('POST', '/api/auth/login', {
          body: { username: '2025400103', password: `wrong-${i}` },
          remoteAddress: '10.8.0.1',
        });
      }
      const selection = [ids['2025400101']!, ids['2025400103']!];
      const res = await t.request<BulkUserResult>('POST', '/api/users/bulk', {
        token: aAdmin,
        body: { action: 'reset-password', userIds: selection },
      });
      expect(res.body.changed).toBe(2);
      expect(res.body.passwords!.map((p) => p.username)).toEqual(['2025400101', '2025400103']);
      for (const p of res.body.passwords!) {
        const login = await t.request<{ user: SessionUser }>('POST', '/api/auth/login', {
          body: { username: p.username, password: p.password },
          remoteAddress: '10.8.0.1',
        });
        expect(login.body.user.mustChangePassword).toBe(true);
      }
      const table = await t.request('POST', '/api/roster/initial-passwords', {
        token: aAdmin,
        body: { accounts: res.body.passwords },
      });
      expect(table.status).toBe(200);
      expect(String(table.headers['content-type'])).toContain('spreadsheetml');
      const exported = await t.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'roster.passwords-export' });
      expect(exported.details).toMatchObject({ count: 2 });
    });

    it('disables many at once, and a school admin cannot bulk-disable a sysadmin', async () => {
      const tokens = await Promise.all(['2025400201', 'T4001'].map((u) => t.login(u, PASSWORD)));
      const res = await t.request<BulkUserResult>('POST', '/api/users/bulk', {
        token: aAdmin,
        body: { action: 'disable', userIds: [ids['2025400201'], ids['T4001']] },
      });
      expect(res.body.changed).toBe(2);
      for (const token of tokens) expect((await t.request('GET', '/api/auth/me', { token })).status).toBe(401);
      teacherToken = '';
      await t.request('POST', '/api/users/bulk', {
        token: aAdmin,
        body: { action: 'enable', userIds: [ids['2025400201'], ids['T4001']] },
      });
      const adminId = ids['admin']!;
      const bySchool = await t.request<{ message: string }>('POST', '/api/users/bulk', {
        token: schoolAdmin,
        body: { action: 'disable', userIds: [ids['2025410101'], adminId] },
      });
      expect(bySchool.status).toBe(400);
      expect(bySchool.body.message).toBe('第 2 行（admin 系统管理员）：您无权管理「系统管理员」账号；全部未执行');
      const untouched = await t.dataSource.getRepository(User).findOneByOrFail({ id: ids['2025410101']! });
      expect(untouched.disabled).toBe(false);
    });
  });

  describe('other roles', () => {
    it('a school admin manages any college but cannot create or touch a sysadmin', async () => {
      const move = await t.request<UserDto>('PATCH', `/api/users/${ids['2025410101']}`, {
        token: schoolAdmin,
        body: { classId: classes['甲2025-1班']!.id },
      });
      expect(move.body).toMatchObject({ collegeName: '甲学院', className: '甲2025-1班' });
      const sys = await t.request('POST', '/api/users', {
        token: schoolAdmin,
        body: { username: 'root2', name: '假系统管理员', role: 'sysadmin' },
      });
      expect(sys.status).toBe(403);
      expect(
        (await t.request('POST', `/api/users/${ids['admin']}/password-reset`, { token: schoolAdmin })).status,
      ).toBe(403);
      expect((await t.request('GET', `/api/users/${ids['2025410101']}`, { token: schoolAdmin })).status).toBe(403);
    });

    it('another college admin cannot reach the first college, even by bulk', async () => {
      const res = await t.request<{ message: string }>('POST', '/api/users/bulk', {
        token: bAdmin,
        body: { action: 'reset-password', userIds: [ids['2025400102']] },
      });
      expect(res.body.message).toBe('第 1 行（2025400102 甲二改）：只能管理本学院的人员；全部未执行');
    });

    it('students and teachers reach no account route', async () => {
      teacherToken = await t.login('T4001', PASSWORD);
      for (const token of [studentToken, teacherToken]) {
        for (const [method, url] of [
          ['POST', '/api/users'],
          ['PATCH', `/api/users/${ids['2025400102']}`],
          ['POST', `/api/users/${ids['2025400102']}/password-reset`],
          ['POST', '/api/users/bulk'],
          ['GET', `/api/users/${ids['2025400102']}`],
        ]) {
          const res = await t.request(method!, url!, { token, body: method === 'GET' ? undefined : {} });
          expect([method, url, res.status]).toEqual([method, url, 403]);
        }
      }
    });

    it('a sysadmin creates a school admin and sees a person’s page: last login, method, lock, recent audit', async () => {
      const created = await t.request<UserCreateResult>('POST', '/api/users', {
        token: sysadmin,
        body: { username: 'XS4002', name: '保卫处', role: 'school_admin' },
      });
      expect(created.status).toBe(201);
      const id = ids['2025400101']!;
      const detail = await t.request<UserDetailDto>('GET', `/api/users/${id}`, { token: sysadmin });
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({
        username: '2025400101',
        role: 'student',
        collegeName: '甲学院',
        className: '甲2025-2班',
        lastLoginMethod: 'password',
        lock: { locked: false },
      });
      expect(Date.now() - new Date(detail.body.lastLoginAt!).getTime()).toBeLessThan(120_000);
      const actions = detail.body.recentAudit.map((a: AuditLogDto) => a.action);
      expect(actions.slice(0, 2)).toEqual(['user.bulk-password-reset', 'user.bulk-move-class']);
      expect(actions).toContain('user.password-reset');
      const teacherPage = await t.request<UserDetailDto>('GET', `/api/users/${ids['T4001']}`, { token: sysadmin });
      expect(teacherPage.body.teachingClasses.map((c) => c.name)).toEqual(['甲2025-1班']);
      const list = await t.request<Page<UserDto>>('GET', '/api/users?q=XS4002', { token: sysadmin });
      expect(list.body.items[0]).toMatchObject({ role: 'school_admin', disabled: false });
    });
  });
});
