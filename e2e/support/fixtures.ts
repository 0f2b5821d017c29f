/**
 * Playwright fixtures over the shared e2e server (playwright.config webServer: the real server,
 * built app, real benchmark imported, RECORDS_DIR = ../shared PTB-XL): a page signed in as the
 * reviewer, and the sample public ids by their numeric benchmark id.
 */
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { PlotTestState } from '../../src/plot/test-api';
import { SampleListResponseSchema } from '../../src/schemas/api/samples';
import { loginAs } from './e2e-users';

interface WorkerFixtures {
  sampleIds: Map<number, string>;
}

/** Every sample id on the server now, in list order: numeric benchmark id -> public id. */
export async function listSampleIds(api: APIRequestContext): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  let cursor: string | null = null;
  do {
    const query = `/api/samples?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = SampleListResponseSchema.parse(await (await api.get(query)).json());
    for (const item of page.items) ids.set(item.metadata.id, item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** How many samples the server holds now (a page's signed-in request context). */
export async function countSamples(page: { request: APIRequestContext }): Promise<number> {
  return (await listSampleIds(page.request)).size;
}

/** Tests get a page signed in as the e2e reviewer. */
export const test = base.extend<object, WorkerFixtures>({
  sampleIds: [
    async ({ playwright }, use, workerInfo) => {
      const api = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      await loginAs(api, 'reviewer');
      const ids = await listSampleIds(api);
      await api.dispose();
      await use(ids);
    },
    { scope: 'worker' },
  ],
  page: async ({ page }, use) => {
    await loginAs(page.request, 'reviewer');
    await use(page);
  },
});

export { expect };

/** Opens a sample by its numeric benchmark id and waits for the plot (unless told not to). */
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
  if (opts.expectPlot !== false) {
    await page.waitForFunction(
      () => (window.__ECG_PLOT__?.getState().cells.length ?? 0) > 0,
      null,
      {
        timeout: 30_000,
      },
    );
  }
}

/** The plot's state through its in-page test API. */
export function plotState(page: Page): Promise<PlotTestState> {
  return page.evaluate(() => window.__ECG_PLOT__!.getState());
}
