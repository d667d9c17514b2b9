// One ESLint configuration for the monorepo: typed rules for every TypeScript package, Vue rules for
// the web app. Formatting is Prettier's job (`pnpm format:check`), so no stylistic rules live here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const typedRules = {
  // The rules that catch real defects in async server code: a promise nobody awaits loses its error,
  // a promise passed where a callback is expected runs unobserved, and a switch over a union that
  // misses a member silently does nothing for it.
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
  '@typescript-eslint/no-explicit-any': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
  '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
  '@typescript-eslint/no-unnecessary-condition': 'error',
  // `text.trim() || null` deliberately turns an empty string into "none"; for objects `??` is right.
  '@typescript-eslint/prefer-nullish-coalescing': [
    'error',
    { ignorePrimitives: { string: true, boolean: true, number: true }, ignoreTernaryTests: true },
  ],
  '@typescript-eslint/no-non-null-assertion': 'off', // noUncheckedIndexedAccess makes `!` the honest way to say "checked above"
  // In-memory implementations of async interfaces (throttle stores, caches) are async without awaiting;
  // the rule that catches real mistakes with promises is no-floating-promises.
  '@typescript-eslint/require-await': 'off',
  '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
  // `x != null` is the one idiom for "neither null nor undefined".
  eqeqeq: ['error', 'always', { null: 'ignore' }],
  'no-console': 'off',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/build/**',
      '**/coverage/**',
      'data/**',
      'e2e/output/**',
      'server/test-data/**',
      'web/src/auto-imports.d.ts',
      'web/src/components.d.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['shared/**/*.ts', 'server/**/*.ts', 'web/**/*.ts', 'web/**/*.vue'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
      },
    },
    rules: typedRules,
  },
  {
    // Jest's asymmetric matchers (`expect.any(Number)`, `expect.stringContaining(...)`) are typed `any`.
    files: ['**/*.spec.ts', 'server/test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['server/jest*.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      // Nest's module classes are empty by design; their decorators are the content.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['web/**/*.vue'],
    extends: [...vue.configs['flat/recommended']],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
      globals: { ...globals.browser },
    },
    rules: {
      // Prettier owns layout, including inside templates.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      // Stems and articles are rendered as text; the one place that renders sanitised HTML says so.
      'vue/no-v-html': 'error',
    },
  },
  {
    files: ['e2e/**/*.mjs', 'server/**/*.mjs', '*.mjs', 'web/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Browser tests run code inside the page (page.evaluate), where the browser's globals exist.
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
