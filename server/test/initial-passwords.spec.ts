import ExcelJS from 'exceljs';
import { passwordProblem, type AuditLogDto, type Page, type RosterImportResult } from '@campus/shared';
import { TestApp } from './harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './factories/roster.factory';

describe('initial passwords of imported accounts', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const importFile = (file: Buffer, dryRun = false, token = admin) =>
    t.upload<RosterImportResult & { message?: string }>(`/api/roster/import?dryRun=${dryRun}`, file, 'r.csv', token);
  const login = (username: string, password: string) =>
    t.request<{ token: string; user: { mustChangePassword: boolean } }>('POST', '/api/auth/login', {
      body: { username, password },
    });
  const exportTable = (accounts: Array<{ username: string; name: string; password: string }>, token = admin) =>
    t.request('POST', '/api/roster/initial-passwords', { token, body: { accounts } });
  async function rowsOf(raw: Buffer): Promise<string[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String)));
    return rows;
  }

  it('gives every new account without a 初始密码 a random one, shown once, never its 工号', async () => {
    const file = rosterCsvUtf8([
      collegeAdmin('xy02', '短工号管理员', '机电学院'),
      teacher('T02', '短工号老师', '机电学院'),
      student('2026300101', '新生甲', '机电学院', '机电2026-1班', '2026'),
    ]);
    const preview = await importFile(file, true);
    expect(preview.body).toMatchObject({ created: 3, generatedPasswords: 3 });
    expect(preview.body.initialPasswords).toBeUndefined();

    const res = await importFile(file);
    expect(res.status).toBe(201);
    const passwords = res.body.initialPasswords!;
    expect(passwords.map((p) => p.username).sort()).toEqual(['2026300101', 'T02', 'xy02']);
    expect(new Set(passwords.map((p) => p.password)).size).toBe(3);
    for (const { username, password } of passwords) {
      expect(password).toMatch(/^[a-km-zA-HJ-NP-Z3-9]{10}$/);
      expect(passwordProblem(password, username)).toBeNull();
    }
    // The old rule (last six characters) made xy02's password "xy02".
    expect((await login('xy02', 'xy02')).status).toBe(401);
    const first = await login('xy02', passwords.find((p) => p.username === 'xy02')!.password);
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);

    const again = await importFile(file);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, generatedPasswords: 0, initialPasswords: [] });
  });

  it('refuses a 初始密码 in the file that is short, common or the 学号/工号, naming row and column', async () => {
    const res = await importFile(
      rosterCsvUtf8([
        student('2026300201', '甲', '机电学院', '机电2026-1班', '2026', { password: 'Good-Pass-2026' }),
        student('2026300202', '乙', '机电学院', '机电2026-1班', '2026', { password: '300202' }),
        student('2026300203', '丙', '机电学院', '机电2026-1班', '2026', { password: 'abc12345' }),
        student('2026300204', '丁', '机电学院', '机电2026-1班', '2026', { password: 'x2026300204' }),
      ]),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => [e.row, e.column])).toEqual([
      [3, '初始密码'],
      [4, '初始密码'],
      [5, '初始密码'],
    ]);
    expect(res.body.errors[0]!.message).toMatch(/初始密码不符合要求：密码至少 8 位/);
    expect(res.body.errors[1]!.message).toMatch(/常见/);
    expect(res.body.errors[2]!.message).toMatch(/学号\/工号/);
  });

  it('downloads the generated passwords as a table, audited, leaving out anyone who has changed theirs', async () => {
    const res = await importFile(
      rosterCsvUtf8([
        student('2026300301', '表一', '电气学院', '电气2026-1班', '2026'),
        student('2026300302', '表二', '电气学院', '电气2026-1班', '2026'),
        collegeAdmin('XY0303', '电气管理员', '电气学院'),
      ]),
    );
    const passwords = res.body.initialPasswords!;
    const [one, two] = passwords.filter((p) => p.username.startsWith('2026'));
    const token = (await login(two!.username, two!.password)).body.token;
    const changed = await t.request('POST', '/api/auth/password', {
      token,
      body: { oldPassword: two!.password, newPassword: 'Mine-Only-2026' },
    });
    expect(changed.status).toBe(204);

    const table = await exportTable([...passwords, { username: 'nobody', name: 'x', password: 'Whatever-2026' }]);
    expect(table.status).toBe(200);
    expect(String(table.headers['content-type'])).toMatch(/spreadsheetml/);
    const rows = await rowsOf(table.raw);
    expect(rows[0]).toEqual(['账号', '姓名', '初始密码']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([one!.username, 'XY0303'].sort());
    expect(rows.find((r) => r[0] === one!.username)).toEqual([one!.username, '表一', one!.password]);
    // A wrong password never makes it into the table.
    expect((await exportTable([{ ...one!, password: 'Guessed-2026x' }])).status).toBe(400);

    const log = await t.request<Page<AuditLogDto>>('GET', '/api/audit-logs?action=roster.passwords-export', {
      token: admin,
    });
    expect(log.body.items[0]).toMatchObject({ action: 'roster.passwords-export', summary: '导出初始密码 2 人' });
  });

  it('lets only importers download, and a college admin only their own college', async () => {
    const created = await importFile(
      rosterCsvUtf8([
        collegeAdmin('XY0401', '化工管理员', '化工学院'),
        student('2026300401', '化一', '电气学院', '电气2026-1班', '2026'),
      ]),
    );
    const byName = new Map(created.body.initialPasswords!.map((p) => [p.username, p]));
    const xy = byName.get('XY0401')!;
    const first = (await login('XY0401', xy.password)).body.token;
    await t.request('POST', '/api/auth/password', {
      token: first,
      body: { oldPassword: xy.password, newPassword: 'Huagong-Admin-26' },
    });
    const college = (await login('XY0401', 'Huagong-Admin-26')).body.token;
    const other = await exportTable([byName.get('2026300401')!], college);
    expect(other.status).toBe(400);
    expect((other.body as { message: string }).message).toMatch(/管理范围/);

    const studentToken = (await login('2026300401', byName.get('2026300401')!.password)).body.token;
    expect((await exportTable([byName.get('2026300401')!], studentToken)).status).toBe(403);
  });
});
