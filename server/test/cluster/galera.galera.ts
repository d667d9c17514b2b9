import type { AttemptSession, HealthResponse } from '@campus/shared';
import { encodeAnswer } from '../../src/modules/exams/attempt-answer';
import { call, startServerProcess, type ServerProcess } from '../support/server-process';
import { setUpExam, start, studentToken } from '../support/exam-setup';
import { mariadb, sandboxDir, until, type SandboxServer } from '../support/mariadb-sandbox';

/**
 * pnpm test:galera — a three-node MariaDB Galera cluster (galera-4) on loopback ports, the server
 * pointed at node 1 with nodes 2 and 3 to fail over to (DATABASE_FAILOVER_HOSTS). Students save
 * answers while another client writes the same rows through node 3 (certification conflicts, which
 * the save path must retry), then node 1 is killed with kill -9 in the middle of the exam. Every
 * answer the API acknowledged must be on both surviving nodes, and the exam must carry on.
 */
const DB = 'campus_galera';
const PORT = 3543;
const STUDENTS = 16;
const dir = sandboxDir();
const GCOMM = 'gcomm://127.0.0.1:4571,127.0.0.1:4572,127.0.0.1:4573';

function node(n: 1 | 2 | 3): SandboxServer {
  return mariadb(dir, `node${n}`, 3320 + n, [
    `--server-id=${n}`,
    '--binlog-format=ROW',
    '--default-storage-engine=InnoDB',
    '--innodb-autoinc-lock-mode=2',
    '--wsrep-on=ON',
    '--wsrep-provider=/usr/lib/galera/libgalera_smm.so',
    '--wsrep-cluster-name=campus-test',
    `--wsrep-cluster-address=${GCOMM}`,
    `--wsrep-node-address=127.0.0.1:${4570 + n}`,
    `--wsrep-node-incoming-address=127.0.0.1:${3320 + n}`,
    `--wsrep-provider-options=base_port=${4570 + n};ist.recv_addr=127.0.0.1:${4580 + n};gcache.size=32M`,
    '--wsrep-sst-method=rsync',
    `--wsrep-sst-receive-address=127.0.0.1:${4590 + n}`,
    // The node would retry a conflicting autocommit statement once by itself; off here, so that
    // conflicts reach the server and its own retry is what is tested.
    '--wsrep-retry-autocommit=0',
  ]);
}
const nodes = [node(1), node(2), node(3)] as const;
const [node1, node2, node3] = nodes;
const measured: Record<string, unknown> = {};

async function status(server: SandboxServer, name: string): Promise<string> {
  const rows = await server.sql(`SHOW STATUS LIKE '${name}'`);
  const value = rows[0]?.Value;
  return typeof value === 'string' ? value : '';
}

interface Student {
  token: string;
  session: AttemptSession;
}

