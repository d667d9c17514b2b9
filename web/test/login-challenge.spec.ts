import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { proofMeets } from '@campus/shared';
import { login } from '@/api/auth';
import { configureHttp } from '@/api/http';
import { installFakeFetch } from './fake-fetch';

describe('signing in from a network that must solve a challenge', () => {
  let server: ReturnType<typeof installFakeFetch>;
  beforeEach(() => {
    server = installFakeFetch();
    configureHttp({ token: () => null, onUnauthorized: vi.fn(), onRefusalCode: vi.fn() });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function nextRequest() {
    await vi.waitFor(() => expect(server.requests.length).toBeGreaterThan(0));
    return server.next();
  }

  it('solves the challenge of a 428 and sends the login again with the solution', async () => {
    const onChallenge = vi.fn();
    const outcome = login({ username: '2026010101', password: 'Secret-2026' }, { onChallenge });
    const first = await nextRequest();
    expect(first.body).toEqual({ username: '2026010101', password: 'Secret-2026' });
    first.respond(428, { statusCode: 428, message: '需要安全验证', challenge: { challenge: 'c1.x.8.sig', bits: 8 } });
    const second = await nextRequest();
    const body = second.body as { challenge: string; nonce: string; username: string };
    expect(body.username).toBe('2026010101');
    expect(body.challenge).toBe('c1.x.8.sig');
    expect(proofMeets(body.challenge, body.nonce, 8)).toBe(true);
    second.respond(200, { token: 't', user: { id: 1 } });
    expect((await outcome).token).toBe('t');
    expect(onChallenge).toHaveBeenCalledOnce();
  });

  it('passes any other refusal through untouched', async () => {
    const outcome = login({ username: 'a', password: 'b' }).catch((e: unknown) => e);
    (await nextRequest()).respond(401, { statusCode: 401, message: '学号/工号或密码错误' });
    expect(await outcome).toMatchObject({ statusCode: 401 });
    expect(server.requests).toHaveLength(0);
  });
});
