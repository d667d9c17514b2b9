import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Which queue a request stands in at the door. On exam day the students already answering come
 * first: a lost or slow save is a student's answer at risk, a refused login is a retry a few
 * seconds later.
 * - `answer`: saving an answer, submitting, recording 切屏 — students already in an exam;
 * - `exam`: starting or resuming an attempt and the list of my exams — students about to answer;
 * - `sign-in`: login and password change, which spend a slow password hash each;
 * - `general`: everything else (admin pages, statistics, courses).
 */
export type AdmissionLane = 'answer' | 'exam' | 'sign-in' | 'general';

const ANSWER_ROUTE = /^\/api\/attempts\/\d+\/(?:answers\/\d+|submit|leave)$/;
const EXAM_ROUTE = /^\/api\/(?:exams\/\d+\/attempts|attempts\/\d+|my\/exams)$/;

export function admissionLane(method: string, path: string): AdmissionLane | null {
  if (!path.startsWith('/api/')) return null; // the web app's static files: cheap, and cached by browsers
  if (path === '/api/health' || path === '/api/health/live') return null;
  if ((method === 'PUT' || method === 'POST') && ANSWER_ROUTE.test(path)) return 'answer';
  if (EXAM_ROUTE.test(path)) return 'exam';
  if (method === 'POST' && (path === '/api/auth/login' || path === '/api/auth/password')) return 'sign-in';
  return 'general';
}

export interface AdmissionLimits {
  /** Requests in flight on this instance, all lanes together; only answers may use the last share. */
  maxInFlight: number;
  /** Event-loop delay (p99 over the last sampling interval, ms) above which sign-in and general wait. */
  busyLagMs: number;
  /** Event-loop delay above which starting an exam waits too; answers are never refused for lag. */
  overloadLagMs: number;
}

/**
 * Share of `maxInFlight` each lane may fill. Answers may fill all of it; the others stop earlier so
 * that answers always find room. Measured with pnpm bench:examday (see README, Exam day).
 */
const LANE_SHARE: Record<AdmissionLane, number> = { answer: 1, exam: 0.6, 'sign-in': 0.25, general: 0.4 };

/** Below this many requests in flight, event-loop lag refuses nobody. */
const LAG_GATE_MIN_IN_FLIGHT = 16;

/**
 * Students already answering come first, and not only in the share of places: once their saves
 * start to be refused, or fill half of the places, nobody new is let in (no start, no sign-in, no
 * admin page) until that has not happened for this long. Without it, on exam day new arrivals kept
 * starting while the saves of those already in were refused and retried every second: the box
 * spent itself on refusals (pnpm bench:examday, README).
 */
const ANSWER_PRESSURE_HOLD_MS = 2000;
const ANSWER_PRESSURE_SHARE = 0.5;

export interface AdmissionSnapshot {
  inFlight: number;
  inFlightByLane: Record<AdmissionLane, number>;
  refusedByLane: Record<AdmissionLane, number>;
  eventLoopLagMs: number;
}

/**
 * Load shedding at the door, before any work is done: every request the instance accepts gets a
 * database connection in bounded time (the pool's queue never holds more than `maxInFlight`), and
 * memory stays bounded however many phones are connected. A refused request costs a few
 * microseconds and answers 503 with Retry-After, which the web app (and any well-behaved client)
 * honours.
 */
