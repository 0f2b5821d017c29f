import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_PORT } from './e2e/support/base-url';

/** Debian's Chromium: Playwright cannot download its own browser on this network. */
export const chromiumLaunchOptions = {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env['CI'] ? 'list' : 'line',
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: chromiumLaunchOptions,
    viewport: { width: 1600, height: 1000 },
    deviceScaleFactor: 1,
    screenshot: 'only-on-failure',
  },
  // The real server on a fresh workspace (e2e/support/e2e-server.ts), unless E2E_BASE_URL is set.
  ...(process.env['E2E_BASE_URL']
    ? {}
    : {
        webServer: {
          command: 'node --import tsx e2e/support/e2e-server.ts',
          url: `http://127.0.0.1:${E2E_PORT}/`,
          timeout: 300_000,
          reuseExistingServer: !process.env['CI'],
          stdout: 'pipe' as const,
          gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
        },
      }),
});
