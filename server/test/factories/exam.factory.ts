import {
  FraudType,
  QuestionType,
  type ExamDto,
  type ExamInput,
  type QuestionDto,
  type QuestionInput,
} from '@campus/shared';
import { PasswordHasher } from '../../src/common/auth/password-hasher';
import { User } from '../../src/modules/users/user.entity';
import type { TestApp } from '../harness';
import { rosterCsvUtf8, student, type RosterLine } from './roster.factory';

export const STUDENT_PASSWORD = 'Student2026';

let counter = 0;

export function singleQuestion(overrides: Partial<QuestionInput> = {}): QuestionInput {
  counter += 1;
  return {
    type: QuestionType.Single,
    stem: `接到自称“公安局”的电话要求转账到安全账户，应该怎么做？（${counter}）`,
    options: [
      { key: 'A', text: '立即转账配合调查' },
      { key: 'B', text: '挂断电话，拨打 110 核实' },
      { key: 'C', text: '把验证码告诉对方' },
      { key: 'D', text: '下载对方发来的会议软件' },
    ],
    answer: ['B'],
    analysis: '公检法机关不会通过电话要求转账，也没有所谓“安全账户”。',
    fraudType: FraudType.ImpersonateAuthority,
    difficulty: 2,
    tags: ['测试'],
    ...overrides,
  };
}

export function multipleQuestion(overrides: Partial<QuestionInput> = {}): QuestionInput {
  counter += 1;
  return {
    type: QuestionType.Multiple,
    stem: `以下哪些是刷单返利诈骗的特征？（${counter}）`,
    options: [
      { key: 'A', text: '先小额返利取得信任' },
      { key: 'B', text: '要求垫付大额资金' },
      { key: 'C', text: '通过正规平台发放工资' },
      { key: 'D', text: '以“任务未完成”为由拒绝提现' },
    ],
    answer: ['A', 'B', 'D'],
    analysis: '刷单就是诈骗，先返小利、再诱大额垫付、最后以各种理由拒绝提现。',
    fraudType: FraudType.OrderBrushing,
    difficulty: 3,
    ...overrides,
  };
}

export function judgeQuestion(answer: 'T' | 'F', overrides: Partial<QuestionInput> = {}): QuestionInput {
  counter += 1;
  return {
    type: QuestionType.Judge,
    stem: `96110 是全国反诈预警劝阻专线。（${counter}）`,
    options: [
      { key: 'T', text: '正确' },
      { key: 'F', text: '错误' },
    ],
    answer: [answer],
    analysis: '96110 是全国反诈预警劝阻专线，接到来电请务必接听。',
    fraudType: FraudType.Other,
    difficulty: 1,
    ...overrides,
  };
}

export async function createQuestion(t: TestApp, token: string, input: QuestionInput): Promise<QuestionDto> {
  const res = await t.request<QuestionDto>('POST', '/api/questions', { token, body: input });
  if (res.status !== 201) throw new Error(`create question: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function examInput(overrides: Partial<ExamInput> = {}): ExamInput {
  const now = Date.now();
  return {
    title: '2026 级入学第一考',
    kind: 'entrance',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 24 * 3600_000).toISOString(),
    durationMinutes: 30,
    passScore: 60,
    maxAttempts: 0,
    audience: {},
    paper: { questionIds: [] },
    shuffleQuestions: true,
    shuffleOptions: true,
    reviewPolicy: 'after_submit',
    ...overrides,
  };
}

export async function publishedExam(t: TestApp, token: string, input: ExamInput): Promise<ExamDto> {
  const created = await t.request<ExamDto>('POST', '/api/exams', { token, body: input });
  if (created.status !== 201) throw new Error(`create exam: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await t.request<ExamDto>('POST', `/api/exams/${created.body.id}/publish`, { token });
  if (published.status !== 200) throw new Error(`publish exam: ${published.status} ${JSON.stringify(published.body)}`);
  return published.body;
}

/** Imports students and gives them a known password with the first-login change done. */
export async function enrolStudents(
  t: TestApp,
  adminToken: string,
  lines: RosterLine[],
): Promise<Record<string, string>> {
  const res = await t.upload('/api/roster/import', rosterCsvUtf8(lines), 'students.csv', adminToken);
  if (res.status !== 201) throw new Error(`roster: ${res.status} ${JSON.stringify(res.body)}`);
  const hash = await t.get(PasswordHasher).hash(STUDENT_PASSWORD);
  const usernames = lines.map((l) => l[0]!);
  const repo = t.dataSource.getRepository(User);
  for (const username of usernames) await repo.update({ username }, { passwordHash: hash, mustChangePassword: false });
  const tokens: Record<string, string> = {};
  for (const username of usernames) tokens[username] = await t.login(username, STUDENT_PASSWORD);
  return tokens;
}

export { student };
