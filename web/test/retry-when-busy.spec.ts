import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { retryWhenBusy } from '@/api/retry-when-busy';

const busy = (seconds: number | null) => new ApiError(503, '当前访问人数较多，请稍后重试', [], null, seconds);

describe('retryWhenBusy', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('waits as long as the server asked and tries again, telling the page it is queueing', async () => {
    const call = vi.fn().mockRejectedValueOnce(busy(3)).mockRejectedValueOnce(busy(2)).mockResolvedValue('ok');
    const waits: number[] = [];
    const result = retryWhenBusy(
      call,
      () => 30_000,
      (s) => waits.push(s),
    );
    await vi.advanceTimersByTimeAsync(2999);
    expect(call).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(call).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(result).resolves.toBe('ok');
    expect(waits).toEqual([3, 2]);
  });

  it('gives up when the pause would end past the deadline, with the server’s refusal', async () => {
    const call = vi.fn().mockRejectedValue(busy(5));
    const result = retryWhenBusy(call, () => 8000);
    const outcome = expect(result).rejects.toMatchObject({ statusCode: 503 });
    await vi.advanceTimersByTimeAsync(5000);
    await outcome;
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('throws anything else at once: a refusal without Retry-After, a 409, a network error', async () => {
    for (const error of [busy(null), new ApiError(409, '快问已经结束', [], null, null), new TypeError('offline')]) {
      const call = vi.fn().mockRejectedValue(error);
      await expect(retryWhenBusy(call, () => 60_000)).rejects.toBe(error);
      expect(call).toHaveBeenCalledTimes(1);
    }
  });
});
