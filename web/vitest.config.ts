import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit tests of the web's logic that needs no browser layout (the answer outbox, the HTTP client);
// pages are tested in Chromium by e2e/. The aliases are those of vite.config.ts.
export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@campus/shared': fileURLToPath(new URL('../shared/src/index.ts', import.meta.url)),
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.spec.ts'],
    restoreMocks: true,
  },
});
