/** Workspace set-ups for release tests: real samples imported, curator writes through the API. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { convertSample } from '../domain/benchmark/convert';
import { serializeSample } from '../domain/benchmark/serialize';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { openBenchmarkSource } from '../server/io/benchmark-files';
import { importSamples } from '../server/services/import/import-samples';
import type { Db } from '../server/storage/database';
import type { TestClient } from './api-harness';
import { PTBXL_JSONL } from './sample-fixtures';

/** Real samples by benchmark id: the first `count` lines of ptbxl.jsonl in the list shape. */
export function realSamplesById(count: number): Map<number, BenchmarkSampleV002> {
  const lines = readFileSync(PTBXL_JSONL, 'utf8').split('\n').slice(0, count);
  return new Map(
    lines.map((line) => {
      const sample = convertSample(BenchmarkSampleV001Schema.parse(JSON.parse(line)), 'list');
      return [sample.metadata.id, sample];
    }),
  );
}

/** Imports samples through the real importer (replace: new revisions of kind 'import'). */
export async function importThroughImporter(
  db: Db,
  samples: readonly BenchmarkSampleV002[],
  replace = false,
): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'release-import-'));
  try {
    const file = path.join(dir, 'samples.jsonl');
    writeFileSync(file, samples.map((s) => `${serializeSample(s, 'list')}\n`).join(''));
    const source = await openBenchmarkSource(file);
    const report = await importSamples(db, source.batches, {
      fileName: 'samples.jsonl',
      replace,
      roots: { recordsDir: undefined, demoDir: path.join(dir, 'none') },
      actor: null,
    });
    if (report.outcome !== 'imported') {
      throw new Error(`import refused: ${report.problems.map((p) => p.text).join('\n')}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The public id of every sample, by benchmark id (ptbxl). */
export async function publicIds(client: TestClient): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let cursor: string | null = null;
  do {
    const page = await client.request(
      'GET',
      `/api/samples?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const item of page.body.items as { id: string; metadata: { id: number } }[])
      out.set(item.metadata.id, item.id);
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  return out;
}

/** Reads a sample, changes it, and saves it as a curator's fix in place or re-sample. */
export async function curatorWrite(
  client: TestClient,
  publicId: string,
  kind: 'fix' | 'resample',
  change: (sample: BenchmarkSampleV002) => void,
): Promise<void> {
  const current = await client.request('GET', `/api/samples/${publicId}`);
  const sample = structuredClone(current.body.sample as BenchmarkSampleV002);
  change(sample);
  const response =
    kind === 'fix'
      ? await client.request('PUT', `/api/samples/${publicId}`, {
          body: { sample },
          ifMatch: current.body.version as number,
        })
      : await client.request('POST', `/api/samples/${publicId}/resample`, {
          body: { sample },
          ifMatch: current.body.version as number,
        });
  if (response.status !== 200) {
    throw new Error(`${kind} ${publicId}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}
