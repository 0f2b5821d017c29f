/**
 * One unit of pre-flag work: the samples about one ECG, checked against its record read once
 * (or, with no record, by the text rules alone). Run inside a worker thread by the pool (tests
 * also call it directly); it reads records synchronously, so a server never runs it itself.
 */
import { readFileSync } from 'node:fs';
import { measureRecord } from '../../../domain/measure/measure-record';
import type { Measurements } from '../../../domain/measure/types';
import { preflagSample } from '../../../domain/review/preflags/run-preflags';
import { WfdbError } from '../../../domain/wfdb/errors';
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { Preflag } from '../../../schemas/preflags';
import { readWfdbRecord } from '../../io/read-wfdb';

/** How a sample's check went: on its record, without one, or with a record that could not be read. */
export type PreflagCheckStatus = 'checked' | 'no-record' | 'record-error';

/** Samples about one ECG (or without a record), as JSON text, each under a key the caller picks. */
export interface PreflagJob {
  readonly id: number;
  /** The record's path without extension; null when there is none. */
  readonly recordBase: string | null;
  /** Why there is no record (shown to the reviewer); ignored when recordBase is set. */
  readonly missingNote: string | null;
  readonly samples: readonly { readonly key: string; readonly content: string }[];
}

/** A job with the samples it covers: their ids and the versions read. */
export interface PlannedJob {
  readonly job: PreflagJob;
  readonly samples: readonly { readonly id: string; readonly version: number }[];
}

/** One sample checked. */
export interface PreflagSampleResult {
  readonly key: string;
  readonly status: PreflagCheckStatus;
  readonly note: string | null;
  readonly flags: readonly Preflag[];
}

/** A job done: one result per sample, in the job's order. */
export interface PreflagJobResult {
  readonly id: number;
  readonly results: readonly PreflagSampleResult[];
  /** Milliseconds spent reading and measuring the record, and running the rules. */
  readonly measureMs: number;
  readonly rulesMs: number;
}

/** Reads and measures the job's record (once), then runs the rules on each of its samples. */
export async function runPreflagJob(job: PreflagJob): Promise<PreflagJobResult> {
  const started = performance.now();
  let m: Measurements | null = null;
  let status: PreflagCheckStatus = 'no-record';
  let note: string | null = job.missingNote ?? 'no record for this ECG';
  if (job.recordBase !== null) {
    try {
      m = measureRecord(await readWfdbRecord(job.recordBase, { verify: true }, readFileSync));
      status = 'checked';
      note = null;
    } catch (error) {
      if (!(error instanceof WfdbError)) throw error;
      status = 'record-error';
      note = error.message;
    }
  }
  const measured = performance.now();
  const results = job.samples.map(({ key, content }) => ({
    key,
    status,
    note,
    flags: preflagSample(JSON.parse(content) as BenchmarkSample, m),
  }));
  return {
    id: job.id,
    results,
    measureMs: measured - started,
    rulesMs: performance.now() - measured,
  };
}
