// Issue 6: a school admin opens the awareness dashboard and sees its charts, generates the weekly
// report and downloads it as Excel; the file opens and holds the colleges' rows the API reports. A
// college admin sees their own classes on a phone. The data: an 入学第一考 for this year's freshmen,
// set up through the API and taken by freshmen of four colleges, some of whom fail.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { BASE_URL, DESKTOP, OUTPUT, PHONE, launch, login, newPage, shot, chartsStill } from '../support/browser.mjs';
import { DEMO_FRESHMAN, DEMO_INITIAL_PASSWORD, FRESHMAN_YEAR } from '../support/demo.mjs';
import { api, firstSignIn } from '../support/api.mjs';

// The server already depends on exceljs; the browser tests borrow it to open the download.
const ExcelJS = createRequire(new URL('../../server/package.json', import.meta.url))('exceljs');

const SCHOOL_ADMIN = { username: 'xsc01', password: 'Fangpian-Demo-26' };
const COLLEGE_ADMIN = { username: 'xy01', password: 'Fangpian-Demo-26' };
const NEW_PASSWORD = 'Stats@2026e2e';

/** A demo freshman's token; other than DEMO_FRESHMAN they sign in for the first time here. */
async function studentToken(username) {
  if (username === DEMO_FRESHMAN)
    return (await api('POST', '/auth/login', null, { username, password: 'Fangpian-Demo-26' })).token;
  return (await firstSignIn(username, DEMO_INITIAL_PASSWORD, NEW_PASSWORD)).token;
}

let browser;
let adminToken;

/** Takes the exam as `username`, answering `right` questions right and the rest wrong. */
async function sit(exam, answers, username, right) {
  const token = await studentToken(username);
  const session = await api('POST', `/exams/${exam.id}/attempts`, token);
  let i = 0;
  for (const question of session.questions) {
    const key = answers.get(question.id);
    const wrong = question.options.map((o) => o.key).find((k) => !key.includes(k));
    await api('PUT', `/attempts/${session.attemptId}/answers/${question.id}`, token, {
      answer: i < right ? key : [wrong],
    });
    i += 1;
  }
  await api('POST', `/attempts/${session.attemptId}/submit`, token);
  return token;
}

/**
 * How many of the five questions each freshman of a college's first freshman class answers right
 * (three or more pass); the second of 信息工程学院 fails. 医药卫生学院 has not started yet.
 */
const SITTINGS = {
  '01': [5, 2, 4, 5, 3, 4, 1, 5],
  '02': [5, 4, 2, 3, 1, 4],
  '03': [3, 2, 5, 1, 0],
  '04': [2, 4, 1],
};

before(async () => {
  browser = await launch();
  adminToken = (await api('POST', '/auth/login', null, SCHOOL_ADMIN)).token;
  // Five single-choice questions of five fraud types, so the weak spots have something to show.
  const bank = await api('GET', '/questions?type=single&pageSize=200', adminToken);
  const byType = new Map();
  for (const q of bank.items) if (!byType.has(q.fraudType) && byType.size < 5) byType.set(q.fraudType, q);
  const answers = new Map([...byType.values()].map((q) => [q.id, q.answer]));
  const now = Date.now();
  const exam = await api('POST', '/exams', adminToken, {
    title: `${FRESHMAN_YEAR} 级入学第一考（统计测试 ${now}）`,
    kind: 'entrance',
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    durationMinutes: 30,
    passScore: 60,
    maxAttempts: 0,
    audience: { enrollmentYears: [FRESHMAN_YEAR] },
    paper: { questionIds: [...answers.keys()] },
    shuffleQuestions: false,
    shuffleOptions: false,
    reviewPolicy: 'after_submit',
    leaveLimit: null,
  });
  await api('POST', `/exams/${exam.id}/publish`, adminToken);
  for (const [college, rights] of Object.entries(SITTINGS)) {
    for (const [i, right] of rights.entries()) {
      const username = `${FRESHMAN_YEAR}${college}01${String(i + 1).padStart(2, '0')}`;
      const token = await sit(exam, answers, username, right);
      // Every other one reports the 国家反诈中心 APP installed.
      if (i % 2 === 0) await api('PUT', '/my/anti-fraud-app', token, { installed: true, registered: true });
    }
  }
});

after(async () => {
  await browser?.close();
});

