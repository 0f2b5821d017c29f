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

/** PTB-XL's scp_codes and heart_axis per ecg_id, from the records folder's ptbxl_database.csv. */
export function ptbxlDatabaseRows(): Map<
  string,
  { readonly scp_codes: Record<string, number>; readonly heart_axis: string }
> {
  const [header, ...rows] = readFileSync(path.join(ECG_ROOT, 'ptbxl/ptbxl_database.csv'), 'utf8')
    .split('\n')
    .map((line) =>
      line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '')),
    );
  const col = (name: string) => header!.indexOf(name);
  const out = new Map<string, { scp_codes: Record<string, number>; heart_axis: string }>();
  for (const row of rows) {
    const codes: Record<string, number> = {};
    for (const m of (row[col('scp_codes')] ?? '').matchAll(/'([^']+)': (\d+(?:\.\d+)?)/g))
      codes[m[1]!] = Number(m[2]);
    out.set(String(Number(row[col('ecg_id')])), {
      scp_codes: codes,
      heart_axis: row[col('heart_axis')] ?? '',
    });
  }
  return out;
}
