import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { build, preview } from 'vite';
import { chromiumLaunchOptions } from '../../playwright.config';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ecgDir = path.resolve(repoRoot, '../shared/data/ecg');
/** The two records: a real 12 x 5000 PTB-XL record and the 30-minute two-lead MIT-BIH 100. */
const RECORDS = [
  {
    name: 'ptbxl-00338-12x5000',
    dir: path.join(ecgDir, 'ptbxl/records500/00000'),
    record: '00338_hr',
    files: ['00338_hr.dat'],
    startZoom: 2,
  },
  {
    name: 'mitbih-100-2x650000',
    dir: path.join(ecgDir, 'wfdb-python/sample-data'),
    record: '100',
    files: ['100.dat'],
    startZoom: 0.05,
  },
] as const;
/** Repeated runs per drawer and record (medians over them), frames per run (half pans, half zooms). */
const RUNS = Number(process.env['PLOT_BENCH_RUNS'] ?? 7);
const FRAMES = 60;
const FRAME_BUDGET_MS = 16.7;
/** Frames that draw nothing, to measure the measurement's own CPU overhead. */
const IDLE_FRAMES = 30;

type Drawer = 'ours' | 'raw' | 'uplot';

/** One run's timings in ms: main-thread CPU (CDP ThreadTime) and the page's synchronous wall time. */
interface Run {
  firstDrawCpuMs: number;
  firstDrawWallMs: number;
  frameCpuMs: number[];
  frameWallMs: number[];
  frameHeapDeltaBytes: number[];
}

