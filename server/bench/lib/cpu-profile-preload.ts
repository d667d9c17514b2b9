/**
 * Preloaded into the server by `pnpm bench:examday --server-cpu-prof FILE`: the first SIGWINCH
 * starts V8's sampling profiler (1 ms), the second writes the profile (a Chrome .cpuprofile, open it
 * in DevTools or summarise it with bench/lib/cpu-profile-summary.ts) to BENCH_CPU_PROFILE. Only the
 * open-loop part of the bench is profiled, not the start-up or the roster import.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const target = process.env.BENCH_CPU_PROFILE;
if (target) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGWINCH', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')),
      );
      return;
    }
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      writeFileSync(`${target}.tmp`, JSON.stringify(result.profile));
      renameSync(`${target}.tmp`, target);
    });
  });
}
