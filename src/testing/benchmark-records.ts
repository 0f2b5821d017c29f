/** The benchmark's PTB-XL samples whose records are in ../shared, measured once, for tests over real data. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { measureRecord } from '../domain/measure/measure-record';
import type { Measurements } from '../domain/measure/types';
import { readRecord } from './read-record';
import { PTBXL_JSONL, REPO_ROOT } from './sample-fixtures';

/** ../shared/data/ecg: the real records and their index.csv. */
export const ECG_ROOT = path.resolve(REPO_ROOT, '../shared/data/ecg');

/** ecg_id -> record path without extension, for the benchmark records at 500 Hz in ../shared. */
export function benchmarkRecordPaths(): Map<string, string> {
  const rows = readFileSync(path.join(ECG_ROOT, 'index.csv'), 'utf8').split(/\r?\n/).slice(1);
  const out = new Map<string, string>();
  for (const row of rows) {
    // The one row whose quoted format field holds commas has no ecg_id: a plain split serves.
    const [, recordPath, ecgId, fs, , , , matches] = row.split(',');
    if (matches?.trim() !== 'true' || fs !== '500' || !ecgId || !recordPath) continue;
    out.set(ecgId, path.join(ECG_ROOT, recordPath.replace(/\.hea$/, '')));
  }
  return out;
}

/** One raw ptbxl.jsonl line (format 0.0.1) whose record is in ../shared, with its measurements. */
export interface MeasuredSample {
  readonly raw: unknown;
  readonly ecgId: string;
  readonly measurements: Measurements;
}

/** Every ptbxl.jsonl sample whose record is in ../shared, in file order; each record measured once. */
export async function measuredBenchmarkSamples(): Promise<MeasuredSample[]> {
  const paths = benchmarkRecordPaths();
  const cache = new Map<string, Measurements>();
  const out: MeasuredSample[] = [];
  for (const line of readFileSync(PTBXL_JSONL, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const raw = JSON.parse(line) as { metadata: { ecg_id: string } };
    const recordPath = paths.get(raw.metadata.ecg_id);
    if (!recordPath) continue;
    let measurements = cache.get(recordPath);
    if (!measurements) {
      measurements = measureRecord(await readRecord(recordPath));
      cache.set(recordPath, measurements);
    }
    out.push({ raw, ecgId: raw.metadata.ecg_id, measurements });
  }
  return out;
}
