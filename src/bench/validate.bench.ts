import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validateBatches } from '../domain/benchmark/validate-file';
import type { SourceEntry } from '../domain/jsonl/source-entry';
import { jsonlEntryBatches } from '../domain/jsonl/source-entry';
import { openBenchmarkSource } from '../server/io/benchmark-files';
import type { BenchSuite } from './suite';
import { median, timeRuns } from './suite';

const benchmarkPath = resolve(import.meta.dirname, '../../../shared/data/benchmark/ptbxl.jsonl');

/** Validation must cost at most as much again as parsing: throughput ratio >= 0.5. */
const GOAL_RATIO = 0.5;
const CHUNK_BYTES = 1024 * 1024;

// Buffers, as a file stream yields them (their indexOf is memchr; a plain Uint8Array's is not).
async function* inMemoryChunks(bytes: Buffer): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

function validateAll(batches: AsyncIterable<readonly SourceEntry[]>) {
  return validateBatches(benchmarkPath, batches, { collectProblems: false });
}

function mbPerS(bytes: number, ms: number): number {
  return Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
}

/**
 * Suite `validate`: on ptbxl.jsonl, JSON.parse of every line alone (reference) against the
 * full path (split bytes into lines, decode UTF-8, parse, validate each sample and the file
 * rules), both from memory, in the same run; plus the same full path reading from disk.
 */
export const validateSuite: BenchSuite = {
  name: 'validate',
  async run() {
    const bytes = readFileSync(benchmarkPath);
    const lines = bytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line !== '');
    const runs = 15;
    const warmup = 3;

    let sink = 0;
    const parseOnce = () => {
      for (const line of lines) sink += (JSON.parse(line) as object) ? 1 : 0;
    };
    let checked = await validateAll(jsonlEntryBatches(benchmarkPath, inMemoryChunks(bytes)));
    const validateOnce = async () => {
      checked = await validateAll(jsonlEntryBatches(benchmarkPath, inMemoryChunks(bytes)));
    };
    // Interleaved, so a change in machine load hits both sides alike.
    const parseMs: number[] = [];
    const validateMs: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const [p] = await timeRuns(parseOnce, { runs: 1, warmup: 0 });
      const [v] = await timeRuns(validateOnce, { runs: 1, warmup: 0 });
      if (i >= warmup) {
        parseMs.push(p!);
        validateMs.push(v!);
      }
    }
    const fromDiskMs = await timeRuns(
      async () => validateAll((await openBenchmarkSource(benchmarkPath)).batches),
      { runs: 5, warmup: 1 },
    );
    if (sink === 0 || checked.counts.errors !== 0) {
      throw new Error(`validate bench: expected a valid file, got ${checked.counts.errors} errors`);
    }

    const parseMbS = mbPerS(bytes.length, median(parseMs));
    const validateMbS = mbPerS(bytes.length, median(validateMs));
    const ratio = Math.round((median(parseMs) / median(validateMs)) * 100) / 100;
    return {
      file: 'ptbxl.jsonl',
      megabytes: Math.round(bytes.length / 1e4) / 100,
      samples: checked.counts.samples,
      runs,
      jsonParseMedianMs: Math.round(median(parseMs) * 10) / 10,
      jsonParseMbPerS: parseMbS,
      validateMedianMs: Math.round(median(validateMs) * 10) / 10,
      validateMbPerS: validateMbS,
      validateFromDiskMbPerS: mbPerS(bytes.length, median(fromDiskMs)),
      ratioValidateToParse: ratio,
      goal: `validation throughput / JSON.parse throughput >= ${GOAL_RATIO}`,
      goalMet: ratio >= GOAL_RATIO,
    };
  },
};
