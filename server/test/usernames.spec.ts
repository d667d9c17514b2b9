import { Role, type AuditLogDto, type Page, type RosterImportResult, type UserDto } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { ADMIN, TestApp } from './harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher, type RosterLine } from './factories/roster.factory';

const PASSWORD = 'Known2026pw';

/** 学号/工号 are one identity whatever their letter case and surrounding spaces (issue 11, critical). */
describe('usernames are one identity whatever their case and spaces', () => {
  let t: TestApp;
  let admin: string;
  let college: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const setup = await importAs(admin, [
      ['xsc01', '学生处老师', '学校管理员', '', '', '', '', '', ''],
      collegeAdmin('XY9301', '甲院管理员', '甲学院'),
      student('2025930101', '甲院学生', '甲学院', '甲2025-1班'),
      teacher('T9301', '甲院老师', '甲学院', '甲2025-1班'),
    ]);
    expect(setup.status).toBe(201);
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    college = await t.login('XY9301', PASSWORD);
  });
  afterAll(() => t.close());

  function importAs(token: string, lines: RosterLine[], dryRun = false) {
    return t.upload<RosterImportResult>(`/api/roster/import?dryRun=${dryRun}`, rosterCsvUtf8(lines), 'r.csv', token);
  }
  const account = (username: string) => t.dataSource.getRepository(User).findOneByOrFail({ username });
  const auditLines = async () =>
    (await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=roster.import', { token: admin })).body;

  it('refuses a college admin whose roster names ADMIN and " XSC01 ": nothing changes, nothing is logged as 新增', async () => {
    const before = await t.dataSource.getRepository(User).count();
    const logsBefore = (await auditLines()).total;
    const res = await importAs(college, [
      ['ADMIN', '冒充管理员', '学生', '甲学院', '甲2025-1班', '2025', '', '', ''],
      [' XSC01 ', '冒充学生处', '教师', '甲学院', '', '', '', '', ''],
    ]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { row: 2, column: '学号/工号', message: expect.stringContaining('系统管理员') },
      { row: 3, column: '学号/工号', message: expect.stringContaining('学校管理员') },
    ]);
    expect(res.body.errors[0]!.message).toContain('admin');
    expect(await t.dataSource.getRepository(User).count()).toBe(before);
    expect(await account(ADMIN.username)).toMatchObject({ role: Role.Sysadmin, name: '系统管理员' });
    expect(await account('xsc01')).toMatchObject({ role: Role.SchoolAdmin, name: '学生处老师' });
    expect((await auditLines()).total).toBe(logsBefore);
    expect((await t.request('POST', '/api/auth/login', { body: ADMIN })).status).toBe(200);
  });

  it('refuses a roster row that names a system administrator, even from a system administrator', async () => {
    const res = await importAs(admin, [['Admin', '降级', '学生', '甲学院', '甲2025-1班', '2025', '', '', '']]);
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ row: 2, column: '学号/工号' });
    expect(await account(ADMIN.username)).toMatchObject({ role: Role.Sysadmin });
  });

  it('updates the existing account when a later file spells its 学号/工号 differently', async () => {
    const res = await importAs(admin, [teacher(' t9301 ', '甲院老师改名', '甲学院', '甲2025-1班')]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });
    const users = await t.dataSource.getRepository(User).findBy({ name: '甲院老师改名' });
    expect(users.map((u) => u.username)).toEqual(['T9301']);
  });

  it('treats two spellings of one 学号 in the same file as a duplicate row', async () => {
    const res = await importAs(admin, [
      student('2025930199', '新生甲', '甲学院', '甲2025-1班'),
      teacher('T9399', '新老师', '甲学院'),
      teacher('t9399', '新老师二', '甲学院'),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { row: 4, column: '学号/工号', message: expect.stringContaining('与第 3 行重复') },
    ]);
  });

  it('signs in with any case and surrounding spaces of the 学号/工号, as the same account', async () => {
    const ids = new Set<number>();
    for (const username of ['XY9301', 'xy9301', ' Xy9301 ', 'ＸＹ９３０１']) {
      const res = await t.request<{ user: { id: number; username: string } }>('POST', '/api/auth/login', {
        body: { username, password: PASSWORD },
      });
      expect(res.status).toBe(200);
      expect(res.body.user.username).toBe('XY9301');
      ids.add(res.body.user.id);
    }
    expect(ids.size).toBe(1);
  });

  it('counts wrong passwords of every spelling against the one account', async () => {
    const spellings = ['T9301', 't9301', ' T9301', 'ｔ9301', 't9301 '];
    for (const username of spellings) {
      const res = await t.request('POST', '/api/auth/login', {
        body: { username, password: 'Wrong2026pw' },
        remoteAddress: '10.93.0.1',
      });
      expect(res.status).toBe(401);
    }
    const paused = await t.request('POST', '/api/auth/login', {
      body: { username: 'T9301', password: PASSWORD },
      remoteAddress: '10.93.0.1',
    });
    expect(paused.status).toBe(429);
  });

  it('finds people by 学号/工号 whatever the case the searcher types', async () => {
    for (const q of ['xy93', 'XY93', 'ｘｙ93']) {
      const res = await t.request<Page<UserDto>>('GET', `/api/users?q=${encodeURIComponent(q)}`, { token: admin });
      expect(res.body.items.map((u) => u.username)).toEqual(['XY9301']);
    }
  });

  it('keeps the unique index on the key: the database itself refuses a second spelling', async () => {
    const repo = t.dataSource.getRepository(User);
    const copy = repo.create({ username: 'XSC01', name: '复制', role: Role.Student, passwordHash: 'x' });
    await expect(repo.save(copy)).rejects.toThrow();
  });
});
