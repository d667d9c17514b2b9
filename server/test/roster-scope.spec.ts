import { Role, type ClassDto, type RosterImportResult, type TeachingClassDto } from '@campus/shared';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { Department } from '../src/modules/org/department.entity';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher, type RosterLine } from './factories/roster.factory';

const PASSWORD = 'Scope2026pw';
const HEADER_WITH_DEPARTMENT = [
  '学号/工号',
  '姓名',
  '身份',
  '学院',
  '班级',
  '入学年份',
  '初始密码',
  '手机号',
  '授课班级',
  '部门',
];

/** A college admin's roster reaches only their own college's people, classes and units (issue 11). */
describe("a college admin's roster import stays within their college", () => {
  let t: TestApp;
  let admin: string;
  let college: string;
  let classes: ClassDto[];

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2025940101', '甲院学生', '甲学院', '甲2025-1班'),
      student('2025950101', '乙院学生', '乙学院', '乙2025-1班'),
      teacher('T9401', '甲院老师', '甲学院', '甲2025-1班'),
      collegeAdmin('XY9401', '甲院管理员', '甲学院'),
    ]);
    expect((await t.upload('/api/roster/import', file, 'r.csv', admin)).status).toBe(201);
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .update({ username: 'XY9401' }, { passwordHash: hash, mustChangePassword: false });
    college = await t.login('XY9401', PASSWORD);
    classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
  });
  afterAll(() => t.close());

  const importAs = (token: string, lines: RosterLine[], header?: string[]) =>
    t.upload<RosterImportResult>(
      '/api/roster/import',
      header ? rosterCsvWithHeader(header, lines) : rosterCsvUtf8(lines),
      'r.csv',
      token,
    );
  const classId = (name: string) => classes.find((c) => c.name === name)!.id;
  const teacherId = async (username: string) =>
    (await t.dataSource.getRepository(User).findOneByOrFail({ username })).id;
  const teachingOf = async (username: string) =>
    (
      await t.request<TeachingClassDto[]>('GET', `/api/teachers/${await teacherId(username)}/classes`, { token: admin })
    ).body
      .map((c) => c.name)
      .sort();

  it("refuses 授课班级 naming another college's class, with a row error naming the class", async () => {
    const res = await importAs(college, [teacher('T9402', '甲院新老师', '', '甲2025-1班、乙2025-1班')]);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { row: 2, column: '授课班级', message: expect.stringContaining('「乙2025-1班」属于「乙学院」') },
    ]);
    expect(await t.dataSource.getRepository(User).countBy({ username: 'T9402' })).toBe(0);

    const existing = await importAs(college, [teacher('T9401', '甲院老师', '', '乙2025-1班')]);
    expect(existing.status).toBe(422);
    expect(await teachingOf('T9401')).toEqual(['甲2025-1班']);
  });

  it('keeps the classes of other colleges a school admin gave their teacher when they re-import the teacher', async () => {
    const assigned = await t.request('POST', `/api/teachers/${await teacherId('T9401')}/classes`, {
      token: admin,
      body: { classId: classId('乙2025-1班') },
    });
    expect(assigned.status).toBe(200);
    const res = await importAs(college, [teacher('T9401', '甲院老师', '', '甲2025-1班')]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await teachingOf('T9401')).toEqual(['乙2025-1班', '甲2025-1班'].sort());
  });

  it('refuses a college admin creating a school department through the 部门 column', async () => {
    const res = await importAs(
      college,
      [[...teacher('T9403', '想进保卫处', '', ''), '保卫处']],
      HEADER_WITH_DEPARTMENT,
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ row: 2, column: '部门', message: expect.stringContaining('保卫处') }]);
    expect(await t.dataSource.getRepository(Department).countBy({ name: '保卫处' })).toBe(0);
  });

  it('keeps the stored 部门 when a later file has no 部门 column', async () => {
    const office = await importAs(
      admin,
      [['BW9401', '保卫处老师', '学校管理员', '', '', '', '', '', '', '保卫处']],
      HEADER_WITH_DEPARTMENT,
    );
    expect(office.status).toBe(201);
    const again = await importAs(admin, [['BW9401', '保卫处老师', '学校管理员', '', '', '', '', '', '']]);
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1 });
    const stored = await t.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { username: 'BW9401' }, relations: { department: true } });
    expect(stored.department?.name).toBe('保卫处');
  });

  it('refuses to promote anyone to 学院管理员 or to touch a person of another college', async () => {
    const res = await importAs(college, [
      ['2025940101', '甲院学生', '学院管理员', '', '', '', '', '', ''],
      student('2025950101', '乙院学生改', '', '甲2025-1班'),
    ]);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '身份'],
      [3, '学号/工号'],
    ]);
    const other = await t.dataSource.getRepository(User).findOneByOrFail({ username: '2025950101' });
    expect(other).toMatchObject({ name: '乙院学生', role: Role.Student });
  });
});

function rosterCsvWithHeader(header: string[], lines: RosterLine[]): Buffer {
  return Buffer.from([header, ...lines].map((l) => l.join(',')).join('\r\n') + '\r\n', 'utf8');
}