test('a school admin opens the dashboard and sees awareness, trend, weak spots and coverage', async () => {
  const expected = await api('GET', '/stats/awareness?groupBy=college', adminToken);
  const page = await newPage(browser, DESKTOP);
  await login(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/stats`);

  const awareness = page.locator('[data-test="kpi-awareness"] [data-test="kpi-value"]');
  await awareness.waitFor();
  assert.equal(await awareness.innerText(), `${(Math.round(expected.total.awarenessRate * 1000) / 10).toFixed(1)}%`);
  for (const chart of ['chart-awareness', 'chart-trend', 'chart-fraud-types', 'chart-channels']) {
    await page.locator(`[data-test="${chart}"] canvas`).first().waitFor();
  }
  const table = page.locator('[data-test="awareness-table"]');
  for (const row of expected.rows) await table.getByText(row.name, { exact: true }).first().waitFor();
  assert.match(await page.locator('[data-test="stats-as-of"]').innerText(), /统计测试/);
  await chartsStill(page);
  await shot(page, '06-stats-dashboard');

  // Clicking through to a college's classes and to its not-passed list.
  await page.locator('[data-test="stats-group-by"]').getByText('按班级').click();
  await table.getByText(`计算机${FRESHMAN_YEAR}-1班`).first().waitFor();
  await page.locator('[data-test="awareness-people"]').first().click();
  await page.waitForURL(/\/stats\/people/);
  // The demo's own 入学第一考 counts too, so who has not passed is read from the API, not assumed.
  const query = new URL(page.url()).searchParams;
  query.set('pageSize', '5');
  const notPassed = await api('GET', `/stats/not-passed?${query}`, adminToken);
  assert.ok(notPassed.total > 0, 'someone has not passed yet');
  await page.locator('[data-test="people-table"]').getByText(notPassed.items[0].username).waitFor();
  await shot(page, '06-stats-not-passed');
  await page.context().close();
});

test('a school admin generates the weekly report and downloads it as Excel with the right rows', async () => {
  const page = await newPage(browser, DESKTOP);
  await login(page, SCHOOL_ADMIN.username, SCHOOL_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/stats/reports`);
  await page.locator('[data-test="weekly-generate"]').click();
  // Generating asks first: a report is frozen once made.
  await page.locator('.el-message-box').waitFor();
  assert.match(await page.locator('.el-message-box').innerText(), /临时通报/);
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await page.waitForURL(/\/stats\/reports\/\d+$/);
  const id = Number(page.url().split('/').pop());
  await page.locator('[data-test="weekly-title"]').waitFor();
  await page.locator('[data-test="ranking-colleges"] [data-test="ranking-item"]').first().waitFor();
  await chartsStill(page);
  await shot(page, '06-weekly-report');

  const report = await api('GET', `/weekly-reports/${id}`, adminToken);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-test="weekly-export"]').click(),
  ]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const file = join(OUTPUT, '06-weekly-report.xlsx');
  await download.saveAs(file);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await readFile(file));
  assert.deepEqual(
    book.worksheets.map((s) => s.name),
    ['概况', '先进学院与班级', '各学院', '各班级', '各诈骗类型正确率'],
  );
  const sheet = book.getWorksheet('各学院');
  const rows = [];
  sheet.eachRow((row, n) => {
    if (n > 1) rows.push(row.values.slice(1, 6));
  });
  const wanted = report.content.colleges.map((c) => [
    c.name,
    c.people,
    c.participated,
    Math.round(c.participationRate * 1000) / 10,
    c.passed,
  ]);
  const total = report.content.total;
  wanted.push([
    '合计',
    total.people,
    total.participated,
    Math.round(total.participationRate * 1000) / 10,
    total.passed,
  ]);
  assert.deepEqual(rows, wanted);
  const info = rows.find((r) => r[0] === '信息工程学院');
  assert.ok(info[4] >= 1, '信息工程学院 has a freshman who passed');
  const summary = book.getWorksheet('概况');
  assert.equal(summary.getRow(1).values[1], '项目');
  assert.equal(summary.getRow(2).values[2], report.title);

  // Printed for the meeting: the report alone, no header, menu or buttons; and saved as a PDF.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.app-header').isVisible(), false, 'no header on paper');
  assert.equal(await page.locator('.app-layout__aside').isVisible(), false, 'no menu on paper');
  assert.equal(await page.locator('[data-test="weekly-print"]').isVisible(), false, 'no buttons on paper');
  await page.screenshot({ path: join(OUTPUT, '06-weekly-report-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 20_000, 'the print makes a PDF');
  await writeFile(join(OUTPUT, '06-weekly-report.pdf'), pdf);
  await page.emulateMedia({ media: 'screen' });

  // A temporary report can be deleted from the list (asked first); Friday reports cannot.
  await page.goto(`${BASE_URL}/stats/reports`);
  await page.locator('[data-test="weekly-row"]').first().waitFor();
  await shot(page, '06-weekly-report-list');
  const row = page.locator('.el-table__row', { has: page.locator(`[data-report-id="${id}"]`) });
  await row.locator('[data-test="weekly-row-delete"]').click();
  await page.locator('.el-message-box__btns .el-button--primary').click();
  await row.waitFor({ state: 'detached' });
  const gone = await fetch(`${BASE_URL}/api/weekly-reports/${id}`, {
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  assert.equal(gone.status, 404);
  await page.context().close();
});

test('a college admin sees their own college’s classes on a phone', async () => {
  const page = await newPage(browser, PHONE);
  await login(page, COLLEGE_ADMIN.username, COLLEGE_ADMIN.password);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/stats`);
  const table = page.locator('[data-test="awareness-table"]');
  await table.getByText(`计算机${FRESHMAN_YEAR}-1班`).first().waitFor();
  const text = await table.innerText();
  assert.doesNotMatch(text, new RegExp(`机电${FRESHMAN_YEAR}`), 'no class of another college');
  await page.locator('[data-test="chart-awareness"] canvas').first().waitFor();
  await chartsStill(page);
  await shot(page, '06-stats-college-admin-phone');
  await page.context().close();
});
