import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The folder of material from outside the project (Moodle's test fixtures, the campus systems'
 * API document), given by INTEROP_DIR: it holds `fixtures/` and `docs/`. Only `pnpm test:interop`
 * reads it; `pnpm test` never leaves the repository.
 */
export function interopPath(...parts: string[]): string {
  const dir = process.env.INTEROP_DIR;
  if (!dir) throw new Error('INTEROP_DIR is not set: point it at the folder that holds fixtures/ and docs/');
  return join(dir, ...parts);
}

export const moodleFixtureBytes = (name: string): Buffer => readFileSync(interopPath('fixtures', 'moodle', name));
export const moodleFixture = (name: string): string => moodleFixtureBytes(name).toString('utf8');