/** The bench page's API (src/plot/bench/plot-bench-page.tsx), as seen from Node. */
interface BenchPage {
  __PLOT_BENCH__?: {
    load(
      files: Record<string, string>,
      recordName: string,
    ): {
      nSamples: number;
      leads: number;
      stage: { width: number; height: number };
      dpr: number;
    };
    mount(drawer: Drawer, startZoom: number, frames: number): Promise<number>;
    traceDraws(): number;
    frame(i: number): Promise<number>;
    idle(): Promise<number>;
    unmount(): void;
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Main-thread CPU time (ms) and JS heap in use (bytes) of the page's renderer, from CDP. */
async function threadMs(cdp: CDPSession): Promise<{ cpuMs: number; heapBytes: number }> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const t = metrics.find((m) => m.name === 'ThreadTime');
  if (!t) throw new Error('bench plot: Chromium reports no ThreadTime metric');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  return { cpuMs: t.value * 1000, heapBytes: heap };
}

/**
 * Runs one page step, returning its main-thread CPU ms, the wall ms the page measured, and the
 * change in JS heap in use (a large drop means a garbage collection ran inside the step).
 */
async function measured(cdp: CDPSession, step: () => Promise<number>) {
  const before = await threadMs(cdp);
  const wallMs = await step();
  const after = await threadMs(cdp);
  return {
    cpuMs: after.cpuMs - before.cpuMs,
    wallMs,
    heapDeltaBytes: after.heapBytes - before.heapBytes,
  };
}

async function oneRun(page: Page, cdp: CDPSession, drawer: Drawer, startZoom: number) {
  const first = await measured(cdp, () =>
    page.evaluate(
      ([d, z, n]) => (globalThis as unknown as BenchPage).__PLOT_BENCH__!.mount(d, z, n),
      [drawer, startZoom, FRAMES] as const,
    ),
  );
  if (drawer === 'ours') {
    const draws = await page.evaluate(() =>
      (globalThis as unknown as BenchPage).__PLOT_BENCH__!.traceDraws(),
    );
    if (draws !== 1)
      throw new Error(
        `bench plot: our plot drew its grid and traces ${draws} times on mount, not once`,
      );
  }
  const run: Run = {
    firstDrawCpuMs: first.cpuMs,
    firstDrawWallMs: first.wallMs,
    frameCpuMs: [],
    frameWallMs: [],
    frameHeapDeltaBytes: [],
  };
  for (let i = 0; i < FRAMES; i++) {
    const f = await measured(cdp, () =>
      page.evaluate((k) => (globalThis as unknown as BenchPage).__PLOT_BENCH__!.frame(k), i),
    );
    run.frameCpuMs.push(f.cpuMs);
    run.frameWallMs.push(f.wallMs);
    run.frameHeapDeltaBytes.push(f.heapDeltaBytes);
  }
  await page.evaluate(() => (globalThis as unknown as BenchPage).__PLOT_BENCH__!.unmount());
  return run;
}

function summarise(runs: Run[]) {
  const cpu = runs.flatMap((r) => r.frameCpuMs);
  const wall = runs.flatMap((r) => r.frameWallMs);
  return {
    firstDrawCpuMs: round(median(runs.map((r) => r.firstDrawCpuMs))),
    firstDrawWallMs: round(median(runs.map((r) => r.firstDrawWallMs))),
    // Our warm-up moves the canvas's second buffer from the first pan into the first draw; this
    // sum counts it once for every drawer, wherever each pays it.
    firstDrawAndFirstPanCpuMs: round(median(runs.map((r) => r.firstDrawCpuMs + r.frameCpuMs[0]!))),
    frameCpuMedianMs: round(median(cpu)),
    frameCpuP95Ms: round(quantile(cpu, 0.95)),
    frameCpuMaxMs: round(Math.max(...cpu)),
    framesOverBudget: `${cpu.filter((ms) => ms > FRAME_BUDGET_MS).length} of ${cpu.length}`,
    frameWallMedianMs: round(median(wall)),
    frameWallMaxMs: round(Math.max(...wall)),
  };
}

/**
 * Suite `plot`: in Debian's Chromium (production build of a bench page), our plot's first full
 * draw and the CPU time of each scripted pan/zoom frame, against a raw Canvas2D drawing with
 * the same decimation and against uPlot, interleaved in the same run on the same record.
 */
export const plotSuite: BenchSuite = {
  name: 'plot',
  async run() {
    const outDir = mkdtempSync(path.join(tmpdir(), 'plot-bench-'));
    const results: Record<string, unknown> = {};
    // The page reads the plot through its test API, which only builds that ask for it include.
    process.env['VITE_PLOT_TEST_API'] = '1';
    await build({
      root: repoRoot,
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: false,
        rollupOptions: { input: path.join(repoRoot, 'src/plot/bench/plot-bench.html') },
      },
    });
    const server = await preview({
      root: repoRoot,
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir },
      preview: { port: 0, host: '127.0.0.1' },
    });
    const url = server.resolvedUrls?.local[0];
    // --expose-gc: the page collects between runs, so one drawer's garbage is not the next one's frame.
    const browser = await chromium.launch({
      ...chromiumLaunchOptions,
      args: [...chromiumLaunchOptions.args, '--js-flags=--expose-gc'],
    });
    try {
      if (!url) throw new Error('bench plot: the preview server has no URL');
      const page = await browser.newPage({
        viewport: { width: 1300, height: 900 },
        deviceScaleFactor: 1,
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(new URL('src/plot/bench/plot-bench.html', url).toString());
      await page.waitForFunction(
        () => (globalThis as unknown as BenchPage).__PLOT_BENCH__ !== undefined,
      );
      for (const rec of RECORDS) {
        const files: Record<string, string> = {
          [`${rec.record}.hea`]: readFileSync(path.join(rec.dir, `${rec.record}.hea`)).toString(
            'base64',
          ),
        };
        for (const f of rec.files)
          files[f] = readFileSync(path.join(rec.dir, f)).toString('base64');
        const loaded = await page.evaluate(
          ([f, n]) => (globalThis as unknown as BenchPage).__PLOT_BENCH__!.load(f, n),
          [files, rec.record] as const,
        );
        const idle: number[] = [];
        for (let i = 0; i < IDLE_FRAMES; i++)
          idle.push(
            (
              await measured(cdp, () =>
                page.evaluate(() => (globalThis as unknown as BenchPage).__PLOT_BENCH__!.idle()),
              )
            ).cpuMs,
          );
        const runs: Record<Drawer, Run[]> = { ours: [], raw: [], uplot: [] };
        // One warm-up round, then interleaved rounds so machine load hits all three alike.
        for (let round_ = 0; round_ <= RUNS; round_++) {
          for (const drawer of ['ours', 'raw', 'uplot'] as const) {
            const run = await oneRun(page, cdp, drawer, rec.startZoom);
            if (round_ > 0) runs[drawer].push(run);
          }
        }
        // PLOT_BENCH_DUMP=<dir>: every frame's figures, to find which frames are slow and why.
        const dump = process.env['PLOT_BENCH_DUMP'];
        if (dump) writeFileSync(path.join(dump, `${rec.name}.json`), JSON.stringify(runs));
        const ours = summarise(runs.ours);
        const raw = summarise(runs.raw);
        const uplot = summarise(runs.uplot);
        const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
        const goals = {
          firstDrawVsUplot: {
            ratio: ratio(ours.firstDrawCpuMs, uplot.firstDrawCpuMs),
            goal: '<= 1.0 (median first-draw CPU)',
            met: ours.firstDrawCpuMs <= uplot.firstDrawCpuMs,
          },
          firstDrawVsRaw: {
            ratio: ratio(ours.firstDrawCpuMs, raw.firstDrawCpuMs),
            goal: '<= 1.2 (median first-draw CPU)',
            met: ours.firstDrawCpuMs <= 1.2 * raw.firstDrawCpuMs,
          },
          frameVsUplot: {
            ratio: ratio(ours.frameCpuMedianMs, uplot.frameCpuMedianMs),
            goal: '<= 1.0 (median frame CPU)',
            met: ours.frameCpuMedianMs <= uplot.frameCpuMedianMs,
          },
          frameVsRaw: { ratio: ratio(ours.frameCpuMedianMs, raw.frameCpuMedianMs), goal: 'none' },
          firstDrawAndFirstPanVsRaw: {
            ratio: ratio(ours.firstDrawAndFirstPanCpuMs, raw.firstDrawAndFirstPanCpuMs),
            goal: 'none (context for the first-draw goals)',
          },
          noFrameOverBudget: {
            maxCpuMs: ours.frameCpuMaxMs,
            goal: `every frame's CPU <= ${FRAME_BUDGET_MS} ms`,
            met: ours.frameCpuMaxMs <= FRAME_BUDGET_MS,
          },
        };
        results[rec.name] = {
          samples: loaded.nSamples,
          leads: loaded.leads,
          stage: loaded.stage,
          dpr: loaded.dpr,
          runs: RUNS,
          framesPerRun: FRAMES,
          measurementOverheadCpuMs: round(median(idle)),
          ours,
          raw,
          uplot,
          goals,
        };
      }
    } finally {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    }
    return {
      ...results,
      note: "Chromium --disable-gpu, layout 12x1. CPU = the renderer main thread's CPU time (CDP Performance ThreadTime) over one page step: the draw (ours through its store, as a wheel or drag does), a one-pixel readback of every canvas drawn, and the browser producing that frame; it includes the measurement's own overhead (measurementOverheadCpuMs). Wall = the page's synchronous draw + readback time, which machine load inflates. All three draw on a canvas of our stage's size, the same leads (those on screen), the same 1 mm grid rule and time span; raw uses our min/max decimation. Our first draw includes the toolbar and legend and the three frames after mounting, in one of which it rewrites one pixel so the browser allocates the canvas's second buffer there rather than in the first pan (raw and uPlot pay that in their first pan: firstDrawAndFirstPanCpuMs counts it for all three). Medians over runs (first draw) and over all frames.",
    };
  },
};
