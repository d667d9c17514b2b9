import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AttemptCloseService } from './attempt-close.service';

const INTERVAL_MS = 20_000;

/**
 * Closes attempts whose time ran out although nobody came back to submit, so results and
 * statistics count them within seconds. Reads that need exactness also close them on the spot.
 */
@Injectable()
export class AttemptFinalizer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttemptFinalizer.name);
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly attempts: AttemptCloseService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while ((await this.attempts.finalizeExpired(new Date())) === 500);
    } catch (error) {
      this.logger.warn(`Closing expired attempts failed: ${String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
