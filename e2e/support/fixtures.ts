/** Playwright fixtures: one real server per worker, a signed-in page, sample ids by number. */
import { test as base, expect, type Page } from '@playwright/test';
import { SampleListResponseSchema } from '../../src/schemas/api/samples';
import type { PlotTestState } from '../../src/plot/test-api';
import { startE2eServer, type E2eServer } from './server';

interface WorkerFixtures {
  server: E2eServer;
  sampleIds: Map<number, string>;
}

/** Tests get a page signed in as the server's admin, on the server's base URL. */
export const test = base.extend<object, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures destructure their first argument.
    async ({}, use) => {
      const server = await startE2eServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker', timeout: 600_000 },
  ],
  sampleIds: [
    async ({ server, playwright }, use) => {
      const api = await playwright.request.newContext({
        baseURL: server.baseURL,
        extraHTTPHeaders: { origin: server.baseURL },
      });
      expect(
        (
          await api.post('/api/session', {
            data: { username: server.username, password: server.password },
          })
        ).status(),
      ).toBe(200);
      const ids = new Map<number, string>();
      let cursor: string | null = null;
      do {
        const page = SampleListResponseSchema.parse(
          await (
            await api.get(
              `/api/samples?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
            )
          ).json(),
        );
        for (const item of page.items) ids.set(item.metadata.id, item.id);
        cursor = page.nextCursor;
      } while (cursor);
      await api.dispose();
      await use(ids);
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ server }, use) => use(server.baseURL),
  page: async ({ page, server }, use) => {
    const res = await page.request.post('/api/session', {
      data: { username: server.username, password: server.password },
      headers: { origin: server.baseURL },
    });
    expect(res.status(), await res.text()).toBe(200);
    await use(page);
  },
});

export { expect };

/** Opens a sample by its numeric benchmark id and waits for the plot (or the record message). */
export async function openSample(
  page: Page,
  ids: Map<number, string>,
  id: number,
  opts: { expectPlot?: boolean } = {},
): Promise<void> {
  const publicId = ids.get(id);
  if (!publicId) throw new Error(`sample ${id} was not imported`);
  await page.goto(`/samples/${publicId}`);
  await expect(page.getByTestId('sample-view')).toBeVisible({ timeout: 30_000 });
  if (opts.expectPlot !== false)
    await page.waitForFunction(
      () => (window.__ECG_PLOT__?.getState().cells.length ?? 0) > 0,
      null,
      { timeout: 30_000 },
    );
}

/** The plot's state through its in-page test API. */
export function plotState(page: Page): Promise<PlotTestState> {
  return page.evaluate(() => window.__ECG_PLOT__!.getState());
}
