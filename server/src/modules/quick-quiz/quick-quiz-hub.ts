import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { QuickQuizPhase } from '@campus/shared';
import { Clock } from '../../common/clock/clock';
import { CacheBus } from '../../common/cluster/cache-bus';
import { Sql } from '../../database/sql';
import { mapRound, mapStudentView } from './quick-quiz.mapper';
import { QuickQuizService } from './quick-quiz.service';
import { isOpen } from './round-state';

/** Screens get the counts at least this often while anything changes. */
export const TICK_MS = 1000;
/** Unchanged figures are still sent to the projector this often (its clock resyncs with the server's). */
const KEEPALIVE_MS = 10_000;

/** One open event stream: a projector (staff) or a student's phone. */
export interface Viewer {
  roundId: number;
  kind: 'staff' | 'student';
  userId: number;
  /** The phase this viewer was last told (set from the first event); a phone hears each change once. */
  phase: QuickQuizPhase;
  /**
   * Writes one event whose data is already JSON: a screen's figures are serialised once for all its
   * viewers (common/live/event-stream keeps only the newest while a client reads slowly).
   */
  send(event: string, json: string): void;
}

/**
 * How long phone results are written for at a stretch when rounds close, and how long the hub then
 * steps aside. At one bell 200 rounds close in the same second and 10,000 phones are owed their
 * result: written in one go, the event loop did nothing else until the last was written, and the
 * phones reading their results at once starved the database of the two cores; the exam's saves
 * waited behind both (pnpm bench:quiz, its slowest seconds of the bell: a save took up to 1.5 s).
 * Written in 20 ms slices with 20 ms between, the phones still hear within about a second, and a
 * save waits one slice at most.
 */
export const PHONE_WRITE_SLICE_MS = 20;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, PHONE_WRITE_SLICE_MS));

interface Watched {
  viewers: Set<Viewer>;
  lastStaff: string;
  lastSentAt: number;
}

/**
 * Live 课堂快问 screens. Whatever the number of viewers, each instance runs one tick per second that
 * reads the counts of every round someone here watches in one query (and their closing times in
 * another), then writes to its own streams. The database is the one truth, so streams on different
 * instances show the same figures without any message passing; CacheBus (Redis pub/sub when set)
 * only makes a start or an early close show at once instead of at the next tick.
 */
@Injectable()
export class QuickQuizHub implements OnModuleDestroy {
  private readonly logger = new Logger(QuickQuizHub.name);
  private readonly watched = new Map<number, Watched>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private wakeQueued = false;
  private wokenWhileTicking = false;

  constructor(
    private readonly quiz: QuickQuizService,
    private readonly sql: Sql,
    private readonly clock: Clock,
    bus: CacheBus,
  ) {
    bus.on((message) => {
      if (message.kind === 'quick-quiz' && this.watched.has(message.id)) this.wake();
    });
  }

  /** Adds a stream; returns how to remove it. */
  subscribe(viewer: Viewer): () => void {
    let entry = this.watched.get(viewer.roundId);
    if (!entry) {
      entry = { viewers: new Set(), lastStaff: '', lastSentAt: 0 };
      this.watched.set(viewer.roundId, entry);
    }
    entry.viewers.add(viewer);
    this.timer ??= setInterval(() => void this.tick(), TICK_MS);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      entry.viewers.delete(viewer);
      if (entry.viewers.size === 0) this.watched.delete(viewer.roundId);
      if (this.watched.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /**
   * Runs a tick now (coalesced), e.g. when a round closes early on another instance. Woken while a
   * tick runs (one that writes a bell's results takes about a second), it runs again right after.
   */
  wake(): void {
    if (this.wakeQueued) return;
    this.wakeQueued = true;
    setImmediate(() => {
      this.wakeQueued = false;
      if (this.ticking) this.wokenWhileTicking = true;
      else void this.tick();
    });
  }

  async tick(): Promise<void> {
    if (this.ticking || this.watched.size === 0) return;
    this.ticking = true;
    try {
      const ids = [...this.watched.keys()];
      const [closingTimes, tallies] = await Promise.all([this.quiz.closingTimes(ids), this.quiz.tallies(ids)]);
      const now = this.clock.date();
      // Phones hear only a change of phase, with their own result: the answers of every round whose
      // phones must hear one now are read in one query (at one bell, 200 rounds close in the same second).
      const changing = ids.filter((id) => {
        const closesAt = closingTimes.get(id);
        if (!closesAt) return false;
        const phase = now >= closesAt ? 'closed' : 'open';
        return [...(this.watched.get(id)?.viewers ?? [])].some((v) => v.kind === 'student' && v.phase !== phase);
      });
      const answersByRound = await this.answersOf(changing);
      let sliceStart = performance.now();
      for (const id of ids) {
        const entry = this.watched.get(id);
        const closesAt = closingTimes.get(id);
        if (!entry || !closesAt) continue;
        this.quiz.refreshClosing(id, closesAt);
        const round = await this.quiz.state(id);
        const dto = mapRound(round, tallies.get(id) ?? new Map(), now);
        const { serverNow: _serverNow, ...figures } = dto;
        const signature = JSON.stringify(figures);
        const phase = isOpen(round, now) ? 'open' : 'closed';
        const keepalive = now.getTime() - entry.lastSentAt >= KEEPALIVE_MS;
        const staffDue = signature !== entry.lastStaff || keepalive;
        const staffJson = staffDue ? JSON.stringify(dto) : '';
        if (staffDue) {
          entry.lastStaff = signature;
          entry.lastSentAt = now.getTime();
        }
        // Phones hear only a change of phase (the close, with their own result); the counts are for
        // the projector. A phone's result depends only on its answer: one serialisation per answer given.
        const answers = answersByRound.get(id) ?? new Map<number, string | null>();
        const results = new Map<string | null, string>();
        // Viewers may come and go while the loop yields below: a Set's iteration skips those removed
        // and reaches those added, whose phase is already what their first event told them.
        for (const viewer of entry.viewers) {
          if (viewer.kind === 'staff') {
            if (staffDue) viewer.send('round', staffJson);
            viewer.phase = phase;
          } else if (viewer.phase !== phase) {
            const answer = answers.get(viewer.userId) ?? null;
            let json = results.get(answer);
            if (json === undefined) {
              json = JSON.stringify(mapStudentView(round, answer, now));
              results.set(answer, json);
            }
            viewer.send('round', json);
            viewer.phase = phase;
            if (performance.now() - sliceStart >= PHONE_WRITE_SLICE_MS) {
              await pause();
              sliceStart = performance.now();
            }
          }
        }
      }
    } catch (error) {
      this.logger.warn(`快问 tick failed: ${(error as Error).message}`);
    } finally {
      this.ticking = false;
      if (this.wokenWhileTicking) {
        this.wokenWhileTicking = false;
        this.wake();
      }
    }
  }

  /** Every student's stored answer of the given rounds, by round: read once when they close. */
  private async answersOf(roundIds: number[]): Promise<Map<number, Map<number, string | null>>> {
    const out = new Map<number, Map<number, string | null>>(roundIds.map((id) => [id, new Map()]));
    if (roundIds.length === 0) return out;
    const rows = await this.sql.query<
      Array<{ roundId: number | string; userId: number | string; answer: string | null }>
    >(
      `SELECT round_id AS roundId, user_id AS userId, answer FROM quiz_response
        WHERE round_id IN (${roundIds.map(() => '?').join(',')})`,
      roundIds,
    );
    for (const r of rows) out.get(Number(r.roundId))?.set(Number(r.userId), r.answer);
    return out;
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
