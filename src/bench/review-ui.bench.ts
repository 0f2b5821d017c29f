/**
 * Suite `reviewui`: the reviewer's workbench in Debian's Chromium against the real server (a
 * production build with the plot test API) on a workspace made from ptbxl.jsonl:
 * - keypress A to the next sample fully drawn (its record's traces drawn and painted), over 100
 *   samples whose records are in ../shared, each pass saved on the way; goal p95 <= 50 ms;
 * - a queue of 6,500 items: rows in the page, and frame times while it scrolls end to end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../../playwright.config';
import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { openBenchmarkSource } from '../server/io/benchmark-files';
import { importSamples } from '../server/services/import/import-samples';
import { recordRoots } from '../server/services/records';
import { createReviewPass } from '../server/services/review-passes';
import { insertUser } from '../server/services/users';
import { startServer } from '../server/start-server';
import { openMigratedDatabase } from '../server/storage/open-database';
import { testConfig } from '../testing/api-harness';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const benchmarkFile = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');

/** Measured keypresses, after warm-up ones. */
const PRESSES = 100;
const WARMUP_PRESSES = 5;
/** A fast reviewer's look at each sample before A (the next samples are fetched meanwhile). */
const THINK_MS = 300;
const QUEUE_ITEMS = 6_500;
/** Scroll steps per frame: a fast wheel (8 rows) and a jump of most of a screen. */
const SCROLL_STEPS_PX = [240, 800];
const GOAL_P95_MS = 50;
/** Ids of the copies the bench adds (beyond the file's own ids). */
const KEYPRESS_ID_BASE = 900_000;
const QUEUE_ID_BASE = 100_000;

