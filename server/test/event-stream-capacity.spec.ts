import { FraudType, Role, type ClassDto, type QuickQuestionDto, type QuickQuizRoundDto } from '@campus/shared';
import type { AddressInfo } from 'node:net';
import { PasswordHasher } from '../src/common/auth/password-hasher';
import { User } from '../src/modules/users/user.entity';
import { TestApp } from './harness';
import { createQuestion, singleQuestion } from './factories/exam.factory';
import { createPrompt, promptInput } from './factories/prompt.factory';
import { rosterCsvUtf8, student, teacher } from './factories/roster.factory';
import { EventStreamClient } from './support/event-stream-client';
import { waitFor } from './support/wait-for';

const PASSWORD = 'Liushi-2026-ok';

/**
 * An instance holds MAX_EVENT_STREAMS open streams. At one bell a whole school's phones open theirs;
 * the last tenth of the places is kept for staff screens, so the teacher's projector still opens.
 */
describe('event stream capacity', () => {
  let t: TestApp;
  let eventsUrl: string;
  let teacherToken: string;
  let studentToken: string;
  const open: EventStreamClient[] = [];
  const phones: EventStreamClient[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ MAX_EVENT_STREAMS: '10' });
    const admin = await t.adminToken();
    const file = rosterCsvUtf8([
      student('2026800101', '容量学生', '丙学院', '丙2026-1班'),
      teacher('T8001', '容量老师', '丙学院', '丙2026-1班'),
    ]);
    expect((await t.upload('/api/roster/import', file, 'capacity.csv', admin)).status).toBe(201);
    const hash = await t.get(PasswordHasher).hash(PASSWORD);
    await t.dataSource
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ passwordHash: hash, mustChangePassword: false })
      .where('role != :r', { r: Role.Sysadmin })
      .execute();
    teacherToken = await t.login('T8001', PASSWORD);
    studentToken = await t.login('2026800101', PASSWORD);

    const question = await createQuestion(t, admin, singleQuestion());
    const promptId = (await createPrompt(t, admin, promptInput(FraudType.ImpersonateAuthority))).id;
    const set = await t.request<QuickQuestionDto[]>('PUT', `/api/prompts/${promptId}/quick-questions`, {
      token: admin,
      body: { questionIds: [question.id] },
    });
    expect(set.status).toBe(200);
    const classes = (await t.request<ClassDto[]>('GET', '/api/classes', { token: admin })).body;
    const round = await t.request<QuickQuizRoundDto>('POST', '/api/quick-quiz/rounds', {
      token: teacherToken,
      body: { promptId, questionId: question.id, classId: classes.find((c) => c.name === '丙2026-1班')!.id },
    });
    expect(round.status).toBe(201);
    await t.app.listen(0, '127.0.0.1');
    const port = (t.app.getHttpServer().address() as AddressInfo).port;
    eventsUrl = `http://127.0.0.1:${port}/api/quick-quiz/rounds/${round.body.id}/events`;
  });
  afterAll(async () => {
    for (const stream of open) stream.close();
    t.app.getHttpServer().closeAllConnections();
    await t.close();
  });

  const openStream = async (token: string) => {
    const stream = await EventStreamClient.open(eventsUrl, token);
    open.push(stream);
    return stream;
  };

  it('refuses phones past nine tenths with 503 and Retry-After, yet opens the projector', async () => {
    for (let i = 0; i < 9; i++) {
      const phone = await openStream(studentToken);
      expect(phone.status).toBe(200);
      phones.push(phone);
    }
    const refused = await openStream(studentToken);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('10');

    const projector = await openStream(teacherToken);
    expect(projector.status).toBe(200);
    const first = await projector.next<QuickQuizRoundDto>('round');
    expect(first.phase).toBe('open');

    // Full now, staff included.
    expect((await openStream(teacherToken)).status).toBe(503);
  });

  it('gives a phone a place again once phones have left', async () => {
    // Nine phones and the projector are open: phones get a place once fewer than nine streams are.
    phones[0]!.close();
    phones[1]!.close();
    // The server notices a closed connection a moment later: ask until it has.
    await waitFor(async () => (await openStream(studentToken)).status === 200, {
      what: 'a place for a phone after two phones left',
    });
  });
});
