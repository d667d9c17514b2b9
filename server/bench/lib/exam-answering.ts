import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client } from './load';
import { someAnswer, type PaperQuestion } from './paper';

/**
 * Students answering an exam, open loop, on a thread of their own: each saves an answer, thinks,
 * saves the next, on a connection of their own, until stopped.
 *
 * Why a thread: these students are other people's phones and laptops. Measured from the event loop
 * that also plays 10,000 quiz phones, a save's time included however long that loop was busy
 * reading the phones' results when 200 rounds closed at once — the generator's stall, not the
 * server's. On a thread of its own the clock still counts everything between sending a save and its
 * answer, on the same two cores, and nothing of the phones' work in the generator.
 */

export interface ExamSession {
  token: string;
  attemptId: number;
  questions: PaperQuestion[];
}

export interface ExamSave {
  /** When the save was sent, on the caller's performance.now() clock. */
  at: number;
  ms: number;
  status: number;
}

interface Options {
  port: number;
  sessions: ExamSession[];
  thinkMinS: number;
  thinkMaxS: number;
}

interface Report {
  /** Sent at, as epoch milliseconds (each thread has its own performance.now() origin). */
  saves: Array<{ atEpoch: number; ms: number; status: number }>;
  /** Attempt:question → the last acknowledged answer. */
  acknowledged: Array<[string, string]>;
}

const KIND = 'exam-answering';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** Starts the students on a worker thread; `stop()` ends them and answers every save and acknowledged answer. */
export function startExamAnswering(options: Options): {
  stop(): Promise<{ saves: ExamSave[]; acknowledged: Map<string, string> }>;
} {
  // Loaded through require so the thread compiles TypeScript as this process does (-r @swc-node/register).
  const worker = new Worker(`require(${JSON.stringify(__filename)})`, {
    eval: true,
    workerData: { kind: KIND, options },
  });
  const report = new Promise<Report>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    async stop() {
      worker.postMessage('stop');
      const { saves, acknowledged } = await report;
      await worker.terminate();
      return {
        saves: saves.map((s) => ({ at: s.atEpoch - performance.timeOrigin, ms: s.ms, status: s.status })),
        acknowledged: new Map(acknowledged),
      };
    },
  };
}

async function answer({ port, sessions, thinkMinS, thinkMaxS }: Options): Promise<void> {
  const saves: Report['saves'] = [];
  const acknowledged = new Map<string, string>();
  let stopped = false;
  parentPort!.once('message', () => {
    stopped = true;
  });
  await Promise.all(
    sessions.map(async (s, si) => {
      const client = new Client(port, 1);
      await sleep(between(0, thinkMaxS * 1000));
      for (let k = 0; !stopped; k++) {
        const q = s.questions[k % s.questions.length]!;
        const answer = someAnswer(q, si + k);
        const atEpoch = performance.timeOrigin + performance.now();
        const res = await client.request('PUT', `/api/attempts/${s.attemptId}/answers/${q.id}`, s.token, { answer });
        saves.push({ atEpoch, ms: res.ms, status: res.status });
        if (res.status === 204) acknowledged.set(`${s.attemptId}:${q.id}`, answer.join(''));
        await sleep(between(thinkMinS * 1000, thinkMaxS * 1000));
      }
      client.close();
    }),
  );
  parentPort!.postMessage({ saves, acknowledged: [...acknowledged] } satisfies Report);
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === KIND) {
  void answer((workerData as { options: Options }).options);
}