describe('a Galera cluster losing the node the server writes through', () => {
  let server: ServerProcess;
  let examId: number;
  let students: Student[];

  beforeAll(async () => {
    const started = Date.now();
    await node1.start(['--wsrep-new-cluster']);
    await Promise.all([node2.start(), node3.start()]);
    for (const n of nodes) {
      await until(
        `${n.name} to be synced`,
        async () => (await status(n, 'wsrep_local_state_comment')) === 'Synced',
        60_000,
      );
    }
    expect(await status(node1, 'wsrep_cluster_size')).toBe('3');
    measured.clusterUpSeconds = (Date.now() - started) / 1000;
    await node1.sql(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    server = await startServerProcess(PORT, {
      DATABASE_URL: node1.url(DB),
      DATABASE_FAILOVER_HOSTS: '127.0.0.1:3322,127.0.0.1:3323',
      DB_POOL_SIZE: '8',
      AUTH_SECRET: 'galera-test-secret-that-is-long-enough-00000',
    });
    // Migrations on a fresh database can outlast startServerProcess's own wait on a busy machine.
    await until('the server to answer', async () => (await call(server.url, 'GET', '/health')).status === 200, 120_000);
    const setup = await setUpExam(server.url, STUDENTS);
    examId = setup.examId;
    students = await Promise.all(
      setup.usernames.map(async (username) => {
        const token = await studentToken(server.url, username);
        const res = await start(server.url, token, examId);
        expect(res.status).toBe(200);
        return { token, session: res.body };
      }),
    );
  }, 240_000);

  afterAll(async () => {
    await (server as ServerProcess | undefined)?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    console.log(`galera test measured: ${JSON.stringify(measured)}`);
  });

  it('retries certification conflicts on the save path, loses no acknowledged answer when node 1 is killed, and carries on through another node', async () => {
    const acknowledged = new Map<string, string>();
    const refusals: number[] = [];
    let killedAt = 0;
    let firstSaveAfterKill = 0;

    // Another writer on the same rows through node 3, one student's paper after another: each of
    // its commits that overlaps a save through node 1 makes one of them lose certification (1213).
    let conflicting = true;
    let failed = false;
    const attemptIds = students.map((s) => s.session.attemptId).join(',');
    const conflictLoop = async (offset: number) => {
      const connection = await node3.connect();
      let commits = 0;
      try {
        for (let turn = offset; conflicting; turn++) {
          const { attemptId } = students[turn % students.length]!.session;
          try {
            await connection.query(
              `UPDATE ${DB}.attempt_question SET saved_at = NOW(3) WHERE attempt_id = ${attemptId}`,
            );
            commits++;
          } catch {
            // losing a conflict is expected on this side too
          }
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        await connection.end().catch(() => undefined);
      }
      return commits;
    };
    // Three such writers at once, on different students' papers.
    const conflicter = Promise.all([0, 5, 10].map(conflictLoop)).then((n) => n.reduce((a, b) => a + b, 0));

    // Each answer is saved once and retried as the web app's outbox does (honouring Retry-After)
    // until the server acknowledges it; what it acknowledged is exactly what must be stored.
    const answering = Promise.all(
      students.map(async ({ token, session }) => {
        for (const q of session.questions) {
          const key = q.options[(q.id + session.attemptId) % q.options.length]!.key;
          for (let tries = 0; ; tries++) {
            if (failed) return;
            const res = await call(server.url, 'PUT', `/attempts/${session.attemptId}/answers/${q.id}`, token, {
              answer: [key],
            });
            if (res.status === 204) {
              acknowledged.set(`${session.attemptId}:${q.id}`, key);
              if (killedAt && !firstSaveAfterKill) firstSaveAfterKill = Date.now();
              break;
            }
            refusals.push(res.status);
            // Only a refusal the web app retries by itself: 503 + Retry-After, or no answer at all.
            if (![0, 503].includes(res.status))
              throw new Error(`save answered ${res.status} ${JSON.stringify(res.body)}`);
            if (tries > 60) throw new Error(`save never acknowledged: ${res.status} ${JSON.stringify(res.body)}`);
            await new Promise((r) => setTimeout(r, 250));
          }
          await new Promise((r) => setTimeout(r, 30));
        }
      }),
    );

    answering.catch(() => {
      failed = true;
    });
    // Mid-exam: once about a third of the answers are in, node 1 dies.
    const total = students.reduce((n, s) => n + s.session.questions.length, 0);
    try {
      await until('a third of the answers', () => Promise.resolve(acknowledged.size >= total / 3), 60_000);
      measured.acknowledgedBeforeKill = acknowledged.size;
      await node1.kill();
      killedAt = Date.now();
      await answering;
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      conflicting = false;
      measured.conflictingCommits = await conflicter;
    }
    measured.msFromKillToNextAcknowledgedSave = firstSaveAfterKill - killedAt;
    measured.refusedSaves = refusals.length;
    measured.acknowledged = acknowledged.size;
    expect(acknowledged.size).toBe(total);

    const health = await call<HealthResponse>(server.url, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.failover?.node).not.toBe(1);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const retries = (reason: string) =>
      Number(new RegExp(`db_statement_retries_total\\{reason="${reason}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0);
    measured.saveRetries = { conflict: retries('conflict'), connection: retries('connection') };
    expect(retries('conflict')).toBeGreaterThan(0);

    // The exam carries on: everyone submits through the surviving nodes.
    for (const { token, session } of students) {
      const submitted = await call(server.url, 'POST', `/attempts/${session.attemptId}/submit`, token);
      expect(submitted.status).toBe(200);
    }

    // Every acknowledged answer is on both surviving nodes.
    for (const survivor of [node2, node3]) {
      const rows = await survivor.sql(
        `SELECT attempt_id, question_id, answer FROM ${DB}.attempt_question WHERE attempt_id IN (${attemptIds})`,
      );
      const stored = new Map(rows.map((r) => [`${String(r.attempt_id)}:${String(r.question_id)}`, r.answer]));
      let found = 0;
      for (const [id, key] of acknowledged) {
        expect({ id, answer: stored.get(id) }).toEqual({ id, answer: encodeAnswer([key]) });
        found++;
      }
      measured[`storedOn${survivor.name}`] = found;
    }
    expect(await status(node2, 'wsrep_cluster_size')).toBe('2');
  }, 180_000);
});
