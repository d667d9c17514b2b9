import type { AttemptSession, AwarenessReport, HealthResponse } from '@campus/shared';
import { call, startServerProcess, type ServerProcess } from '../support/server-process';
import { setUpExam, start, studentToken } from '../support/exam-setup';
import { mariadb, sandboxDir, until } from '../support/mariadb-sandbox';

/**
 * pnpm test:replica — a throwaway primary (3315) and its binlog replica (3316), GTID replication set
 * up here, and the real server pointed at both (DATABASE_URL + DATABASE_REPLICA_URLS). Where a read
 * went is observed, not assumed: the replica holds one row the primary does not (a college renamed
 * on the replica only), and its Com_select counter shows whether a request read there at all.
 */
const DB = 'campus_replica';
const PORT = 3542;
const dir = sandboxDir();
const primary = mariadb(dir, 'primary', 3315, [
  '--server-id=1',
  '--log-bin=primary-bin',
  '--binlog-format=ROW',
  '--gtid-strict-mode=ON',
]);
const replica = mariadb(dir, 'replica', 3316, ['--server-id=2', '--read-only=ON', '--gtid-strict-mode=ON']);
const ON_REPLICA_ONLY = '副本学院';
const measured: Record<string, unknown> = {};

async function comSelect(): Promise<number> {
  const rows = await replica.sql("SHOW GLOBAL STATUS LIKE 'Com_select'");
  return Number(rows[0]?.Value);
}

/** Blocks until the replica has applied everything the primary has written so far. */
async function caughtUp(): Promise<void> {
  const [row] = await primary.sql('SELECT @@gtid_binlog_pos AS pos');
  const [waited] = await replica.sql(`SELECT MASTER_GTID_WAIT('${String(row!.pos)}', 20) AS r`);
  if (Number(waited!.r) !== 0) throw new Error('the replica did not catch up within 20 s');
}

