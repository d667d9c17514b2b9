import { Clock } from '../../src/common/clock/clock';
import type { TestApp } from '../harness';

/** The application's clock, moved forward by the test instead of waiting. */
export interface TestClock {
  advance(seconds: number): void;
  now(): Date;
}

export function testClock(t: TestApp): TestClock {
  const clock = t.get(Clock);
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  jest.spyOn(clock, 'now').mockImplementation(() => now().getTime());
  return {
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
    now,
  };
}
