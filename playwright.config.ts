import { defineConfig } from '@playwright/test';

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

/** The e2e server's port (E2E_PORT, default 8090): separate checkouts can run e2e side by side. */
const e2ePort = Number(process.env['E2E_PORT'] ?? 8090);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: process.env['CI'] ? 'list' : 'line',
  use: {
    baseURL: process.env['E2E_BASE_URL'] ?? `http://127.0.0.1:${e2ePort}`,
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
          url: `http://127.0.0.1:${e2ePort}/`,
          timeout: 300_000,
          reuseExistingServer: !process.env['CI'],
          stdout: 'pipe' as const,
          gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
        },
      }),
});
