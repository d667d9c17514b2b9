import ExcelJS from 'exceljs';
import { FraudType, QuestionType } from '@campus/shared';
import { TestApp } from './harness';
import { createQuestion, enrolStudents, examInput, publishedExam, singleQuestion } from './factories/exam.factory';
import { routeTable } from './route-table';

const EVIL = ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(A1)'];

/** Cells Excel would run as a formula: a formula cell, or text that starts like one. */
async function dangerousCells(file: Buffer): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const found: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (value && typeof value === 'object' && 'formula' in value)
          found.push(`${sheet.name}!${cell.address}: formula`);
        if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value))
          found.push(`${sheet.name}!${cell.address}: ${value}`);
      }),
    ),
  );
  return found;
}

/**
 * Spreadsheet formula injection: text people typed (names in a roster, stems, options) that starts
 * with = + - @ is neutralised in every Excel file the platform hands out.
 */
describe('Excel exports', () => {
  let t: TestApp;
  let admin: string;
  let examId: number;

  beforeAll(async () => {
    t = await TestApp.start();
    admin = await t.adminToken();
    const tokens = await enrolStudents(t, admin, [
      ['2025950101', EVIL[0]!, '学生', '@学院', '+班级2025', '2025', '', '', ''],
      ['2025950102', EVIL[3]!, '学生', '@学院', '+班级2025', '2025', '', '', ''],
    ]);
    const q = await createQuestion(
      t,
      admin,
      singleQuestion({
        stem: `${EVIL[0]} 这是题干`,
        options: EVIL.map((text, i) => ({ key: String.fromCharCode(65 + i), text })),
        answer: ['B'],
        analysis: '-解析以减号开头',
        tags: ['=tag'],
      }),
    );
    await createQuestion(t, admin, {
      ...singleQuestion(),
      type: QuestionType.Judge,
      stem: '+判断题',
      options: [
        { key: 'T', text: '正确' },
        { key: 'F', text: '错误' },
      ],
      answer: ['T'],
      fraudType: FraudType.Other,
    });
    const exam = await publishedExam(t, admin, examInput({ title: '=恶意考试名', paper: { questionIds: [q.id] } }));
    examId = exam.id;
    for (const token of Object.values(tokens)) {
      const s = await t.request<{ attemptId: number }>('POST', `/api/exams/${examId}/attempts`, { token });
      await t.request('POST', `/api/attempts/${s.body.attemptId}/submit`, { token });
    }
  });
  afterAll(() => t.close());

  it('neutralises formula-like text in every Excel file the platform serves', async () => {
    const exports = routeTable(t.app).filter((r) => r.method === 'GET' && /export|template/.test(r.path));
    const checked: string[] = [];
    const problems: string[] = [];
    for (const route of exports) {
      for (const query of route.path.endsWith('/questions/export') ? ['?format=xlsx'] : ['']) {
        const url = route.path.replace(/:[A-Za-z]+/g, String(examId)) + query;
        const res = await t.request('GET', url, { token: admin });
        if (res.status !== 200 || !String(res.headers['content-type']).includes('spreadsheetml')) continue;
        checked.push(url);
        problems.push(...(await dangerousCells(res.raw)).map((p) => `${url} ${p}`));
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        '/api/questions/export?format=xlsx',
        `/api/exams/${examId}/results/export`,
        '/api/roster/template',
      ]),
    );
    expect(problems).toEqual([]);
  });

  it('still gives the same text back when an exported question bank is imported again', async () => {
    const exported = await t.request('GET', '/api/questions/export?format=xlsx', { token: admin });
    const other = await TestApp.start();
    const otherAdmin = await other.adminToken();
    const res = await other.upload<{ imported: number; errors: unknown[] }>(
      '/api/questions/import',
      exported.raw,
      'bank.xlsx',
      otherAdmin,
    );
    expect(res.body.errors).toEqual([]);
    const back = await other.request<{
      items: Array<{ stem: string; options: Array<{ text: string }>; analysis: string; tags: string[] }>;
    }>('GET', '/api/questions?q=这是题干', { token: otherAdmin });
    expect(back.body.items[0]).toMatchObject({
      stem: `${EVIL[0]} 这是题干`,
      analysis: '-解析以减号开头',
      tags: ['=tag'],
    });
    expect(back.body.items[0]!.options.map((o) => o.text)).toEqual(EVIL);
    await other.close();
  });

  it('exports the whole bank to Excel when questions have seven or eight options, and reads them back', async () => {
    const letters = 'ABCDEFGH'.split('');
    for (const count of [7, 8]) {
      await createQuestion(
        t,
        admin,
        singleQuestion({
          type: QuestionType.Multiple,
          stem: `下列哪些做法能防范冒充客服退款诈骗？（${count} 个选项）`,
          options: letters.slice(0, count).map((key) => ({ key, text: `做法${key}` })),
          answer: ['A', letters[count - 1]!],
        }),
      );
    }
    const exported = await t.request('GET', '/api/questions/export?format=xlsx', { token: admin });
    expect(exported.status).toBe(200);
    const other = await TestApp.start();
    const otherAdmin = await other.adminToken();
    const res = await other.upload<{ errors: unknown[] }>(
      '/api/questions/import',
      exported.raw,
      'bank.xlsx',
      otherAdmin,
    );
    expect(res.body.errors).toEqual([]);
    const back = await other.request<{ items: Array<{ options: unknown[]; answer: string[] }> }>(
      'GET',
      `/api/questions?q=${encodeURIComponent('8 个选项')}`,
      { token: otherAdmin },
    );
    expect(back.body.items[0]).toMatchObject({ answer: ['A', 'H'] });
    expect(back.body.items[0]!.options).toHaveLength(8);
    await other.close();
  });
});