interface RawSample {
  metadata: { id: number; ecg_id: string; data_source: string };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Whether the records folder holds this PTB-XL ECG's 500 Hz record. */
function hasRecord(ecgId: string): boolean {
  const n = Number(ecgId);
  const folder = String(Math.floor(n / 1000) * 1000).padStart(5, '0');
  try {
    readFileSync(
      path.join(recordsDir, 'records500', folder, `${String(n).padStart(5, '0')}_hr.hea`),
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * The workspace file: the real samples, copies of those with records (ids from 900000, cycling
 * through the ECGs so no two neighbours share a record), and copies up to 6,500 for the queue.
 */
function workspaceFile(dir: string) {
  const lines = readFileSync(benchmarkFile, 'utf8').split('\n').filter(Boolean);
  const parsed = lines.map((line) => JSON.parse(line) as RawSample);
  const byEcg = new Map<string, RawSample>();
  for (const s of parsed)
    if (!byEcg.has(s.metadata.ecg_id) && hasRecord(s.metadata.ecg_id))
      byEcg.set(s.metadata.ecg_id, s);
  const withRecords = [...byEcg.values()];
  const keypress = Array.from({ length: PRESSES + WARMUP_PRESSES + 1 }, (_, i) => {
    const base = withRecords[i % withRecords.length]!;
    return { ...base, metadata: { ...base.metadata, id: KEYPRESS_ID_BASE + i } };
  });
  const queue = Array.from({ length: QUEUE_ITEMS }, (_, i) => {
    const base = parsed[i % parsed.length]!;
    return { ...base, metadata: { ...base.metadata, id: QUEUE_ID_BASE + i } };
  });
  const file = path.join(dir, 'bench-review.jsonl');
  writeFileSync(
    file,
    [...parsed, ...keypress, ...queue].map((s) => JSON.stringify(s)).join('\n') + '\n',
  );
  return { file, keypress, queue, ecgs: withRecords.length };
}

/** The record name a PTB-XL ECG's 500 Hz record draws under. */
const recordName = (ecgId: string) => `${String(Number(ecgId)).padStart(5, '0')}_hr`;

/** What the in-page code below uses of the browser (this file compiles without the DOM types). */
interface PageElement {
  scrollTop: number;
  readonly clientHeight: number;
  readonly scrollHeight: number;
  querySelectorAll(selector: string): { readonly length: number };
}
interface PageGlobals {
  readonly __ECG_PLOT__?: {
    getState(): { readonly recordName: string; readonly draws: { readonly traces: number } };
  };
  readonly document: { querySelector(selector: string): PageElement | null };
  addEventListener(
    type: 'keydown',
    listener: (e: { readonly timeStamp: number }) => void,
    options: { capture: boolean; once: boolean },
  ): void;
  requestAnimationFrame(callback: (timeMs: number) => void): number;
  setTimeout(callback: () => void, ms: number): number;
}

/** The in-page memory of one timed press. */
interface PressWatch {
  done: Promise<number>;
}

/**
 * Presses A and resolves with the ms from the key event (its timeStamp) to the end of the first
 * animation frame whose plot shows `expected`'s traces drawn: a timer set in each frame's
 * animation callback runs after that frame's style, layout and paint. All of it is timed in the
 * page, by a watcher in place before the key is sent, so the test driver's round trips are not in
 * the figure and no frame is missed.
 */
async function pressAndTime(page: Page, expected: string): Promise<number> {
  await page.evaluate((name) => {
    const g = globalThis as unknown as PageGlobals & { __press?: PressWatch };
    const tracesAtStart = () => g.__ECG_PLOT__?.getState().draws.traces ?? 0;
    let api = g.__ECG_PLOT__;
    let tracesBefore = tracesAtStart();
    g.__press = {
      done: new Promise<number>((resolve, reject) => {
        g.addEventListener(
          'keydown',
          (e) => {
            const t0 = e.timeStamp;
            const check = () => {
              const now = g.__ECG_PLOT__;
              if (now !== api) {
                // The plot was mounted anew: its draws count from zero.
                api = now;
                tracesBefore = 0;
              }
              const s = now?.getState();
              if (s && s.recordName !== name) tracesBefore = s.draws.traces;
              else if (s && s.draws.traces > tracesBefore) {
                resolve(performance.now() - t0);
                return;
              }
              if (performance.now() - t0 > 10_000) reject(new Error(`${name} not drawn in 10 s`));
              else g.requestAnimationFrame(() => g.setTimeout(check, 0));
            };
            g.requestAnimationFrame(() => g.setTimeout(check, 0));
          },
          { capture: true, once: true },
        );
      }),
    };
  }, expected);
  await page.keyboard.press('a');
  return page.evaluate(() => (globalThis as unknown as { __press: PressWatch }).__press.done);
}

/** Scrolls the queue end to end `stepPx` per frame: the frame intervals (ms), rows in the page. */
function scrollQueue(page: Page, stepPx: number): Promise<{ frames: number[]; maxRows: number }> {
  return page.evaluate(
    (px) =>
      new Promise<{ frames: number[]; maxRows: number }>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const list = g.document.querySelector('[data-testid="queue-list"]')!;
        const frames: number[] = [];
        let maxRows = 0;
        let last = 0;
        const step = (t: number) => {
          frames.push(t - last);
          last = t;
          maxRows = Math.max(maxRows, list.querySelectorAll('[role="option"]').length);
          if (list.scrollTop + list.clientHeight >= list.scrollHeight - 1) {
            resolve({ frames, maxRows });
            return;
          }
          list.scrollTop += px;
          g.requestAnimationFrame(step);
        };
        list.scrollTop = 0;
        g.requestAnimationFrame((t) => {
          last = t;
          list.scrollTop += px;
          g.requestAnimationFrame(step);
        });
      }),
    stepPx,
  );
}

/** Suite `reviewui` (see the file's comment). */
export const reviewUiSuite: BenchSuite = {
  name: 'reviewui',
  async run() {
    const root = mkdtempSync(path.join(tmpdir(), 'review-ui-bench-'));
    const outDir = path.join(root, 'dist');
    const dataDir = path.join(root, 'data');
    process.env['VITE_PLOT_TEST_API'] = '1';
    // REVIEWUI_BENCH_PROFILE=<file.cpuprofile>: an unminified build, and a CPU profile of the
    // presses, to find where their time goes.
    const profileFile = process.env['REVIEWUI_BENCH_PROFILE'];
    await build({
      root: repoRoot,
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, ...(profileFile ? { minify: false } : {}) },
    });
    const made = workspaceFile(root);
    const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
    let passes: { keypress: string; queue: string };
    let token: string;
    try {
      const source = await openBenchmarkSource(made.file);
      const report = await importSamples(storage.db, source.batches, {
        fileName: 'bench-review.jsonl',
        roots: recordRoots({ recordsDir, dataDir }),
        actor: null,
      });
      if (report.outcome !== 'imported') throw new Error('bench reviewui: the import was refused');
      const curator = await insertUser(storage.db, null, {
        username: 'curator',
        role: 'curator',
        passwordHash: 'x',
      });
      const reviewer = await insertUser(storage.db, null, {
        username: 'reviewer',
        role: 'reviewer',
        passwordHash: 'x',
      });
      const pass = (name: string, refs: string[]) =>
        createReviewPass(storage.db, curator, {
          name,
          description: '',
          filter: {},
          samples: refs,
          mode: 'single',
          reviewerIds: [reviewer.id],
        });
      passes = {
        keypress: (
          await pass(
            'keypress',
            made.keypress.map((s) => `ptbxl:${s.metadata.id}`),
          )
        ).id,
        queue: (
          await pass(
            'queue',
            made.queue.map((s) => `ptbxl:${s.metadata.id}`),
          )
        ).id,
      };
      token = (await createSession(storage.db, reviewer.id)).token;
    } finally {
      await storage.close();
    }

    const server = await startServer(
      { ...testConfig(dataDir, undefined), recordsDir, port: 0 },
      () => {},
      outDir,
    );
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      await context.addCookies([{ name: SESSION_COOKIE, value: token, url: base }]);
      // tsx keeps function names with a __name helper, which the page code below would call.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();

      // Keypress A to the next sample drawn.
      const ids = made.keypress;
      const queue = (await (
        await context.request.get(`${base}/api/review-passes/${passes.keypress}/queue`)
      ).json()) as { items: { sampleId: string; ref: string }[] };
      await page.goto(`${base}/review/${passes.keypress}/samples/${queue.items[0]!.sampleId}`);
      const first = recordName(ids[0]!.metadata.ecg_id);
      await page.waitForFunction(
        (name) =>
          (globalThis as unknown as PageGlobals).__ECG_PLOT__?.getState().recordName === name,
        first,
        { timeout: 60_000 },
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const threadMs = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
      };
      const times: number[] = [];
      const cpu: number[] = [];
      const loadBefore = os.loadavg()[0]!;
      const traceFile = process.env['REVIEWUI_BENCH_TRACE'];
      if (traceFile) await browser.startTracing(page, { path: traceFile, screenshots: false });
      if (profileFile) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      for (let i = 1; i <= PRESSES + WARMUP_PRESSES; i++) {
        await page.waitForTimeout(THINK_MS);
        const cpuStart = await threadMs();
        const ms = await pressAndTime(page, recordName(ids[i]!.metadata.ecg_id));
        const cpuMs = (await threadMs()) - cpuStart;
        if (i > WARMUP_PRESSES) {
          times.push(ms);
          cpu.push(cpuMs);
        }
      }
      const loadAfter = os.loadavg()[0]!;
      if (traceFile) await browser.stopTracing();
      if (profileFile) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(profileFile, JSON.stringify(profile));
      }
      const saved = (await (
        await context.request.get(`${base}/api/review-passes/${passes.keypress}/progress`)
      ).json()) as { reviewers: { done: number }[] };

      // The 6,500-item queue.
      await page.goto(`${base}/review/${passes.queue}`);
      await page.waitForSelector('[data-testid="queue-row"]', { timeout: 60_000 });
      const scrolls = [];
      for (const px of SCROLL_STEPS_PX) scrolls.push({ px, ...(await scrollQueue(page, px)) });
      const endStart = Date.now();
      await page.focus('[data-testid="queue-list"]');
      await page.keyboard.press('Home');
      await page.keyboard.press('End');
      await page.waitForFunction(
        (n) =>
          (globalThis as unknown as PageGlobals).document.querySelector(
            `[role="option"][aria-label^="${n}. "]`,
          ) !== null,
        QUEUE_ITEMS,
      );
      const endMs = Date.now() - endStart;

      const p95 = quantile(times, 0.95);
      return {
        keypressToNextSampleDrawn: {
          presses: times.length,
          recordsCycled: made.ecgs,
          thinkMsBetweenPresses: THINK_MS,
          medianMs: round(median(times)),
          p95Ms: round(p95),
          maxMs: round(Math.max(...times)),
          mainThreadCpuMedianMs: round(median(cpu)),
          mainThreadCpuP95Ms: round(quantile(cpu, 0.95)),
          loadAverage1Min: [round(loadBefore), round(loadAfter)],
          cores: os.cpus().length,
          verdictsSaved: saved.reviewers[0]?.done ?? 0,
          goal: `p95 <= ${GOAL_P95_MS} ms`,
          met: p95 <= GOAL_P95_MS,
        },
        queue6500: {
          items: QUEUE_ITEMS,
          scrolls: scrolls.map((sc) => ({
            pxPerFrame: sc.px,
            rowsInPageMax: sc.maxRows,
            frames: sc.frames.length,
            frameMedianMs: round(median(sc.frames)),
            frameP95Ms: round(quantile(sc.frames, 0.95)),
            frameMaxMs: round(Math.max(...sc.frames)),
            framesOver20Ms: sc.frames.filter((ms) => ms > 20).length,
          })),
          endKeyToLastRowMs: endMs,
        },
        note: "Chromium --disable-gpu, production build with the plot test API, the real server on SQLite. Keypress: from the A key event (its timeStamp) to the end of the first animation frame after the key in which the plot shows the next record drawn (scene layer draw count up, record name the next sample's), timed in the page by a timer set in each frame's animation callback (it runs after that frame's style, layout and paint); the verdict PUT runs meanwhile. The next samples (sample, record, pre-flags, own verdict) are fetched ahead while the reviewer looks at one. CPU: the renderer main thread's CPU time (CDP ThreadTime) from before the key to the check that saw the draw (includes the checks themselves and work for the samples fetched ahead). Queue: scrolled top to bottom a fixed number of px per animation frame; frame = interval between animation frames.",
      };
    } finally {
      await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    }
  },
};
