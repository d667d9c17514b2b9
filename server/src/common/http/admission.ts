import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * Which queue a request stands in at the door. On exam day the students already answering come
 * first: a lost or slow save is a student's answer at risk, a refused login is a retry a few
 * seconds later.
 * - `answer`: saving an answer, submitting, recording 切屏 — students already in an exam — and a
 *   课堂快问 answer, which its countdown makes as urgent;
 * - `exam`: starting or resuming an attempt and the list of my exams — students about to answer;
 * - `live`: a 课堂快问 under way — starting it, joining it, its phone and projector views and
 *   streams. At one bell a whole school's phones join within seconds: they wait behind the
 *   students in an exam, and a refused phone comes back after a spread-out pause, not all at once;
 * - `sign-in`: login and password change, which spend a slow password hash each;
 * - `general`: everything else (admin pages, statistics, courses).
 */
export type AdmissionLane = 'answer' | 'exam' | 'live' | 'sign-in' | 'general';

const ANSWER_ROUTE = /^\/api\/(?:attempts\/\d+\/(?:answers\/\d+|submit|leave)|quick-quiz\/rounds\/\d+\/answer)$/;
const EXAM_ROUTE = /^\/api\/(?:exams\/\d+\/attempts|attempts\/\d+|my\/exams)$/;
const LIVE_ROUTE = /^\/api\/quick-quiz\/(?:join|rounds\/\d+(?:\/(?:mine|events))?)$/;

/**
 * Whether a live-lane request is the teacher's (starting a round, the projector's view and stream):
 * in the waiting room it goes ahead of the phones, or the projectors of a school at one bell would
 * wait behind 10,000 phones. The stream's `view=projector` is only a place in the queue: who sees
 * what is still decided by the signed-in role.
 */
export function aheadOfPhones(method: string, path: string, query: string): boolean {
  if (method === 'POST') return path === '/api/quick-quiz/rounds';
  if (/^\/api\/quick-quiz\/rounds\/\d+$/.test(path)) return true;
  return path.endsWith('/events') && new URLSearchParams(query).get('view') === 'projector';
}

export function admissionLane(method: string, path: string): AdmissionLane | null {
  if (!path.startsWith('/api/')) return null; // the web app's static files: cheap, and cached by browsers
  if (path === '/api/health' || path === '/api/health/live') return null;
  if ((method === 'PUT' || method === 'POST') && ANSWER_ROUTE.test(path)) return 'answer';
  if (EXAM_ROUTE.test(path)) return 'exam';
  if (LIVE_ROUTE.test(path) || (method === 'POST' && path === '/api/quick-quiz/rounds')) return 'live';
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
 * that answers always find room. Measured with pnpm bench:examday (see README, Exam day). 快问
 * requests are small and many: a tenth (25 of 256) serves them faster than more would, which only
 * slowed the exam's saves behind them and tripped the answers' pressure hold (pnpm bench:quiz).
 */
const LANE_SHARE: Record<AdmissionLane, number> = { answer: 1, exam: 0.6, live: 0.1, 'sign-in': 0.25, general: 0.4 };

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

/**
 * An exam is under way on this instance while answers arrived within this long: slow password
 * hashes that can wait (PasswordHasher.yieldTo) wait until it is over.
 */
const ANSWERING_WINDOW_MS = 10_000;

/**
 * A 快问 request that finds no place waits at the door, first come first served, for up to this
 * long, instead of being refused at once. At one bell 10,000 phones join within seconds: refused,
 * each came back every few seconds and the refusals alone (a socket write each) took more of the
 * cores than the joins they kept out (pnpm bench:quiz, README). Waiting costs a timer and a little
 * memory; past LIVE_MAX_WAITING a request is refused as before.
 */
const LIVE_WAIT_MS = 15_000;
const LIVE_MAX_WAITING = 20_000;

interface Waiter {
  settled: boolean;
  settle(entered: boolean): void;
}

/** First come first served, skipping those that gave up or timed out. */
class WaitQueue {
  private items: Waiter[] = [];
  private head = 0;

  push(waiter: Waiter): void {
    this.items.push(waiter);
  }

  /** The oldest waiter still waiting, taken off the queue. */
  next(): Waiter | undefined {
    // Drop the taken head now and then, not on every admission.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    while (this.head < this.items.length) {
      const waiter = this.items[this.head++]!;
      if (!waiter.settled) return waiter;
    }
    return undefined;
  }
}

