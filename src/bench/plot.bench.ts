import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
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
const RUNS = 7;
const FRAMES = 60;
const FRAME_BUDGET_MS = 16.7;

interface Run {
  firstDrawMs: number;
  frameMs: number[];
}

/** The bench page's API (src/plot/bench/plot-bench-page.tsx), as seen from Node. */
interface BenchPage {
  __PLOT_BENCH__?: {
    load(files: Record<string, string>, recordName: string): { nSamples: number; leads: number };
    ours(startZoom: number, frames: number): Run;
    raw(startZoom: number, frames: number): Run;
    uplot(startZoom: number, frames: number): Run;
  };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

function summarise(runs: Run[]) {
  const frames = runs.flatMap((r) => r.frameMs);
  return {
    firstDrawMs: round(median(runs.map((r) => r.firstDrawMs))),
    frameMedianMs: round(median(frames)),
    frameP95Ms: round(quantile(frames, 0.95)),
    frameMaxMs: round(Math.max(...frames)),
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
    const browser = await chromium.launch(chromiumLaunchOptions);
    try {
      if (!url) throw new Error('bench plot: the preview server has no URL');
      const page = await browser.newPage({
        viewport: { width: 1300, height: 900 },
        deviceScaleFactor: 1,
      });
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
        const runs: Record<'ours' | 'raw' | 'uplot', Run[]> = { ours: [], raw: [], uplot: [] };
        // One warm-up round, then interleaved rounds so machine load hits all three alike.
        for (let round_ = 0; round_ <= RUNS; round_++) {
          for (const drawer of ['ours', 'raw', 'uplot'] as const) {
            const run = await page.evaluate(
              ([d, z, n]) => (globalThis as unknown as BenchPage).__PLOT_BENCH__![d](z, n),
              [drawer, rec.startZoom, FRAMES] as const,
            );
            if (round_ > 0) runs[drawer].push(run);
          }
        }
        const ours = summarise(runs.ours);
        const raw = summarise(runs.raw);
        const uplot = summarise(runs.uplot);
        const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
        const goals = {
          firstDrawVsUplot: {
            ratio: ratio(ours.firstDrawMs, uplot.firstDrawMs),
            goal: '<= 1.0',
            met: ours.firstDrawMs <= uplot.firstDrawMs,
          },
          firstDrawVsRaw: {
            ratio: ratio(ours.firstDrawMs, raw.firstDrawMs),
            goal: '<= 1.2',
            met: ours.firstDrawMs <= 1.2 * raw.firstDrawMs,
          },
          frameVsUplot: {
            ratio: ratio(ours.frameMedianMs, uplot.frameMedianMs),
            goal: '<= 1.0 (median frame)',
            met: ours.frameMedianMs <= uplot.frameMedianMs,
          },
          noFrameOverBudget: {
            maxMs: ours.frameMaxMs,
            goal: `every frame <= ${FRAME_BUDGET_MS} ms`,
            met: ours.frameMaxMs <= FRAME_BUDGET_MS,
          },
        };
        results[rec.name] = {
          samples: loaded.nSamples,
          leads: loaded.leads,
          runs: RUNS,
          framesPerRun: FRAMES,
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
      note: 'Chromium --disable-gpu; every timing ends by reading one pixel back so raster is included; layout 12x1 (both leads of MIT-BIH 100); medians over runs (first draw) and over all frames.',
    };
  },
};
