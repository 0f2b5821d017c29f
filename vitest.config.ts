import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['src/testing/postgres-global-setup.ts'],
    // Property tests print their seed on failure; FC_SEED=<seed> replays one.
    setupFiles: ['src/testing/fast-check-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
