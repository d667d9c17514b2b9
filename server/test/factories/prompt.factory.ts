import { type FraudType, Role, type ClassDto, type PromptDto, type PromptInput } from '@campus/shared';
import { PasswordHasher } from '../../src/common/auth/password-hasher';
import { User } from '../../src/modules/users/user.entity';
import type { TestApp } from '../harness';
import { collegeAdmin, rosterCsvUtf8, student, teacher } from './roster.factory';

let counter = 0;

/** A valid prompt of the given type; each call gets its own title. */
export function promptInput(fraudType: FraudType, overrides: Partial<PromptInput> = {}): PromptInput {
  counter += 1;
  return {
    title: `测试提示 ${counter}`,
    story: '某高校学生接到自称“快递客服”的电话，称包裹丢失要理赔，随后诱导其开通“备用金”并转账，最终被骗 3000 元。',
    warningSigns: ['主动来电称要理赔或退款', '要求下载陌生 App 或开启屏幕共享'],
    actions: ['挂断电话，通过官方渠道核实', '不转账、不透露验证码', '拿不准时拨打 96110 咨询，被骗立即拨打 110 报警'],
    takeaway: '主动找你退款理赔的“客服”，十有八九是骗子。',
    fraudType,
    tags: ['测试'],
    teachingPoints: ['强调：真正的客服不会主动打电话要你转账', '问学生：对方为什么知道你的订单号？'],
    discussion: {
      question: '“客服”让你开屏幕共享办理退款，你怎么办？',
      answer: '挂断电话，自己打开购物 App 查询订单。',
    },
    sourceKind: 'composite',
    ...overrides,
  };
}

export async function createPrompt(t: TestApp, token: string, input: PromptInput): Promise<PromptDto> {
  const res = await t.request<PromptDto>('POST', '/api/prompts', { token, body: input });
  if (res.status !== 201) throw new Error(`create prompt: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const PASSWORD = 'Prompt2026';

/**
 * Two colleges: 甲学院 with classes 甲2025-1班 and 甲2025-2班, 乙学院 with 乙2025-1班. Teacher T5001
 * (甲学院) teaches 甲2025-1班 by the roster's 授课班级; T5002 (甲学院) teaches nothing yet; XY5001 is
 * 甲学院's admin, XS5001 a school admin. Everyone is signed in.
 */
export async function promptSchool(t: TestApp) {
  const admin = await t.adminToken();
  const file = rosterCsvUtf8([
    student('2025500101', '学生甲一', '甲学院', '甲2025-1班'),
    student('2025500201', '学生甲二', '甲学院', '甲2025-2班'),
    student('2025510101', '学生乙一', '乙学院', '乙2025-1班'),
    teacher('T5001', '甲院老师', '甲学院', '甲2025-1班'),
    teacher('T5002', '甲院新老师', '甲学院'),
    collegeAdmin('XY5001', '甲院管理员', '甲学院'),
    ['XS5001', '学生处老师', '学校管理员', '', '', '', '', '', ''],
  ]);
  const imported = await t.upload('/api/roster/import', file, 'school.csv', admin);
  if (imported.status !== 201) throw new Error(`roster: ${imported.status} ${JSON.stringify(imported.body)}`);
  const hash = await t.get(PasswordHasher).hash(PASSWORD);
  const users = t.dataSource.getRepository(User);
  await users
    .createQueryBuilder()
    .update()
    .set({ passwordHash: hash, mustChangePassword: false })
    .where('role != :r', { r: Role.Sysadmin })
    .execute();

  const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
  const classId = (name: string) => classes.find((c) => c.name === name)!.id;
  const userId = async (username: string) => (await users.findOneByOrFail({ username })).id;
  return {
    admin,
    school: await t.login('XS5001', PASSWORD),
    college: await t.login('XY5001', PASSWORD),
    teacher: await t.login('T5001', PASSWORD),
    newTeacher: await t.login('T5002', PASSWORD),
    teacherId: await userId('T5001'),
    newTeacherId: await userId('T5002'),
    jia1: classId('甲2025-1班'),
    jia2: classId('甲2025-2班'),
    yi1: classId('乙2025-1班'),
  };
}

export type PromptSchool = Awaited<ReturnType<typeof promptSchool>>;
