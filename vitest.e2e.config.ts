import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built renderer in Debian's Chromium (browser mode) and, where
// its binary exists, the Electron app. They run one file at a time: each starts servers.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
