/** Real data for e2e tests, read from ../shared (never copied into the repo). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertSample } from '../../src/domain/benchmark/convert';
import { decodeWfdbRecord } from '../../src/domain/wfdb/decode';
import { parseWfdbHeader } from '../../src/domain/wfdb/header';
import {
  BenchmarkSampleV001Schema,
  type BenchmarkSampleV002,
} from '../../src/schemas/benchmark-sample';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared data folder. */
export const sharedData = path.resolve(repoRoot, '../shared/data');
/** PTB-XL records folder (RECORDS_DIR for the server). */
export const ptbxlRecordsDir = path.resolve(sharedData, 'ecg/ptbxl');
/** The real benchmark file. */
export const benchmarkFile = path.resolve(sharedData, 'benchmark/ptbxl.jsonl');

let cache: BenchmarkSampleV002[] | null = null;

/** Every real PTB-XL benchmark sample, converted to the list answer shape. */
export function realSamples(): BenchmarkSampleV002[] {
  cache ??= readFileSync(benchmarkFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => convertSample(BenchmarkSampleV001Schema.parse(JSON.parse(line)), 'list'));
  return cache;
}

/** One real sample by its numeric metadata id. */
export function realSample(id: number): BenchmarkSampleV002 {
  const s = realSamples().find((x) => x.metadata.id === id);
  if (!s) throw new Error(`sample ${id} is not in ${benchmarkFile}`);
  return s;
}

/** Path (without extension) of a PTB-XL 500 Hz record in ../shared. */
export function ptbxlRecordBase(ecgId: string): string {
  const n = Number(ecgId);
  const folder = String(Math.floor(n / 1000) * 1000).padStart(5, '0');
  return path.resolve(ptbxlRecordsDir, 'records500', folder, `${String(n).padStart(5, '0')}_hr`);
}

/** Decodes a real record with the shared WFDB reader (tests compute expectations from the samples). */
export function readRecord(base: string) {
  const name = path.basename(base);
  const header = parseWfdbHeader(readFileSync(`${base}.hea`, 'utf8'), `${name}.hea`);
  const files = new Map<string, Uint8Array>();
  for (const s of header.signals)
    files.set(
      s.fileName,
      new Uint8Array(readFileSync(path.resolve(path.dirname(base), s.fileName))),
    );
  return decodeWfdbRecord(header, files);
}