export interface AdmissionSnapshot {
  inFlight: number;
  inFlightByLane: Record<AdmissionLane, number>;
  refusedByLane: Record<AdmissionLane, number>;
  /** Live-lane requests waiting for a place (see waitToEnter). */
  waiting: number;
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
  private readonly byLane: Record<AdmissionLane, number> = { answer: 0, exam: 0, live: 0, 'sign-in': 0, general: 0 };
  private readonly refused: Record<AdmissionLane, number> = { answer: 0, exam: 0, live: 0, 'sign-in': 0, general: 0 };
  private readonly laneCap: Record<AdmissionLane, number>;
  private lagMs = 0;
  /** When an answer was last refused, or answers last filled their pressure share (ms, `now()`). */
  private answerPressureAt = Number.NEGATIVE_INFINITY;
  /** When an answer was last admitted (ms, `now()`). */
  private lastAnswerAt = Number.NEGATIVE_INFINITY;
  /** Live-lane requests waiting, teachers' first, then phones', oldest first (settled ones are skipped). */
  private readonly queues = { ahead: new WaitQueue(), phones: new WaitQueue() };
  private waiting = 0;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.laneCap = {
      answer: limits.maxInFlight,
      exam: Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE.exam)),
      live: Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE.live)),
      'sign-in': Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE['sign-in'])),
      general: Math.max(1, Math.floor(limits.maxInFlight * LANE_SHARE.general)),
    };
  }

  /** The event loop's recent delay (p99, ms), as sampled by startLagSampler. */
  observeLag(ms: number): void {
    this.lagMs = ms;
    this.drain();
  }

  /**
   * Like tryEnter, but a live-lane request that finds no place waits for one (LIVE_WAIT_MS at most,
   * behind LIVE_MAX_WAITING others at most). `admitted` says whether it got in; `cancel` gives up
   * its turn (the client went away). Other lanes answer at once, as tryEnter.
   */
  waitToEnter(lane: AdmissionLane, ahead = false): { admitted: Promise<boolean>; cancel: () => void } {
    if (lane !== 'live' || this.waiting >= LIVE_MAX_WAITING || (this.waiting === 0 && this.admits(lane))) {
      return { admitted: Promise.resolve(this.tryEnter(lane)), cancel: () => undefined };
    }
    let cancel: () => void = () => undefined;
    const admitted = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.refused[lane] += 1;
        waiter.settle(false);
      }, LIVE_WAIT_MS);
      const waiter: Waiter = {
        settled: false,
        settle: (entered) => {
          if (waiter.settled) return;
          waiter.settled = true;
          this.waiting -= 1;
          clearTimeout(timer);
          resolve(entered);
        },
      };
      cancel = () => waiter.settle(false);
      (ahead ? this.queues.ahead : this.queues.phones).push(waiter);
      this.waiting += 1;
    });
    return { admitted, cancel };
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
    if (lane === 'answer') {
      this.lastAnswerAt = this.now();
      if (this.byLane.answer >= this.limits.maxInFlight * ANSWER_PRESSURE_SHARE)
        this.answerPressureAt = this.lastAnswerAt;
    }
    return true;
  }

  /** Whether students are answering on this instance (an answer arrived in the last ANSWERING_WINDOW_MS). */
  get studentsAnswering(): boolean {
    return this.now() - this.lastAnswerAt < ANSWERING_WINDOW_MS;
  }

  /** Whether students already answering are short of room right now (see ANSWER_PRESSURE_HOLD_MS). */
  get answersUnderPressure(): boolean {
    return this.now() - this.answerPressureAt < ANSWER_PRESSURE_HOLD_MS;
  }

  leave(lane: AdmissionLane): void {
    this.inFlight -= 1;
    this.byLane[lane] -= 1;
    if (this.waiting > 0) this.drain();
  }

  /** Lets waiting live-lane requests in, teachers' first, oldest first, while there is room for them. */
  private drain(): void {
    while (this.waiting > 0 && this.admits('live')) {
      const waiter = this.queues.ahead.next() ?? this.queues.phones.next();
      if (!waiter) return;
      this.inFlight += 1;
      this.byLane.live += 1;
      waiter.settle(true);
    }
  }

  snapshot(): AdmissionSnapshot {
    return {
      inFlight: this.inFlight,
      inFlightByLane: { ...this.byLane },
      refusedByLane: { ...this.refused },
      waiting: this.waiting,
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
      case 'live':
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
    case 'live':
      // A class's phones come back spread over a few seconds, inside a 30-second countdown.
      return 2 + Math.floor(Math.random() * 4);
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
const RELEASE = Symbol('admissionRelease');
type AdmittedRequest = FastifyRequest & { [LANE]?: AdmissionLane; [RELEASE]?: () => void };

/**
 * Gives up the request's place at the door before its answer ends. For long-lived answers (a
 * server-sent event stream): they would otherwise hold a place for as long as someone watches, and
 * 50 open monitors would fill the admin lane. Harmless when the request holds no place.
 */
export function releaseAdmission(request: FastifyRequest): void {
  (request as AdmittedRequest)[RELEASE]?.();
}

/** Puts `control` at the door of every API route of `fastify`. */
export function registerAdmission(fastify: FastifyInstance, control: AdmissionControl): void {
  fastify.addHook('onRequest', (request: AdmittedRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    const lane = admissionLane(request.method, request.url.split('?', 1)[0]!);
    if (lane === null) return done();
    const admit = () => {
      request[LANE] = lane;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        control.leave(lane);
      };
      request[RELEASE] = release;
      // 'close' fires once the response is written or the connection dropped: either way the place frees.
      reply.raw.once('close', release);
      done();
    };
    const refuse = () => {
      // Written straight to the socket: a refusal must cost next to nothing.
      void reply
        .code(503)
        .header('Retry-After', String(retryAfterSeconds(lane)))
        .header('Cache-Control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(refusal(request.id));
    };
    if (lane !== 'live') return control.tryEnter(lane) ? admit() : refuse();
    const [path, query = ''] = request.url.split('?', 2) as [string, string?];
    const turn = control.waitToEnter(lane, aheadOfPhones(request.method, path, query));
    // A phone that gives up while waiting gives up its turn too.
    const socket = request.raw.socket;
    socket.once('close', turn.cancel);
    void turn.admitted.then((entered) => {
      socket.off('close', turn.cancel);
      if (socket.destroyed) {
        if (entered) control.leave(lane);
        return;
      }
      if (entered) admit();
      else refuse();
    });
  });
  const stopSampler = startLagSampler(control);
  fastify.addHook('onClose', (_instance, done) => {
    stopSampler();
    done();
  });
}
