import type { AddressInfo } from 'node:net';
import type { AttemptSession, ExamDto, ExamMonitorSnapshot, QuestionDto } from '@campus/shared';
import { Sql } from '../src/database/sql';
import { MONITOR_SQL_TAG } from '../src/modules/exams/exam-monitor.query';
import { ExamMonitorService } from '../src/modules/exams/exam-monitor.service';
import { TestApp } from './harness';
import {
  createQuestion,
  enrolStudents,
  examInput,
  judgeQuestion,
  publishedExam,
  student,
} from './factories/exam.factory';
import { collegeAdmin } from './factories/roster.factory';
import { EventStreamClient } from './support/event-stream-client';
import { waitFor } from './support/wait-for';

const REFRESH_MS = 250;
const VIEWERS = 50;

describe('live exam monitor', () => {
  let t: TestApp;
  let admin: string;
  let tokens: Record<string, string>;
  let exam: ExamDto;
  let right: QuestionDto;
  let wrong: QuestionDto;
  let base: string;
  const attempts: Record<string, number> = {};
  let monitorStatements = 0;

  beforeAll(async () => {
    t = await TestApp.start({ EXAM_MONITOR_REFRESH_MS: String(REFRESH_MS) });
    admin = await t.adminToken();
    tokens = await enrolStudents(t, admin, [
      student('2025800101', '监控甲', '监控学院', '监控2025-1班'),
      student('2025800102', '监控乙', '监控学院', '监控2025-1班'),
      student('2025800103', '监控丙', '监控学院', '监控2025-1班'),
      student('2025800201', '监控丁', '监控学院', '监控2025-2班'),
      student('2025810101', '别院戊', '别的学院', '别院2025-1班'),
      collegeAdmin('XY8001', '监控院管理员', '监控学院'),
    ]);
    right = await createQuestion(t, admin, judgeQuestion('T'));
    wrong = await createQuestion(t, admin, judgeQuestion('F'));
    exam = await publishedExam(
      t,
      admin,
      examInput({
        title: '监控测试考试',
        paper: { questionIds: [right.id, wrong.id], scores: [50, 50] },
        passScore: 100,
        shuffleQuestions: false,
        shuffleOptions: false,
      }),
    );
    // 丙 passes, 丁 fails, 乙 and 戊 are answering (乙 left the page once), 甲 has not started.
    for (const username of ['2025800102', '2025800103', '2025800201', '2025810101']) {
      const res = await as<AttemptSession>(tokens[username]!, 'POST', `/api/exams/${exam.id}/attempts`);
      expect(res.status).toBe(200);
      attempts[username] = res.body.attemptId;
    }
    await answerAndSubmit('2025800103', ['T', 'F']);
    await answerAndSubmit('2025800201', ['F', 'F']);
    const left = await as(tokens['2025800102']!, 'POST', `/api/attempts/${attempts['2025800102']}/leave`);
    expect(left.status).toBe(200);

    const sql = t.get(Sql);
    const query = sql.query.bind(sql);
    jest.spyOn(sql, 'query').mockImplementation((statement: string, ...rest) => {
      if (statement.includes(MONITOR_SQL_TAG)) monitorStatements += 1;
      return query(statement, ...rest);
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const as = <T>(token: string, method: string, url: string, body?: unknown) =>
    t.request<T>(method, url, { token, body });
  async function answerAndSubmit(username: string, keys: [string, string]): Promise<void> {
    const id = attempts[username]!;
    for (const [i, question] of [right, wrong].entries()) {
      const res = await as(tokens[username]!, 'PUT', `/api/attempts/${id}/answers/${question.id}`, {
        answer: [keys[i]],
      });
      expect(res.status).toBe(204);
    }
    expect((await as(tokens[username]!, 'POST', `/api/attempts/${id}/submit`)).status).toBe(200);
  }
  const snapshot = (token: string, query = '') =>
    as<ExamMonitorSnapshot>(token, 'GET', `/api/exams/${exam.id}/monitor${query}`);
  const stream = (token: string, query = '') =>
    EventStreamClient.open(`${base}/api/exams/${exam.id}/monitor/stream${query}`, token);

  it('counts the audience of the whole school: not started, answering, submitted, passed, 切屏', async () => {
    const res = await snapshot(admin);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('open');
    expect(res.body.total).toEqual({
      people: 5,
      notStarted: 1,
      answering: 2,
      submitted: 2,
      passed: 1,
      leaves: 1,
      passRate: 0.2,
    });
    expect(res.body.colleges.map((c) => [c.name, c.people, c.answering, c.passed])).toEqual(
      expect.arrayContaining([
        ['监控学院', 4, 1, 1],
        ['别的学院', 1, 1, 0],
      ]),
    );
    expect(res.body.classes).toEqual([]);
    expect(res.body.answering.map((a) => a.name).sort()).toEqual(['别院戊', '监控乙']);
    const yi = res.body.answering.find((a) => a.name === '监控乙')!;
    expect(yi.leaveCount).toBe(1);
    expect(yi.secondsLeft).toBeGreaterThan(29 * 60);
    expect(yi.secondsLeft).toBeLessThanOrEqual(30 * 60);
  });

  it('shows the classes of the college a school admin chooses', async () => {
    const colleges = (await snapshot(admin)).body.colleges;
    const ours = colleges.find((c) => c.name === '监控学院')!;
    const res = await snapshot(admin, `?collegeId=${ours.id}`);
    expect(res.body.total).toMatchObject({ people: 4, notStarted: 1, answering: 1, submitted: 2, passed: 1 });
    expect(res.body.colleges).toHaveLength(2); // the choice narrows the classes, not the overview
    expect(
      res.body.classes.map((c) => [c.name, c.people, c.notStarted, c.answering, c.submitted, c.passed, c.leaves]),
    ).toEqual([
      ['监控2025-1班', 3, 1, 1, 1, 1, 1],
      ['监控2025-2班', 1, 0, 0, 1, 0, 0],
    ]);
    expect(res.body.answering.map((a) => a.name)).toEqual(['监控乙']);
  });

  it('keeps a college admin inside their college, and refuses students and other colleges', async () => {
    const own = await snapshot(tokens.XY8001!);
    expect(own.status).toBe(200);
    expect(own.body.colleges.map((c) => c.name)).toEqual(['监控学院']);
    expect(own.body.total.people).toBe(4);
    expect(own.body.classes).toHaveLength(2);
    expect(own.body.answering.map((a) => a.name)).toEqual(['监控乙']);
    const other = (await snapshot(admin)).body.colleges.find((c) => c.name === '别的学院')!;
    expect((await snapshot(tokens.XY8001!, `?collegeId=${other.id}`)).status).toBe(403);
    expect((await snapshot(tokens['2025800101']!)).status).toBe(403);
    expect((await as(admin, 'GET', '/api/exams/99999/monitor')).status).toBe(404);

    const refused = await EventStreamClient.open(
      `${base}/api/exams/${exam.id}/monitor/stream?collegeId=${other.id}`,
      tokens.XY8001!,
    );
    expect(refused.status).toBe(403);
    const scoped = await stream(tokens.XY8001!);
    const first = await scoped.next<ExamMonitorSnapshot>('snapshot');
    expect(first.colleges.map((c) => c.name)).toEqual(['监控学院']);
    expect(first.answering.map((a) => a.name)).toEqual(['监控乙']);
    scoped.close();
  });

  it('refuses to stream to a request that does not accept text/event-stream', async () => {
    const res = await as<{ message: string }>(admin, 'GET', `/api/exams/${exam.id}/monitor/stream`);
    expect(res.status).toBe(406);
    expect(res.body.message).toContain('text/event-stream');
  });

  it('costs one query per refresh however many admins watch, and frees their places at the door', async () => {
    const one = await stream(admin);
    expect(one.status).toBe(200);
    expect(one.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(one.headers['x-accel-buffering']).toBe('no');
    await one.next('snapshot');
    const queriesWhile = async (snapshots: number) => {
      const before = monitorStatements;
      const seen = one.count('snapshot');
      await one.next('snapshot', () => one.count('snapshot') >= seen + snapshots);
      return monitorStatements - before;
    };
    const alone = await queriesWhile(4);

    const others = await Promise.all(Array.from({ length: VIEWERS - 1 }, () => stream(admin)));
    await Promise.all(others.map((o) => o.next('snapshot')));
    const crowded = await queriesWhile(4);
    // Four refreshes are four statements (one more when a refresh straddles the start of the count),
    // with one viewer as with fifty; a query per viewer would be 200.
    expect(alone).toBeGreaterThanOrEqual(3);
    expect(alone).toBeLessThanOrEqual(5);
    expect(crowded).toBeGreaterThanOrEqual(3);
    expect(crowded).toBeLessThanOrEqual(5);

    const metrics = await t.request('GET', '/metrics', { remoteAddress: '127.0.0.1' });
    expect(String(metrics.body)).toMatch(/admission_in_flight\{lane="general"\} 0\b/);

    for (const o of [one, ...others]) o.close();
    await waitFor(() => t.get(ExamMonitorService).watching(exam.id) === 0);
    const after = monitorStatements;
    await new Promise((resolve) => setTimeout(resolve, REFRESH_MS * 3));
    expect(monitorStatements).toBe(after); // nobody watches: no refresh
  });

  it('updates by itself while students answer', async () => {
    const viewer = await stream(admin);
    await viewer.next<ExamMonitorSnapshot>('snapshot', (s) => s.total.notStarted === 1);
    const jia = await as<AttemptSession>(tokens['2025800101']!, 'POST', `/api/exams/${exam.id}/attempts`);
    attempts['2025800101'] = jia.body.attemptId;
    const started = await viewer.next<ExamMonitorSnapshot>('snapshot', (s) => s.total.notStarted === 0);
    expect(started.total.answering).toBe(3);
    expect(started.answering.map((a) => a.name)).toContain('监控甲');
    await answerAndSubmit('2025800101', ['T', 'F']);
    const passed = await viewer.next<ExamMonitorSnapshot>('snapshot', (s) => s.total.passed === 2);
    expect(passed.total).toMatchObject({ answering: 2, submitted: 3, passRate: 0.4 });
    expect(passed.answering.map((a) => a.name)).not.toContain('监控甲');
    viewer.close();
  });
});
