import { readFileSync } from 'node:fs';
import path from 'node:path';
import { convertSample } from '../domain/benchmark/convert';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import type { DenseLabel } from '../schemas/dense-label';

/** The repository root (tests read real data from ../shared relative to it). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** The real PTB-XL benchmark file (the scalar answer shape), read-only. */
export const PTBXL_JSONL = path.resolve(REPO_ROOT, '../shared/data/benchmark/ptbxl.jsonl');

/** The first `count` real samples of ptbxl.jsonl, converted to the list answer shape. */
export function loadRealSamples(count: number): BenchmarkSampleV002[] {
  const lines = readFileSync(PTBXL_JSONL, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return lines
    .slice(0, count)
    .map((line) => convertSample(BenchmarkSampleV001Schema.parse(JSON.parse(line)), 'list'));
}

/** A complete dense label whose diagnosis text carries `note` (to tell edits apart). */
export function denseLabel(note: string): DenseLabel {
  return {
    rate: 'normal',
    rhythm: 'sinus',
    axis: 'normal',
    conduction: ['none'],
    ischemia: { stage: 'none', territory: ['none'] },
    other_findings: [],
    diagnosis: note,
  };
}
