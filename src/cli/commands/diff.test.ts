import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertSample } from '../../domain/benchmark/convert';
import { serializeSample } from '../../domain/benchmark/serialize';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import { BenchmarkSampleV001Schema } from '../../schemas/benchmark-sample';
import { DiffReportSchema } from '../../schemas/sample-diff';
import { EXIT } from '../command';
import { benchmarkPath, runCli } from './test-helpers';

const tmp = mkdtempSync(join(tmpdir(), 'cli-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const real: BenchmarkSampleV002[] = readFileSync(benchmarkPath, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => convertSample(BenchmarkSampleV001Schema.parse(JSON.parse(l)), 'list'));

function write(name: string, samples: readonly BenchmarkSampleV002[], shape: 'scalar' | 'list') {
  const file = join(tmp, name);
  writeFileSync(file, samples.map((s) => `${serializeSample(s, shape)}\n`).join(''));
  return file;
}

const RESAMPLED = [3, 450, 2000];
const EDITED = [10, 700];
const REMOVED = [25, 3000];
const ADDED = [5000];
// right_ventricular_hypertrophy: ids 1748-1883, every one re-sampled or reworded.
const WHOLESALE_DX = 'right_ventricular_hypertrophy';

/** b: the real file in the list shape with the planted changes; a stays the real scalar file. */
function plantedFile(): string {
  const samples = structuredClone(real);
  const unusedEcg = String(Math.max(...real.map((s) => Number(s.metadata.ecg_id))) + 1);
  for (const s of samples) {
    const id = s.metadata.id;
    if (RESAMPLED.includes(id)) s.metadata.ecg_id = unusedEcg;
    if (EDITED.includes(id)) s.data.reasoning[0]!.criterion_selection.question += ' (reworded)';
    if (s.metadata.target_dx === WHOLESALE_DX) {
      if (id % 3 === 0) s.metadata.ecg_id = `${s.metadata.ecg_id}0`;
      else s.data.initial_diagnostic_question.question += ' (regenerated)';
    }
  }
  const kept = samples.filter((s) => !REMOVED.includes(s.metadata.id));
  const added = structuredClone(real.find((s) => s.metadata.id === 100)!);
  added.metadata.id = ADDED[0]!;
  return write('b.jsonl', [...kept, added], 'list');
}

const keys = (ids: number[]) => ids.map((id) => `ptbxl:${id}`);
const wholesaleIds = real
  .filter((s) => s.metadata.target_dx === WHOLESALE_DX)
  .map((s) => s.metadata.id);

describe('ecg-workbench diff', () => {
  const b = plantedFile();

  it('lists exactly the planted ids, and the one diagnosis changed wholesale (--json)', async () => {
    const { code, stdout, stderr } = await runCli(['diff', benchmarkPath, b, '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    const report = DiffReportSchema.parse(JSON.parse(stdout));
    expect(Object.keys(JSON.parse(stdout))).toEqual(
      expect.arrayContaining(['resampled', 'edited', 'added', 'removed', 'byDiagnosis']),
    );
    const wholesaleResampled = wholesaleIds.filter((id) => id % 3 === 0);
    const wholesaleEdited = wholesaleIds.filter((id) => id % 3 !== 0);
    const sorted = (ids: number[]) => [...ids].sort((x, y) => x - y);
    expect(report.resampled).toEqual(keys(sorted([...RESAMPLED, ...wholesaleResampled])));
    expect(report.edited).toEqual(keys(sorted([...EDITED, ...wholesaleEdited])));
    expect(report.added).toEqual(keys(ADDED));
    expect(report.removed).toEqual(keys(REMOVED));
    const wholesale = Object.entries(report.byDiagnosis).flatMap(([dx, sources]) =>
      Object.entries(sources)
        .filter(([, g]) => g.wholesale)
        .map(([source]) => `${source}:${dx}`),
    );
    expect(wholesale).toEqual([`ptbxl:${WHOLESALE_DX}`]);
    const rvh = report.byDiagnosis[WHOLESALE_DX]!['ptbxl']!;
    expect(rvh).toMatchObject({ samplesBefore: 136, samplesAfter: 136, unchanged: 0 });
    expect(report.byDiagnosis['first_degree_av_block']!['ptbxl']).toMatchObject({
      resampled: ['ptbxl:3'],
      edited: ['ptbxl:10'],
      removed: ['ptbxl:25'],
      unchanged: 197,
      wholesale: false,
    });
    expect(report.paths['ptbxl:10']).toEqual(['data.reasoning[0].criterion_selection.question']);
    expect(report.files.a).toMatchObject({ samples: 3084, shape: 'scalar' });
    expect(report.files.b).toMatchObject({ samples: 3083, shape: 'list' });
  });

  it('sees no change between the real file and its list-shape conversion, and says why', async () => {
    const list = write('list.jsonl', real, 'list');
    const json = await runCli(['diff', benchmarkPath, list, '--json']);
    const report = DiffReportSchema.parse(JSON.parse(json.stdout));
    expect([report.resampled, report.edited, report.added, report.removed]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    const text = await runCli(['diff', benchmarkPath, list]);
    expect(text.code).toBe(EXIT.ok);
    expect(text.stdout).toContain('scalar shape');
    expect(text.stdout).toContain('list shape');
    expect(text.stdout).toContain('a change of answer shape alone is not an edit');
    expect(text.stdout).toContain('Diagnoses changed wholesale: none');
  });

  it('prints the changes for people', async () => {
    const { code, stdout } = await runCli(['diff', benchmarkPath, b]);
    expect(code).toBe(EXIT.ok);
    const resampled = RESAMPLED.length + wholesaleIds.filter((id) => id % 3 === 0).length;
    expect(stdout).toContain(`\nre-sampled (ecg_id changed): ${resampled}\n`);
    expect(stdout).toContain('  ptbxl:10  first_degree_av_block  ecg ');
    expect(stdout).toContain('data.reasoning[0].criterion_selection.question');
    expect(stdout).toContain(`ptbxl ${WHOLESALE_DX}: 136 -> 136 samples`);
    expect(stdout).toContain(`Diagnoses changed wholesale: ptbxl ${WHOLESALE_DX}`);
  });

  it('refuses a file with errors (exit 1), a wrong call (2) and a missing file (3)', async () => {
    const broken = join(tmp, 'broken.jsonl');
    writeFileSync(
      broken,
      `${readFileSync(benchmarkPath, 'utf8').split('\n')[0]}\n{"metadata": 1}\n`,
    );
    const invalid = await runCli(['diff', benchmarkPath, broken]);
    expect(invalid.code).toBe(EXIT.invalid);
    expect(invalid.stderr).toContain('broken.jsonl:2: error');
    expect(invalid.stderr).toContain('not compared');
    expect(invalid.stdout).toBe('');
    expect((await runCli(['diff', benchmarkPath])).code).toBe(EXIT.usage);
    const missing = await runCli(['diff', benchmarkPath, join(tmp, 'nope.jsonl')]);
    expect(missing.code).toBe(EXIT.failure);
    expect(missing.stderr).toContain('nope.jsonl');
  });
});
