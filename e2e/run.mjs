// Browser tests: starts the built platform on a fresh embedded database with the demo school, then
// runs every spec in specs/ with Node's test runner against it in Chromium. Screenshots go to output/.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = mkdtempSync(join(tmpdir(), 'campus-e2e-'));
mkdirSync(join(here, 'output'), { recursive: true });

const server = spawn(process.execPath, [join(here, '../server/dist/main.js')], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

async function waitForHealth() {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy within 60 s');
}

let code;
try {
  await waitForHealth();
  // `node run.mjs 05 xss` runs only the specs whose file names contain one of the words.
  const only = process.argv.slice(2);
  const specs = readdirSync(join(here, 'specs'))
    .filter((f) => f.endsWith('.spec.mjs'))
    .filter((f) => only.length === 0 || only.some((word) => f.includes(word)))
    .sort()
    .map((f) => join(here, 'specs', f));
  const runner = spawn(process.execPath, ['--test', '--test-concurrency=1', ...specs], {
    env: { ...process.env, BASE_URL: `http://127.0.0.1:${port}` },
    stdio: 'inherit',
  });
  code = await new Promise((resolve) => runner.on('exit', (c) => resolve(c ?? 1)));
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(code);
