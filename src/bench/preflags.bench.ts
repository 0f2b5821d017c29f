import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PreflagJob } from '../server/services/preflags/preflag-job';
import { PreflagPool } from '../server/services/preflags/preflag-pool';
import { candidateRecordPaths } from '../server/services/records';
import type { BenchmarkSample } from '../schemas/benchmark-sample';
import type { BenchSuite } from './suite';
import { median } from './suite';

const shared = path.resolve(import.meta.dirname, '../../../shared/data');
const benchmarkFile = path.join(shared, 'benchmark/ptbxl.jsonl');
const recordsDir = path.join(shared, 'ecg/ptbxl');
/** Each timed run checks the real samples this many times over (a few seconds on one core). */
const COPIES = 8;
const RUNS = 5;
/** The goal: two cores check at least 1.6 times as many samples a second as one core. */
const GOAL_SPEEDUP = 1.6;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The ptbxl.jsonl samples whose records are in ../shared, as one job per record. */
export function realJobs(): { jobs: PreflagJob[]; samples: number } {
  const byRecord = new Map<string, string[]>();
  for (const line of readFileSync(benchmarkFile, 'utf8').split('\n')) {
    if (!line) continue;
    const m = (JSON.parse(line) as BenchmarkSample).metadata;
    for (const relative of candidateRecordPaths(m.data_source, m.ecg_id, null)) {
      const base = path.join(recordsDir, relative);
      try {
        readFileSync(`${base}.hea`);
      } catch {
        continue;
      }
      byRecord.set(base, [...(byRecord.get(base) ?? []), line]);
      break;
    }
  }
  const jobs = [...byRecord].map(([recordBase, lines], id) => ({
    id,
    recordBase,
    missingNote: null,
    samples: lines.map((content, k) => ({ key: `${id}:${k}`, content })),
  }));
  return { jobs, samples: jobs.reduce((n, j) => n + j.samples.length, 0) };
}

/** Wall and CPU time (ms, CPU of every thread of the process) for the pool to check every job COPIES times over. */
export async function timeRun(
  pool: PreflagPool,
  jobs: readonly PreflagJob[],
): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const all: Promise<unknown>[] = [];
  for (let c = 0; c < COPIES; c++) for (const job of jobs) all.push(pool.run(job));
  await Promise.all(all);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** The first CPU this process may run on (Linux's Cpus_allowed_list), else 0. */
function firstAllowedCpu(): number {
  try {
    const list = /Cpus_allowed_list:\s*(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'));
    return list ? Number(list[1]) : 0;
  } catch {
    return 0;
  }
}

type Timing = { wallMs: number; cpuMs: number };

/**
 * The one-core reference: preflags-one-core.ts in a child process pinned to one CPU with
 * taskset, its own one-worker pool held across runs like the others; or why not, where taskset
 * cannot pin a process.
 */
async function startOneCore(): Promise<
  { run(): Promise<Timing>; close(): Promise<void> } | { unavailable: string }
> {
  const root = path.resolve(import.meta.dirname, '../..');
  const script = path.join(import.meta.dirname, 'preflags-one-core.ts');
  const child: ChildProcess = spawn(
    'taskset',
    ['-c', String(firstAllowedCpu()), process.execPath, '--import', 'tsx', script],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the one-core child exited (code ${code})`));
      child.once('error', reject);
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('error', reject);
        child.off('exit', onExit);
        resolve(m);
      });
    });
  try {
    await next();
  } catch (error) {
    child.kill();
    return { unavailable: `taskset could not pin a child to one core: ${String(error)}` };
  }
  return {
    run: () => {
      const answer = next() as Promise<Timing>;
      child.send('run');
      return answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send('stop');
      }),
  };
}

/**
 * Suite `preflags`: pre-flag throughput (samples a second: each record read, verified and
 * measured, every rule run) on the real ptbxl.jsonl samples whose records are in ../shared, for a
 * worker pool of 2 on both cores against the same pool of 1 confined to one core (the issue's
 * "2 cores against one core"), and against a pool of 1 free to use the second core for V8's
 * background threads; runs alternate so machine load hits all alike, and the load average is
 * reported beside the figures.
 */
export const preflagsSuite: BenchSuite = {
  name: 'preflags',
  async run() {
    const { jobs, samples } = realJobs();
    const one = new PreflagPool(1);
    const two = new PreflagPool(2);
    const oneCore = await startOneCore();
    const loadBefore = os.loadavg();
    try {
      // Warm-up: every worker loads the code and runs the rules before timing.
      await timeRun(one, jobs);
      await timeRun(two, jobs);
      if ('run' in oneCore) await oneCore.run();
      const times: Record<'one' | 'two' | 'oneCore', Timing[]> = { one: [], two: [], oneCore: [] };
      for (let r = 0; r < RUNS; r++) {
        times.one.push(await timeRun(one, jobs));
        times.two.push(await timeRun(two, jobs));
        if ('run' in oneCore) times.oneCore.push(await oneCore.run());
      }
      const perRun = samples * COPIES;
      const rate = (t: Timing[]) => perRun / (median(t.map((x) => x.wallMs)) / 1000);
      const cpuPerSample = (t: Timing[]) => round(median(t.map((x) => x.cpuMs)) / perRun);
      const wall = (t: Timing[]) => t.map((x) => round(x.wallMs, 0));
      const oneRate = rate(times.one);
      const twoRate = rate(times.two);
      const oneCoreRate = times.oneCore.length > 0 ? rate(times.oneCore) : null;
      const overOneCore = oneCoreRate === null ? null : twoRate / oneCoreRate;
      return {
        samples,
        records: jobs.length,
        samplesPerRun: perRun,
        runs: RUNS,
        cores: os.availableParallelism(),
        twoWorkersSamplesPerS: round(twoRate, 1),
        oneCoreSamplesPerS: oneCoreRate === null ? null : round(oneCoreRate, 1),
        oneWorkerSamplesPerS: round(oneRate, 1),
        twoWorkersRunsMs: wall(times.two),
        oneCoreRunsMs: wall(times.oneCore),
        oneWorkerRunsMs: wall(times.one),
        speedupOverOneCore: overOneCore === null ? null : round(overOneCore),
        // Two workers against one worker that has the second core for V8's background threads.
        speedupOverOneWorker: round(twoRate / oneRate),
        // CPU a sample costs (every thread of the process): one worker on two cores spends more
        // CPU than wall time; the pinned one cannot.
        twoWorkersCpuMsPerSample: cpuPerSample(times.two),
        oneCoreCpuMsPerSample: times.oneCore.length > 0 ? cpuPerSample(times.oneCore) : null,
        oneWorkerCpuMsPerSample: cpuPerSample(times.one),
        oneCoreUnavailable: 'unavailable' in oneCore ? oneCore.unavailable : null,
        loadAverageBefore: loadBefore.map((x) => round(x)),
        loadAverageAfter: os.loadavg().map((x) => round(x)),
        goal: `2 cores >= ${GOAL_SPEEDUP}x one core`,
        goalMet: overOneCore !== null && overOneCore >= GOAL_SPEEDUP,
      };
    } finally {
      await Promise.all([one.close(), two.close(), 'close' in oneCore ? oneCore.close() : null]);
    }
  },
};
