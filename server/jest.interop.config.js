// The interop suite: tests that read material from outside the repository (INTEROP_DIR), run by
// `pnpm test:interop` and by CI when that material is present. `pnpm test` never runs them.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/interop'],
  testRegex: '\\.interop\\.ts$',
  testPathIgnorePatterns: ['/node_modules/'],
};
