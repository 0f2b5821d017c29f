/**
 * The label workbench in Chromium against the real server (built app, demo ECGs, 20,000 more
 * ECGs in the worklist): keypress in the label editor to the updated screen with the plot on
 * screen (200 keypresses), the journal's IndexedDB write per edit, and the worklist's frame time
 * while scrolling the 20,000 and the demo ECGs' rows.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../playwright.config';
import { JOURNAL_WRITE_MEASURE } from '../lib/autosave/journal-timing';
import { seedDemoEcgsOnly } from '../server/services/demo-workspace-data';
import { DEMO_ECG_SPECS } from '../server/services/demo-workspace-data-ecgs';
import { createUser } from '../server/services/users';
import { newId, nowIso } from '../server/storage/ids';
import { openMigratedDatabase } from '../server/storage/open-database';
import { spawnServer } from '../testing/server-process';
import { makeTempDir } from '../testing/test-database';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const KEYPRESSES = 200;
const EXTRA_ECGS = 20_000;
const SCROLL_FRAMES = 300;
const USER = { username: 'bench-cardiologist', password: 'bench-password-123' };

const round = (ms: number) => Math.round(ms * 100) / 100;
const figures = (values: readonly number[]) => ({
  n: values.length,
  p50Ms: round(median(values)),
  p95Ms: round(quantile(values, 0.95)),
  maxMs: round(Math.max(...values)),
});

async function prepare(dataDir: string): Promise<void> {
  const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
  try {
    await seedDemoEcgsOnly(storage.db, dataDir);
    const now = nowIso();
    const rows = Array.from({ length: EXTRA_ECGS }, (_, i) => ({
      id: newId(),
      source: 'mimic_iv_ecg',
      ecg_id: String(40_000_000 + i),
      subject_id: null,
      path: null,
      metadata: null,
      created_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await storage.db
        .insertInto('ecg_records')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    await createUser(storage.db, null, { ...USER, role: 'cardiologist' });
  } finally {
    await storage.close();
  }
}

/**
 * The keydown-to-next-painted-frame timer, run in the page (a script text: Node's types have no
 * DOM). The handlers, and React's synchronous commit of a discrete event, run after this capture
 * listener; the frame after them is the updated screen, painted once the animation frame's
 * callbacks are done (the message after it).
 */
const KEY_TIMER = `
  window.__keyTimes = [];
  window.__handlerTimes = [];
  let start = 0;
  // The browser's Event Timing entries: from the key event to the end of its dispatch (every
  // handler, and React's commit in the microtasks after its listener). Chromium defers a task
  // posted from a key handler until the next frame, so a page timer cannot see this; entries
  // exist for events of 16 ms or more to the next paint, which is every key press here.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.name === 'keydown') window.__handlerTimes.push(e.processingEnd - e.startTime);
  }).observe({ type: 'event', durationThreshold: 16 });
  window.addEventListener('keydown', () => {
    start = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => window.__keyTimes.push(performance.now() - start);
      channel.port2.postMessage(null);
    });
  }, { capture: true });
`;

/** Scrolls the worklist a screen every 4 frames for `count` frames; the frame intervals (ms). */
const scrollScript = (count: number) => `(async () => {
  const el = document.querySelector('[data-testid="worklist-list"]');
  const out = [];
  let last = performance.now();
  for (let i = 0; i < ${count}; i++) {
    el.scrollTop += 240;
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const now = performance.now();
    out.push(now - last);
    last = now;
  }
  return out;
})()`;

/** Times `KEYPRESSES` presses on a page the key timer is installed in; the frame times (ms). */
async function timePresses(page: Page, keys: readonly [string, string]) {
  for (let i = 0; i < KEYPRESSES; i++) {
    await page.keyboard.press(keys[i % 2]!);
    await page.waitForFunction(`window.__keyTimes.length >= ${i + 2}`);
  }
  return {
    times: (await page.evaluate('window.__keyTimes.slice(1)')) as number[],
    handlers: (await page.evaluate('window.__handlerTimes.slice(1)')) as number[],
  };
}

async function keypressBench(page: Page) {
  await page.goto('/ecgs/ptbxl/90011');
  await page.getByTestId('label-editor').waitFor();
  await page.locator('canvas').first().waitFor();
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
  await page.evaluate(KEY_TIMER);
  // Conduction stays focused while its values are toggled: each press is one edit.
  await page.keyboard.press('n');
  const { times, handlers } = await timePresses(page, ['2', '3']);
  await page
    .locator('[data-testid="save-status"][data-state="saved"]')
    .waitFor({ timeout: 30_000 });
  const writes = (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(JOURNAL_WRITE_MEASURE)}).map((e) => e.duration)`,
  )) as number[];
  return {
    keypress: figures(times),
    keypressHandlersAndCommit: figures(handlers),
    journalWrite: figures(writes),
  };
}

/**
 * The reference: the same timer on a page with nothing but a focused text field, whose key
 * handling is the browser's own. What it measures is the browser's way to the next frame.
 */
async function bareKeypressBench(page: Page) {
  await page.setContent('<label>Reference <input id="ref" /></label>');
  await page.evaluate(KEY_TIMER);
  await page.focus('#ref');
  await page.keyboard.press('a');
  return figures((await timePresses(page, ['b', 'c'])).times);
}

async function scrollBench(page: Page) {
  await page.goto('/ecgs');
  const list = page.getByTestId('worklist-list');
  await list.waitFor();
  const rows = EXTRA_ECGS + DEMO_ECG_SPECS.length;
  await page
    .getByTestId('worklist-progress')
    .filter({ hasText: rows.toLocaleString('en-US') })
    .waitFor();
  const frames = (await page.evaluate(scrollScript(SCROLL_FRAMES))) as number[];
  return { rows, frameInterval: figures(frames.slice(1)) };
}

/** The label workbench in the browser. */
export const labelSuite: BenchSuite = {
  name: 'label',
  async run() {
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      {
        cwd: repoRoot,
        stdio: 'inherit',
      },
    );
    const loadBefore = loadavg()[0];
    const temp = makeTempDir('ecg-bench-label-');
    await prepare(temp.dir);
    const server = spawnServer({ DATA_DIR: temp.dir });
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const port = await server.ready;
      const baseURL = `http://127.0.0.1:${port}`;
      const context = await browser.newContext({
        baseURL,
        viewport: { width: 1600, height: 1000 },
        // The timers below are script texts (Node's types have no DOM); the app's CSP forbids eval.
        bypassCSP: true,
      });
      const login = await context.request.post('/api/session', {
        data: USER,
        headers: { origin: baseURL },
      });
      if (login.status() !== 200) throw new Error(`bench login: ${login.status()}`);
      const page = await context.newPage();
      const editor = await keypressBench(page);
      const worklist = await scrollBench(page);
      const reference = await bareKeypressBench(page);
      return {
        loadAverage: { before: loadBefore, after: loadavg()[0] },
        ...editor,
        keypressReferenceBarePage: reference,
        worklist,
        goals: {
          keypressP95Under16Ms: editor.keypress.p95Ms < 16,
          // The first frame after a key comes one refresh interval after it whatever the page
          // does: the bare page is the floor, and the editor's figure is read against it.
          keypressP95OverBarePage: round(editor.keypress.p95Ms / reference.p95Ms),
          journalWriteP95Under5Ms: editor.journalWrite.p95Ms < 5,
        },
      };
    } finally {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
      temp.remove();
    }
  },
};
