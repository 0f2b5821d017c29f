import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openBenchmarkSource } from '../server/io/benchmark-files';
import { buildExport } from '../server/services/export';
import { importSamples } from '../server/services/import/import-samples';
import { recordRoots } from '../server/services/records';
import { openMigratedDatabase } from '../server/storage/open-database';
import type { BenchSuite } from './suite';
import { median } from './suite';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const benchmarkPath = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');

/** The goal: ptbxl.jsonl (3,084 samples) imported into SQLite in under 5 s. */
const GOAL_IMPORT_MS = 5000;

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * Suite `import`: ptbxl.jsonl imported from disk into a fresh SQLite workspace (validation,
 * records scan of RECORDS_DIR, one write transaction), against the reference of reading and
 * JSON.parse-ing the same file in the same run; plus the export of the result (in the scalar shape, as the file is written).
 */
export const importSuite: BenchSuite = {
  name: 'import',
  async run() {
    const runs = 5;
    const warmup = 1;
    const importMs: number[] = [];
    const parseMs: number[] = [];
    const exportMs: number[] = [];
    const phaseMs: Record<string, number[]> = { reading: [], records: [], writing: [] };
    let samples = 0;
    let identical = true;
    const original = readFileSync(benchmarkPath, 'utf8');
    for (let i = 0; i < warmup + runs; i++) {
      const parseStart = performance.now();
      let parsed = 0;
      for (const line of readFileSync(benchmarkPath, 'utf8').split('\n'))
        if (line) parsed += JSON.parse(line) ? 1 : 0;
      const parseTime = performance.now() - parseStart;

      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ecg-bench-import-'));
      try {
        const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
        try {
          const phases: Record<string, number> = {};
          let last = performance.now();
          let lastPhase = 'reading';
          const start = last;
          const source = await openBenchmarkSource(benchmarkPath);
          const report = await importSamples(storage.db, source.batches, {
            fileName: 'ptbxl.jsonl',
            roots: recordRoots({ recordsDir, dataDir }),
            actor: null,
            onProgress: (p) => {
              if (p.phase === lastPhase) return;
              const now = performance.now();
              phases[lastPhase] = now - last;
              last = now;
              lastPhase = p.phase;
            },
          });
          const importTime = performance.now() - start;
          if (report.outcome !== 'imported')
            throw new Error(`import bench: the import was ${report.outcome}`);
          samples = report.counts.created;
          if (parsed !== samples)
            throw new Error(`import bench: parsed ${parsed} lines, imported ${samples}`);
          const exportStart = performance.now();
          const bundle = await buildExport(storage.db, storage.kind, 'scalar');
          const exportTime = performance.now() - exportStart;
          identical &&= bundle.files[0]?.text === original;
          if (i >= warmup) {
            importMs.push(importTime);
            parseMs.push(parseTime);
            exportMs.push(exportTime);
            for (const key of Object.keys(phaseMs)) phaseMs[key]!.push(phases[key] ?? 0);
          }
        } finally {
          await storage.close();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const importMedian = median(importMs);
    return {
      file: 'ptbxl.jsonl',
      database: 'sqlite',
      samples,
      runs,
      importMedianMs: round(importMedian),
      importPhaseMedianMs: Object.fromEntries(
        Object.entries(phaseMs).map(([key, values]) => [key, round(median(values))]),
      ),
      referenceReadAndJsonParseMedianMs: round(median(parseMs)),
      importToReferenceRatio: Math.round((importMedian / median(parseMs)) * 10) / 10,
      exportMedianMs: round(median(exportMs)),
      exportByteIdenticalToInput: identical,
      goal: `import < ${GOAL_IMPORT_MS} ms`,
      goalMet: importMedian < GOAL_IMPORT_MS,
    };
  },
};
