// Forms say which field is wrong (issue 14 §4). The school admin saves an empty new prompt at
// 1440×900: every missing field is marked under itself, and the list of problems sits in the
// drawer's footer, whole and on screen, however long the form is. An empty case lesson is marked
// the same way in the course editor.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, launch, login, newPage, settled, shot, waitUntil } from '../support/browser.mjs';
import { api } from '../support/api.mjs';
import { DEMO_PASSWORD } from '../support/demo.mjs';

const STAFF_DESKTOP = { width: 1440, height: 900 };

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('an empty new prompt is refused field by field, with the whole list of problems in view', async () => {
  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, 'xsc01', DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/prompts/library`);
  await page.locator('[data-test="prompt-new"]').click();
  const drawer = page.locator('.el-drawer', { has: page.locator('[data-test="prompt-form"]') });
  await drawer.waitFor();
  await drawer.locator('[data-test="prompt-save"]').click();

  const problems = drawer.locator('[data-test="prompt-problems"]');
  await problems.waitFor();
  const items = await problems.locator('li').allInnerTexts();
  assert.ok(items.includes('标题不能为空'), items.join(' / '));
  assert.ok(items.includes('案例不能为空'));
  // Each problem is also under its own field (the marks render a moment after the list).
  const markedNow = () =>
    drawer.locator('.el-form-item.is-error').evaluateAll((nodes) =>
      nodes.map((n) => ({
        label: n.querySelector('.el-form-item__label')?.textContent?.trim(),
        error: n.querySelector('.el-form-item__error')?.textContent?.trim(),
      })),
    );
  let marked = [];
  await waitUntil(
    async () => {
      marked = await markedNow();
      return ['标题', '案例', '预警信号', '一句话提醒'].every((label) =>
        marked.some((m) => m.label === label && m.error),
      );
    },
    { message: 'every empty field to be marked' },
  );
  const on = (label) => marked.find((m) => m.label === label)?.error;
  assert.equal(on('标题'), '标题不能为空');
  assert.equal(on('案例'), '案例不能为空');
  assert.equal(on('预警信号'), '预警信号至少写一条');
  assert.equal(on('一句话提醒'), '一句话提醒不能为空');
  // The list is not cut off: its last line lies inside the window, above the buttons.
  const last = await problems.locator('li').last().boundingBox();
  const save = await drawer.locator('[data-test="prompt-save"]').boundingBox();
  assert.ok(last && save && last.y + last.height <= save.y && last.y >= 0, JSON.stringify({ last, save }));
  await settled(page);
  await page.screenshot({ path: new URL('../output/18-prompt-form-errors.png', import.meta.url).pathname });

  // Fixing a field takes its mark away at once.
  await drawer.locator('[data-test="prompt-title"] input, input[data-test="prompt-title"]').first().fill('一个标题');
  await waitUntil(async () => !(await problems.locator('li').allInnerTexts()).includes('标题不能为空'), {
    message: 'the title problem to go',
  });
  const markedLabels = () =>
    drawer
      .locator('.el-form-item.is-error .el-form-item__label')
      .allInnerTexts()
      .then((labels) => labels.map((l) => l.trim()));
  await waitUntil(async () => !(await markedLabels()).includes('标题'), { message: 'the title mark to go' });
  const stillMarked = await markedLabels();
  assert.ok(stillMarked.includes('案例'), stillMarked.join(' / '));
  await shot(page, '18-prompt-form-errors-full');
  await page.context().close();
});

test('an empty case lesson is marked under each of its fields in the course editor', async () => {
  const { token } = await api('POST', '/auth/login', null, { username: 'xsc01', password: DEMO_PASSWORD });
  const course = await api('POST', '/courses', token, {
    title: '表单校验演示课',
    description: '',
    required: false,
    deadline: null,
    audience: { collegeIds: [], enrollmentYears: [], studentsOnly: true },
  });
  await api('POST', `/courses/${course.id}/chapters`, token, { title: '第一章 识别刷单' });

  const page = await newPage(browser, STAFF_DESKTOP);
  await login(page, 'xsc01', DEMO_PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto(`${BASE_URL}/course-admin/${course.id}/edit`);
  await page.locator('[data-test="lesson-add"]').first().click();
  const drawer = page.locator('[data-test="lesson-drawer"]');
  await drawer.waitFor();
  await drawer.locator('[data-test="lesson-kind-case"]').click();
  await page.locator('[data-test="lesson-save"]').click();

  const expected = {
    课时名称: '课时名称不能为空',
    案例经过: '案例经过不能为空',
    '识骗要点（每行一条）': '至少写一条识骗要点',
    '遇到了怎么办（每行一条）': '至少写一条防范做法',
  };
  const marks = () =>
    drawer
      .locator('.el-form-item.is-error')
      .evaluateAll((nodes) =>
        Object.fromEntries(
          nodes.map((n) => [
            n.querySelector('.el-form-item__label')?.textContent?.trim(),
            n.querySelector('.el-form-item__error')?.textContent?.trim(),
          ]),
        ),
      );
  let marked = {};
  await waitUntil(
    async () => {
      marked = await marks();
      return Object.keys(expected).every((label) => marked[label]);
    },
    { message: 'every empty field of the case lesson to be marked' },
  );
  assert.deepEqual(marked, expected);
  // Nothing is said only below the form when every problem sits on its field.
  assert.equal(await drawer.locator('[data-test="lesson-problem"]').count(), 0);
  await settled(page);
  await page.screenshot({ path: new URL('../output/18-lesson-form-errors.png', import.meta.url).pathname });
  await page.context().close();
});
