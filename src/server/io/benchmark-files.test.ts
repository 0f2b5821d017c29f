import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateBatches } from '../../domain/benchmark/validate-file';
import type { SourceEntry } from '../../domain/jsonl/source-entry';
import { entriesOf } from '../../domain/jsonl/source-entry';
import {
  BenchmarkSourceError,
  openBenchmarkSource,
  writeFileAtomically,
  writeJsonlFile,
  writeSamplesJsonl,
} from './benchmark-files';
import type { BenchmarkSample } from '../../schemas/benchmark-sample';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');
const realLines = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const tmp = mkdtempSync(join(tmpdir(), 'benchmark-files-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Sample {
  metadata: { id: number; data_source: string; target_dx: string };
}

async function collect(entries: AsyncIterable<SourceEntry>): Promise<SourceEntry[]> {
  const out: SourceEntry[] = [];
  for await (const entry of entries) out.push(entry);
  return out;
}

describe('openBenchmarkSource', () => {
  it('streams a JSONL file with line numbers', async () => {
    const source = await openBenchmarkSource(benchmarkPath);
    expect(source.kind).toBe('jsonl');
    const entries = await collect(entriesOf(source.batches));
    expect(entries).toHaveLength(realLines.length);
    entries.forEach((entry, i) => {
      expect(entry.kind).toBe('value');
      expect(entry.location).toEqual({ file: benchmarkPath, lineNumber: i + 1 });
    });
  });

  it('walks <source>/<target_dx>/<id>.json, in numeric order, checking places against metadata', async () => {
    const root = join(tmp, 'layout');
    const samples = realLines.slice(0, 12).map((l) => JSON.parse(l) as Sample);
    for (const sample of samples) {
      const dir = join(root, sample.metadata.data_source, sample.metadata.target_dx);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${sample.metadata.id}.json`), JSON.stringify(sample, null, 2));
    }
    const misplaced = samples[3]!;
    const wrongDir = join(root, 'ptbxl', 'third_degree_av_block');
    mkdirSync(wrongDir, { recursive: true });
    rmSync(join(root, 'ptbxl', misplaced.metadata.target_dx, `${misplaced.metadata.id}.json`));
    writeFileSync(join(wrongDir, `${misplaced.metadata.id}.json`), JSON.stringify(misplaced));
    writeFileSync(join(wrongDir, '9999.json'), '{\n  "metadata": {\n    "id": 1,\n  }\n}\n');
    writeFileSync(join(wrongDir, 'notes.txt'), 'not a sample');
    writeFileSync(join(root, 'README.md'), 'stray file');

    const source = await openBenchmarkSource(root);
    expect(source.kind).toBe('directory');
    const entries = await collect(entriesOf(source.batches));
    const values = entries.filter((e) => e.kind === 'value');
    expect(values).toHaveLength(12);
    const idsInOrder = values.map((e) => (e.value as Sample).metadata.id);
    const byFolder = values.map((e) => e.location.file.split('/').slice(-2, -1)[0]);
    for (let i = 1; i < values.length; i++) {
      if (byFolder[i] === byFolder[i - 1])
        expect(idsInOrder[i]).toBeGreaterThan(idsInOrder[i - 1]!);
    }

    const result = await validateBatches(root, (await openBenchmarkSource(root)).batches);
    const found = result.problems.map((p) => ({
      rule: p.rule,
      file: p.file,
      path: p.pathText,
      line: p.lineNumber,
    }));
    expect(found).toContainEqual({
      rule: 'layout.path-mismatch',
      file: join(wrongDir, `${misplaced.metadata.id}.json`),
      path: 'metadata.target_dx',
      line: null,
    });
    expect(found).toContainEqual({
      rule: 'jsonl.syntax',
      file: join(wrongDir, '9999.json'),
      path: '',
      line: 4,
    });
    expect(found).toContainEqual({
      rule: 'layout.unexpected-entry',
      file: join(wrongDir, 'notes.txt'),
      path: '',
      line: null,
    });
    expect(found).toContainEqual({
      rule: 'layout.unexpected-entry',
      file: join(root, 'README.md'),
      path: '',
      line: null,
    });
    expect(result.problems.find((p) => p.rule === 'jsonl.syntax')?.message).toMatch(
      /line 4, column 3/,
    );
    expect(result.counts).toMatchObject({ samples: 12, errors: 1 });
  });

  it('says why a path cannot be opened', async () => {
    const missing = join(tmp, 'nope.jsonl');
    await expect(openBenchmarkSource(missing)).rejects.toThrow(BenchmarkSourceError);
    await expect(openBenchmarkSource(missing)).rejects.toMatchObject({ reason: 'not-found' });
  });
});

describe('writeFileAtomically', () => {
  it('writes the file, with its final newline, only on success', async () => {
    const out = join(tmp, 'out.jsonl');
    await writeJsonlFile(out, ['{"a":1}\n', '{"b":2}\n']);
    expect(readFileSync(out, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('exports samples canonically: same bytes twice, the original bytes for the scalar shape', async () => {
    const samples = realLines.slice(0, 50).map((l) => JSON.parse(l) as BenchmarkSample);
    const [a, b, v2] = ['a.jsonl', 'b.jsonl', 'v2.jsonl'].map((name) => join(tmp, name)) as [
      string,
      string,
      string,
    ];
    await writeSamplesJsonl(a, samples, 'scalar');
    await writeSamplesJsonl(b, samples, 'scalar');
    await writeSamplesJsonl(v2, samples, 'list');
    expect(readFileSync(a, 'utf8')).toBe(`${realLines.slice(0, 50).join('\n')}\n`);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
    expect(readFileSync(v2, 'utf8').split('\n')).toHaveLength(51);
  });

  it('leaves an existing file untouched and no temp file when refused or failing', async () => {
    const dir = join(tmp, 'atomic');
    mkdirSync(dir);
    const out = join(dir, 'keep.jsonl');
    writeFileSync(out, 'original\n');
    const committed = await writeFileAtomically(out, async (write) => {
      await write('x'.repeat(3 * 1024 * 1024));
      return false;
    });
    expect(committed).toBe(false);
    await expect(
      writeFileAtomically(out, async (write) => {
        await write('partial');
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(readFileSync(out, 'utf8')).toBe('original\n');
    expect(readdirSync(dir)).toEqual(['keep.jsonl']);
    const fresh = join(dir, 'fresh.jsonl');
    await writeFileAtomically(fresh, async () => false);
    expect(existsSync(fresh)).toBe(false);
  });
});
