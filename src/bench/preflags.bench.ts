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
/** The goal: two cores check at least 1.6 times as many samples a second as one. */
const GOAL_SPEEDUP = 1.6;

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The ptbxl.jsonl samples whose records are in ../shared, as one job per record. */
function realJobs(): { jobs: PreflagJob[]; samples: number } {
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
async function timeRun(
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

/**
 * Suite `preflags`: pre-flag throughput (samples a second: each record read, verified and
 * measured, every rule run) of a worker pool of 2 against a pool of 1 on the same samples, the
 * real ptbxl.jsonl samples whose records are in ../shared; runs alternate so machine load hits
 * both alike, and the load average is reported beside the figures.
 */
export const preflagsSuite: BenchSuite = {
  name: 'preflags',
  async run() {
    const { jobs, samples } = realJobs();
    const one = new PreflagPool(1);
    const two = new PreflagPool(2);
    const loadBefore = os.loadavg();
    try {
      // Warm-up: every worker loads the code and runs the rules once before timing.
      await timeRun(one, jobs);
      await timeRun(two, jobs);
      const oneMs: number[] = [];
      const twoMs: number[] = [];
      const oneCpu: number[] = [];
      const twoCpu: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const a = await timeRun(one, jobs);
        const b = await timeRun(two, jobs);
        oneMs.push(a.wallMs);
        oneCpu.push(a.cpuMs);
        twoMs.push(b.wallMs);
        twoCpu.push(b.cpuMs);
      }
      const perRun = samples * COPIES;
      const oneRate = perRun / (median(oneMs) / 1000);
      const twoRate = perRun / (median(twoMs) / 1000);
      const speedup = twoRate / oneRate;
      return {
        samples,
        records: jobs.length,
        samplesPerRun: perRun,
        runs: RUNS,
        cores: os.availableParallelism(),
        oneWorkerSamplesPerS: round(oneRate, 1),
        twoWorkersSamplesPerS: round(twoRate, 1),
        oneWorkerRunsMs: oneMs.map((x) => round(x, 0)),
        twoWorkersRunsMs: twoMs.map((x) => round(x, 0)),
        speedup: round(speedup),
        // CPU a sample costs in each pool: equal figures mean two workers add no work of their own,
        // so a wall-clock speedup below 2 is cores taken by other processes.
        oneWorkerCpuMsPerSample: round(median(oneCpu) / perRun),
        twoWorkersCpuMsPerSample: round(median(twoCpu) / perRun),
        loadAverageBefore: loadBefore.map((x) => round(x)),
        loadAverageAfter: os.loadavg().map((x) => round(x)),
        goal: `2 workers >= ${GOAL_SPEEDUP}x one worker`,
        goalMet: speedup >= GOAL_SPEEDUP,
      };
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  },
};
