const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

// Nest 12 and several of its dependencies ship ES modules only. Node 20 can require() them at run
// time, but Jest's module loader cannot until Node 24.9, so the tests compile those to CommonJS too.
// Which packages are ESM is read from the installed packages, so an upgrade needs no edit here.
function esmPackages() {
  const store = join(__dirname, '../node_modules/.pnpm');
  const names = new Set();
  for (const entry of readdirSync(store)) {
    const modules = join(store, entry, 'node_modules');
    let scopes;
    try {
      scopes = readdirSync(modules);
    } catch {
      continue;
    }
    for (const scope of scopes) {
      const pkgs = scope.startsWith('@') ? readdirSync(join(modules, scope)).map((p) => `${scope}/${p}`) : [scope];
      for (const name of pkgs) {
        try {
          if (JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).type === 'module') names.add(name);
        } catch {
          // not a package
        }
      }
    }
  }
  return [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

// Suites that need MySQL (the migration check) run only when DATABASE_URL points at one.
const mysqlOnly = process.env.DATABASE_URL ? [] : ['\\.mysql\\.spec\\.ts$'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '\\.spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', ...mysqlOnly],
  transform: { '^.+\\.(ts|js|mjs)$': ['@swc/jest', swc] },
  transformIgnorePatterns: [`^(?!.*/node_modules/(${esmPackages().join('|')})/).*/node_modules/`],
  moduleNameMapper: { '^@campus/shared$': '<rootDir>/../shared/src/index.ts' },
  testTimeout: 60000,
};
