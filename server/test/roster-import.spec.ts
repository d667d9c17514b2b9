import { Role, type RosterImportResult, type UserDto, type Page } from '@campus/shared';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { collegeAdmin, rosterCsvGbk, rosterCsvUtf8, rosterXlsx, student, teacher } from './factories/roster.factory';

describe('roster import', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const userCount = () => t.dataSource.getRepository(User).count();
  const importFile = (file: Buffer, name: string, dryRun = false, token = admin) =>
    t.upload<RosterImportResult>(`/api/roster/import?dryRun=${dryRun}`, file, name, token);

  it('imports an xlsx roster, creating colleges, classes, students, teachers and their classes', async () => {
    const file = await rosterXlsx([
      student('2025110101', '陈一', '信息工程学院', '软件2025-1班'),
      [2025110102, '陈二', '学生', '信息工程学院', '软件2025-1班', 2025, '', 13912345678, ''],
      student('2025120101', '周三', '商学院', '电商2025-1班'),
      teacher('T9001', '吴老师', '信息工程学院', '软件2025-1班、电商2025-1班'),
      collegeAdmin('XY9001', '郑主任', '信息工程学院'),
    ]);
    const res = await importFile(file, 'roster.xlsx');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 5, updated: 0, unchanged: 0, errors: [] });
    expect(res.body.newColleges.sort()).toEqual(['信息工程学院', '商学院'].sort());

    const users = await t.request<Page<UserDto>>('GET', '/api/users?q=2025110102', { token: admin });
    expect(users.body.items).toHaveLength(1);
    expect(users.body.items[0]).toMatchObject({
      name: '陈二',
      className: '软件2025-1班',
      enrollmentYear: 2025,
      phone: '13912345678',
      role: Role.Student,
    });

    const generated = new Map(res.body.initialPasswords!.map((p) => [p.username, p.password]));
    expect([...generated.keys()].sort()).toEqual(['2025110101', '2025110102', '2025120101', 'T9001', 'XY9001'].sort());
    const teacherToken = await t.login('T9001', generated.get('T9001')!);
    const me = await t.request<{ mustChangePassword: boolean }>('GET', '/api/auth/me', { token: teacherToken });
    expect(me.body.mustChangePassword).toBe(true);
  });

  it('reads UTF-8 CSV with and without BOM, and GBK CSV as Excel on Chinese Windows saves it', async () => {
    const utf8 = await importFile(
      rosterCsvUtf8([student('2025130101', '欧阳娜娜', '艺术学院', '美术2025-1班')]),
      'a.csv',
    );
    const bom = await importFile(
      rosterCsvUtf8([student('2025130102', '司马懿', '艺术学院', '美术2025-1班')], { bom: true }),
      'b.csv',
    );
    const gbk = await importFile(rosterCsvGbk([student('2025130103', '诸葛亮', '艺术学院', '美术2025-1班')]), 'c.csv');
    for (const res of [utf8, bom, gbk]) expect(res.body).toMatchObject({ created: 1, errors: [] });
    const listed = await t.request<Page<UserDto>>('GET', '/api/users?q=20251301&pageSize=10', { token: admin });
    expect(listed.body.items.map((u) => u.name).sort()).toEqual(['司马懿', '欧阳娜娜', '诸葛亮'].sort());
    expect(listed.body.items.every((u) => u.collegeName === '艺术学院')).toBe(true);
  });

  it('previews a dry run without writing anything', async () => {
    const before = await userCount();
    const res = await importFile(
      rosterCsvUtf8([student('2025140101', '林一', '新学院', '新班2025-1班')]),
      'dry.csv',
      true,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ dryRun: true, created: 1, newColleges: ['新学院'], newClasses: ['新班2025-1班'] });
    expect(await userCount()).toBe(before);
    const colleges = await t.request<Array<{ name: string }>>('GET', '/api/colleges', { token: admin });
    expect(colleges.body.map((c) => c.name)).not.toContain('新学院');
  });

  it('changes nothing when the same file is imported again, and updates only a changed row', async () => {
    const lines = [
      student('2025150101', '马一', '机电学院', '机电2025-1班'),
      student('2025150102', '马二', '机电学院', '机电2025-1班'),
    ];
    expect((await importFile(rosterCsvUtf8(lines), 'r.csv')).body).toMatchObject({ created: 2 });
    expect((await importFile(rosterCsvUtf8(lines), 'r.csv')).body).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    lines[1] = student('2025150102', '马二改', '机电学院', '机电2025-1班');
    expect((await importFile(rosterCsvUtf8(lines), 'r.csv')).body).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ username: '2025150102' });
    expect(user.name).toBe('马二改');
  });

  it('writes nothing when any row is bad and names every bad row, column and reason', async () => {
    const before = await userCount();
    const res = await importFile(
      rosterCsvUtf8([
        student('2025160101', '好人', '医学院', '护理2025-1班'),
        student('', '没学号', '医学院', '护理2025-1班'),
        student('2025160103', '坏年份', '医学院', '护理2025-1班', '25'),
        student('2025160101', '重复', '医学院', '护理2025-1班'),
        ['2025160105', '乱身份', '校长', '医学院', '', '', '', '', ''],
        student('2025160106', '坏手机', '医学院', '护理2025-1班', '2025', { phone: '12345' }),
        teacher('T9101', '没班老师', '医学院', '不存在的班'),
      ]),
      'bad.csv',
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { row: 3, column: '学号/工号', message: '学号/工号不能为空' },
      { row: 4, column: '入学年份', message: expect.stringContaining('四位年份') },
      { row: 5, column: '学号/工号', message: expect.stringContaining('与第 2 行重复') },
      { row: 6, column: '身份', message: expect.stringContaining('无法识别') },
      { row: 7, column: '手机号', message: expect.stringContaining('11 位') },
      { row: 8, column: '授课班级', message: expect.stringContaining('不存在的班') },
    ]);
    expect((res.body as unknown as { message: string }).message).toContain('未导入任何数据');
    expect(await userCount()).toBe(before);
  });

  it('answers 4xx with a Chinese message, never 500, for files that are not rosters', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const cases = [
      await importFile(random, 'random.bin'),
      await importFile(Buffer.concat([Buffer.from('PK\u0003\u0004'), random]), 'broken.xlsx'),
      await importFile(Buffer.alloc(0), 'empty.csv'),
      await importFile(Buffer.from('名字,年龄\n张三,18\n'), 'wrong-header.csv'),
      await t.request('POST', '/api/roster/import', { token: admin, body: { file: 'x' } }),
    ];
    for (const res of cases) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect((res.body as { message: string }).message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('lets a college admin import only their own college and default the college column', async () => {
    const created = await importFile(
      rosterCsvUtf8([
        collegeAdmin('XY9201', '学院管理员甲', '甲学院'),
        student('2025170101', '甲一', '甲学院', '甲2025-1班'),
      ]),
      'x.csv',
    );
    const initial = created.body.initialPasswords!.find((p) => p.username === 'XY9201')!.password;
    const token = await t.login('XY9201', initial);
    const pw = await t.request('POST', '/api/auth/password', {
      token,
      body: { oldPassword: initial, newPassword: 'Better2026' },
    });
    expect(pw.status).toBe(204);
    const collegeToken = await t.login('XY9201', 'Better2026');

    const own = await importFile(
      rosterCsvUtf8([student('2025170102', '甲二', '', '甲2025-1班')]),
      'own.csv',
      false,
      collegeToken,
    );
    expect(own.body).toMatchObject({ created: 1, errors: [] });

    const other = await importFile(
      rosterCsvUtf8([
        student('2025170103', '乙一', '乙学院', '乙2025-1班'),
        ['XY9202', '越权', '学校管理员', '甲学院', '', '', '', '', ''],
      ]),
      'other.csv',
      false,
      collegeToken,
    );
    expect(other.status).toBe(422);
    expect(other.body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '学院'],
      [3, '身份'],
    ]);
  });
});
