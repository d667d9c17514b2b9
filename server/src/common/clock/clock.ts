import { Injectable } from '@nestjs/common';

/**
 * The time, for code whose behaviour depends on it (scheduled alerts, deadlines, windows). Injected
 * rather than read from Date.now() so tests move time instead of sleeping through it.
 */
@Injectable()
export class Clock {
  now(): number {
    return Date.now();
  }

  date(): Date {
    return new Date(this.now());
  }
}