describe('a read replica', () => {
  let server: ServerProcess;
  let admin: string;
  let examId: number;
  let usernames: string[];
  let collegeId: number;
  let collegeName: string;

  const health = async () => (await call<HealthResponse>(server.url, 'GET', '/health')).body;
  const replicaState = async () => (await health()).replicas?.[0];
  const awarenessNames = async () => {
    const res = await call<AwarenessReport>(server.url, 'GET', `/stats/awareness?examId=${examId}`, admin);
    expect(res.status).toBe(200);
    return { names: res.body.rows.map((r) => r.name), ms: res.ms };
  };

  beforeAll(async () => {
    await Promise.all([primary.start(), replica.start()]);
    await replica.sql(
      "CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=3315, MASTER_USER='root', " +
        'MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1; START SLAVE',
    );
    await primary.sql(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await caughtUp();
    server = await startServerProcess(PORT, {
      DATABASE_URL: primary.url(DB),
      DATABASE_REPLICA_URLS: replica.url(DB),
      DATABASE_REPLICA_MAX_LAG_S: '2',
      AUTH_SECRET: 'replica-test-secret-that-is-long-enough-0000',
    });
    // Migrations on a fresh database can outlast startServerProcess's own wait on a busy machine.
    await until('the server to answer', async () => (await call(server.url, 'GET', '/health')).status === 200, 120_000);
    ({ admin, examId, usernames } = await setUpExam(server.url, 6));
    const [college] = await primary.sql(
      `SELECT c.id, c.name FROM ${DB}.college c JOIN ${DB}.school_class k ON k.college_id = c.id
       JOIN ${DB}.user u ON u.class_id = k.id WHERE u.username = '${usernames[0]}'`,
    );
    collegeId = Number(college!.id);
    collegeName = String(college!.name);
    await caughtUp();
    // The marker: on the replica only (not written to its binlog; nothing replicates it back).
    await replica.sql(
      `SET SESSION sql_log_bin = 0; UPDATE ${DB}.college SET name = '${ON_REPLICA_ONLY}' WHERE id = ${collegeId}`,
    );
    await until('the server to see its replica', async () => (await replicaState())?.state === 'ok', 60_000);
  }, 180_000);

  afterAll(async () => {
    await (server as ServerProcess | undefined)?.stop();
    await Promise.all([replica.stop(), primary.stop()]);
    console.log(`replica test measured: ${JSON.stringify(measured)}`);
  });

  it('serves start, save, submit and review from the primary only, and statistics, exports and reports from the replica', async () => {
    const before = await comSelect();
    for (const username of usernames.slice(0, 3)) {
      const token = await studentToken(server.url, username);
      const started = await start(server.url, token, examId);
      expect(started.status).toBe(200);
      const session: AttemptSession = started.body;
      for (const q of session.questions.slice(0, 5)) {
        const saved = await call(server.url, 'PUT', `/attempts/${session.attemptId}/answers/${q.id}`, token, {
          answer: [q.options[0]!.key],
        });
        expect(saved.status).toBe(204);
      }
      expect((await call(server.url, 'POST', `/attempts/${session.attemptId}/submit`, token)).status).toBe(200);
      expect((await call(server.url, 'GET', `/attempts/${session.attemptId}`, token)).status).toBe(200);
      // Answers written a moment ago are read back from the primary: resuming shows every one.
      const again = await start(server.url, token, examId);
      expect(again.status).toBe(200);
    }
    expect(await comSelect()).toBe(before);

    // Statistics: the college's name is the replica's own.
    const stats = await awarenessNames();
    expect(stats.names).toContain(ON_REPLICA_ONLY);
    expect(stats.names).not.toContain(collegeName);
    // A route that is not a report reads the primary.
    const colleges = await call<Array<{ id: number; name: string }>>(server.url, 'GET', '/colleges', admin);
    expect(colleges.body.find((c) => c.id === collegeId)?.name).toBe(collegeName);

    // Exports and reports: each reads on the replica.
    for (const path of [
      `/stats/awareness/export?examId=${examId}`,
      `/stats/not-passed?examId=${examId}`,
      `/stats/fraud-types?examId=${examId}`,
      `/exams/${examId}/results/export`,
      '/weekly-reports',
      '/report-periods',
    ]) {
      const counted = await comSelect();
      const res = await fetch(`${server.url}/api${path}`, { headers: { authorization: `Bearer ${admin}` } });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, readOnReplica: (await comSelect()) > counted }).toEqual({ path, readOnReplica: true });
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/db_replica_up\{replica="replica-1"\} 1/);
    expect(Number(/db_replica_reads_total\{replica="replica-1"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThan(0);
  }, 120_000);

  it('shows the admin how far the replica is behind, and stops reading from it past DATABASE_REPLICA_MAX_LAG_S', async () => {
    await replica.sql('STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 6; START SLAVE');
    await primary.sql(
      'CREATE DATABASE lag_probe; CREATE TABLE lag_probe.t (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME(3))',
    );
    const probe = { writing: true };
    const writer = (async () => {
      while (probe.writing) {
        await primary.sql('INSERT INTO lag_probe.t (at) VALUES (NOW(3))');
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    try {
      let maxLag = 0;
      await until(
        'the replica to show as lagging',
        async () => {
          const state = await replicaState();
          maxLag = Math.max(maxLag, state?.lagSeconds ?? 0);
          return state?.state === 'lagging';
        },
        30_000,
      );
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const lag = Number(/db_replica_lag_seconds\{replica="replica-1"\} (\d+)/.exec(metrics)?.[1]);
      expect(lag).toBeGreaterThan(2);
      expect(metrics).toMatch(/db_replica_up\{replica="replica-1"\} 0/);
      // Too far behind: statistics read the primary meanwhile.
      expect((await awarenessNames()).names).toContain(collegeName);
      measured.lagSecondsSeen = Math.max(maxLag, lag);
    } finally {
      probe.writing = false;
      await writer;
      await replica.sql('STOP SLAVE; CHANGE MASTER TO MASTER_DELAY = 0; START SLAVE');
    }
    measured.secondsToCatchUp =
      (await until('the replica to catch up', async () => (await replicaState())?.state === 'ok', 30_000)) / 1000;
    expect((await awarenessNames()).names).toContain(ON_REPLICA_ONLY);
  }, 90_000);

  it('falls back to the primary at once when the replica stops, and goes back to it when it returns', async () => {
    await replica.stop();
    // Before the next status check notices: the first reads find the replica gone and use the primary.
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { names, ms } = await awarenessNames();
      expect(names).toContain(collegeName);
      times.push(Math.round(ms));
    }
    const exported = await fetch(`${server.url}/api/stats/awareness/export?examId=${examId}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(exported.status).toBe(200);
    measured.readMsWithReplicaStopped = times;
    expect(Math.max(...times)).toBeLessThan(2000);
    await until('the replica to show as down', async () => (await replicaState())?.state === 'down', 10_000);
    const res = await call<HealthResponse>(server.url, 'GET', '/health');
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    measured.fallbacks = Number(/db_replica_fallbacks_total (\d+)/.exec(metrics)?.[1]);

    await replica.start();
    measured.secondsBackOnReplica =
      (await until('the replica to be used again', async () => (await replicaState())?.state === 'ok', 30_000)) / 1000;
    expect((await awarenessNames()).names).toContain(ON_REPLICA_ONLY);
  }, 120_000);
});
