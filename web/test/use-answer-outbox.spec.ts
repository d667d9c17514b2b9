import { effectScope, type EffectScope } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuestionType, type AttemptQuestion } from '@campus/shared';
import { useAnswerOutbox } from '@/views/exam/composables/use-answer-outbox';
import { installFakeFetch } from './fake-fetch';

const ATTEMPT = 7;
const STORAGE_KEY = `campus-antifraud.exam-outbox.${ATTEMPT}`;

function question(id: number, type = QuestionType.Single): AttemptQuestion {
  return {
    id,
    type,
    stem: `第 ${id} 题`,
    score: 5,
    options: ['A', 'B', 'C', 'D'].map((key) => ({ key, text: `选项${key}` })),
  };
}

const QUESTIONS = [question(1), question(2, QuestionType.Multiple), question(3)];

/** Lets promise chains and fetch's body reading run, without moving the clock. */
async function settle(): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
}

function stored(): Record<string, string[]> | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  return raw ? (JSON.parse(raw) as { answers: Record<string, string[]> }).answers : null;
}

describe('the answer outbox', () => {
  let scope: EffectScope;
  let server: ReturnType<typeof installFakeFetch>;

  function open(serverAnswers: Record<string, string[]> = {}) {
    scope = effectScope();
    const outbox = scope.run(() => useAnswerOutbox(ATTEMPT, QUESTIONS, serverAnswers));
    if (!outbox) throw new Error('no outbox');
    return outbox;
  }

  beforeEach(() => {
    vi.useFakeTimers();
    localStorage.clear();
    server = installFakeFetch();
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps a choice on the device at once and sends it after the debounce, in option order', async () => {
    const outbox = open();
    outbox.choose(2, ['C', 'A']);
    expect(stored()).toEqual({ 2: ['A', 'C'] });
    expect(outbox.stateOf(2)).toBe('saving');
    await vi.advanceTimersByTimeAsync(249);
    expect(server.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const put = server.next();
    expect(put.method).toBe('PUT');
    expect(put.url).toBe(`/api/attempts/${ATTEMPT}/answers/2`);
    expect(put.body).toEqual({ answer: ['A', 'C'] });
    put.respond(204);
    await settle();
    expect(outbox.stateOf(2)).toBe('answered');
    expect(outbox.unsentCount.value).toBe(0);
    expect(stored()).toBeNull();
  });

  it('sends one request per question at a time, and the newer choice after the older is acknowledged', async () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    await vi.advanceTimersByTimeAsync(250);
    const first = server.next();
    outbox.choose(1, ['B']);
    await vi.advanceTimersByTimeAsync(250);
    expect(server.requests).toHaveLength(0); // B waits for A's answer: they cannot cross
    first.respond(204);
    await settle();
    expect(outbox.stateOf(1)).toBe('saving'); // acknowledged A is not what the student chose last
    expect(stored()).toEqual({ 1: ['B'] });
    const second = server.next();
    expect(second.body).toEqual({ answer: ['B'] });
    second.respond(204);
    await settle();
    expect(outbox.stateOf(1)).toBe('answered');
    expect(stored()).toBeNull();
  });

  it('keeps answers through a dropped network and resends them with backoff until they get through', async () => {
    const outbox = open();
    outbox.choose(1, ['D']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().fail();
    await settle();
    expect(outbox.problem.value).toEqual({ kind: 'offline' });
    expect(outbox.stateOf(1)).toBe('error');
    expect(stored()).toEqual({ 1: ['D'] });
    await vi.advanceTimersByTimeAsync(700); // the first retry comes after 0.8–1.2 s
    expect(server.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(600);
    const retry = server.next();
    expect(retry.body).toEqual({ answer: ['D'] });
    retry.respond(204);
    await settle();
    expect(outbox.problem.value).toBeNull();
    expect(outbox.stateOf(1)).toBe('answered');
  });

  it('waits exactly as long as a 503 asks before resending', async () => {
    const outbox = open();
    outbox.choose(3, ['B']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().respond(503, { statusCode: 503, message: '服务器繁忙' }, { 'Retry-After': '5' });
    await settle();
    expect(outbox.problem.value).toEqual({ kind: 'server' });
    await vi.advanceTimersByTimeAsync(4999);
    expect(server.requests).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    server.next().respond(204);
    await settle();
    expect(outbox.problem.value).toBeNull();
  });

  it('sends at once when the browser says the network is back', async () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().fail();
    await settle();
    window.dispatchEvent(new Event('online'));
    await settle();
    server.next().respond(204);
    await settle();
    expect(outbox.stateOf(1)).toBe('answered');
  });

  it('stops saving when the attempt is closed (409) and keeps the unsent answers marked', async () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    outbox.choose(3, ['C']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().respond(409, { statusCode: 409, message: '考试已结束' });
    await settle();
    expect(outbox.closed.value).toBe(true);
    expect(outbox.problem.value).toEqual({ kind: 'closed', message: '考试已结束' });
    expect(outbox.stateOf(1)).toBe('error');
    expect(outbox.stateOf(3)).toBe('error');
    server.requests.splice(0); // the other question's request was already on its way
    outbox.choose(2, ['B']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(0);
    expect(outbox.answers[2]).toEqual([]);
  });

  it('does not retry a refused answer by itself, and a new choice clears the refusal', async () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().respond(400, { statusCode: 400, message: '答案不符合题目' });
    await settle();
    expect(outbox.problem.value).toEqual({ kind: 'rejected', message: '答案不符合题目' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(0);
    outbox.choose(1, ['B']);
    await vi.advanceTimersByTimeAsync(250);
    server.next().respond(204);
    await settle();
    expect(outbox.problem.value).toBeNull();
    expect(outbox.stateOf(1)).toBe('answered');
  });

  it('on resume, lays this device’s unsent choices over the server’s answers and sends them', async () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ savedAt: Date.now(), answers: { 3: ['D'] } }));
    const outbox = open({ 1: ['B'], 3: ['A'] });
    expect(outbox.answers[1]).toEqual(['B']);
    expect(outbox.answers[3]).toEqual(['D']);
    expect(outbox.stateOf(3)).toBe('saving');
    await settle();
    const resend = server.next();
    expect(resend.url).toBe(`/api/attempts/${ATTEMPT}/answers/3`);
    expect(resend.body).toEqual({ answer: ['D'] });
  });

  it('ignores a tampered or foreign local copy and prunes stale ones of other attempts', () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ savedAt: 'x', answers: { 1: 'A' } }));
    const old = Date.now() - 4 * 24 * 3600 * 1000;
    localStorage.setItem('campus-antifraud.exam-outbox.3', JSON.stringify({ savedAt: old, answers: { 1: ['A'] } }));
    localStorage.setItem('campus-antifraud.exam-outbox.4', JSON.stringify({ savedAt: Date.now(), answers: {} }));
    const outbox = open({ 1: ['C'] });
    expect(outbox.answers[1]).toEqual(['C']);
    expect(outbox.unsentCount.value).toBe(0);
    expect(localStorage.getItem('campus-antifraud.exam-outbox.3')).toBeNull();
    expect(localStorage.getItem('campus-antifraud.exam-outbox.4')).not.toBeNull();
  });

  it('flush answers true once everything is acknowledged and false when a save fails', async () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    outbox.choose(3, ['B']);
    const done = outbox.flush(10_000);
    await settle();
    expect(server.requests.map((r) => r.url)).toEqual([
      `/api/attempts/${ATTEMPT}/answers/1`,
      `/api/attempts/${ATTEMPT}/answers/3`,
    ]);
    server.next().respond(204);
    server.next().respond(204);
    await expect(done).resolves.toBe(true);

    outbox.choose(2, ['A', 'B']);
    const failing = outbox.flush(10_000);
    await settle();
    server.next().fail();
    await expect(failing).resolves.toBe(false);
  });

  it('sends what waits with requests that outlive the page when the page is left', async () => {
    const outbox = open();
    outbox.choose(2, ['D']);
    outbox.sendBeforeLeaving();
    await settle();
    const put = server.next();
    expect(put.keepalive).toBe(true);
    expect(put.body).toEqual({ answer: ['D'] });
  });

  it('forgets the local copy when disposed after submitting', () => {
    const outbox = open();
    outbox.choose(1, ['A']);
    expect(stored()).not.toBeNull();
    outbox.dispose();
    expect(stored()).toBeNull();
    expect(outbox.unsentCount.value).toBe(0);
  });
});