export class AdmissionControl {
  private inFlight = 0;
  private readonly byLane: Record<AdmissionLane, number> = { answer: 0, exam: 0, 'sign-in': 0, general: 0 };
  private readonly refused: Record<AdmissionLane, number> = { answer: 0, exam: 0, 'sign-in': 0, general: 0 };
  private readonly laneCap: Record<AdmissionLane, number>;
  private lagMs = 0;
  /** When an answer was last refused, or answers last filled their pressure share (ms, `now()`). */
  private answerPressureAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.laneCap = {
      answer: limits.maxInFlight,
      exam: Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE.exam)),
      'sign-in': Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE['sign-in'])),
      general: Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE.general)),
    };
  }

  /** The event loop's recent delay (p99, ms), as sampled by startLagSampler. */
  observeLag(ms: number): void {
    this.lagMs = ms;
  }

  /** Takes a place for a request of `lane`, or says why not. */
  tryEnter(lane: AdmissionLane): boolean {
    if (!this.admits(lane)) {
      this.refused[lane] += 1;
      if (lane === 'answer') this.answerPressureAt = this.now();
      return false;
    }
    this.inFlight += 1;
    this.byLane[lane] += 1;
    if (lane === 'answer' && this.byLane.answer >= this.limits.maxInFlight * ANSWER_PRESSURE_SHARE) {
      this.answerPressureAt = this.now();
    }
    return true;
  }

  /** Whether students already answering are short of room right now (see ANSWER_PRESSURE_HOLD_MS). */
  get answersUnderPressure(): boolean {
    return this.now() - this.answerPressureAt < ANSWER_PRESSURE_HOLD_MS;
  }

  leave(lane: AdmissionLane): void {
    this.inFlight -= 1;
    this.byLane[lane] -= 1;
  }

  snapshot(): AdmissionSnapshot {
    return {
      inFlight: this.inFlight,
      inFlightByLane: { ...this.byLane },
      refusedByLane: { ...this.refused },
      eventLoopLagMs: Math.round(this.lagMs * 10) / 10,
    };
  }

  private admits(lane: AdmissionLane): boolean {
    if (this.inFlight >= this.limits.maxInFlight || this.byLane[lane] >= this.laneCap[lane]) return false;
    if (lane !== 'answer' && this.answersUnderPressure) return false;
    // Lag alone says little when almost nothing is in flight: one long synchronous job (an SQLite
    // import, a large export) delays the loop without any crowd to shed.
    if (this.inFlight < LAG_GATE_MIN_IN_FLIGHT) return true;
    switch (lane) {
      case 'answer':
        return true;
      case 'exam':
        return this.lagMs < this.limits.overloadLagMs;
      case 'sign-in':
      case 'general':
        return this.lagMs < this.limits.busyLagMs;
    }
  }
}

/**
 * Feeds `control` the event loop's delay: p99 over each quarter second, long enough for a stable
 * figure and short enough to react within a burst. Returns the function that stops it.
 */
export function startLagSampler(control: AdmissionControl): () => void {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const timer = setInterval(() => {
    control.observeLag(histogram.percentile(99) / 1e6);
    histogram.reset();
  }, 250);
  timer.unref();
  return () => {
    clearInterval(timer);
    histogram.disable();
  };
}

/** Seconds a refused client should wait: short for students in an exam, spread out for sign-ins. */
function retryAfterSeconds(lane: AdmissionLane): number {
  switch (lane) {
    case 'answer':
      return 1;
    case 'exam':
      return 2;
    case 'sign-in':
      // Spread the retries of a whole class so they do not come back in the same second.
      return 3 + Math.floor(Math.random() * 5);
    case 'general':
      return 3;
  }
}

const REFUSAL_HEAD = JSON.stringify({ statusCode: 503, message: '当前访问人数较多，请稍后重试', errors: [] }).slice(
  0,
  -1,
);

/** The refusal body, built by concatenation: a refusal must cost next to nothing. */
function refusal(requestId: string): string {
  return `${REFUSAL_HEAD},"requestId":${JSON.stringify(requestId)}}`;
}

const LANE = Symbol('admissionLane');
type AdmittedRequest = FastifyRequest & { [LANE]?: AdmissionLane };

/** Puts `control` at the door of every API route of `fastify`. */
export function registerAdmission(fastify: FastifyInstance, control: AdmissionControl): void {
  fastify.addHook('onRequest', (request: AdmittedRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const lane = admissionLane(request.method, request.url.split('?', 1)[0]!);
    if (lane === null) return done();
    if (!control.tryEnter(lane)) {
      // Written straight to the socket: a refusal must cost next to nothing.
      void reply
        .code(503)
        .header('Retry-After', String(retryAfterSeconds(lane)))
        .header('Cache-Control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(refusal(request.id));
      return;
    }
    request[LANE] = lane;
    // 'close' fires once the response is written or the connection dropped: either way the place frees.
    reply.raw.once('close', () => control.leave(lane));
    done();
  });
  const stopSampler = startLagSampler(control);
  fastify.addHook('onClose', (_instance, done) => {
    stopSampler();
    done();
  });
}
