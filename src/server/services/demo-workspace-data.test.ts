import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateSample } from '../../domain/benchmark/validate-sample';
import { SYNTH_CONDITIONS } from '../../domain/synth';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../testing/test-database';
import { readWfdbRecord } from '../io/read-wfdb';
import { DEMO_ECG_SPECS, generateDemoEcg } from './demo-workspace-data-ecgs';
import { plantDemoDefects } from './demo-workspace-data-planted';
import { buildDemoSamples } from './demo-workspace-data-samples';
import { seedDemoWorkspaceData } from './demo-workspace-data';
import { readRecordFiles, recordRoots, resolveStoredPath } from './records';

const ecgs = DEMO_ECG_SPECS.map(generateDemoEcg);
const samples = buildDemoSamples(ecgs);
const stored = [...samples, ...plantDemoDefects(samples).map((p) => p.sample)];

describe('demo samples', () => {
  it('cover every synthetic condition with ECGs, and five diagnoses with both labels', () => {
    expect(new Set(ecgs.map((e) => e.spec.condition))).toEqual(new Set(SYNTH_CONDITIONS));
    const cells = new Set(samples.map((s) => `${s.metadata.target_dx}/${s.metadata.dx_label}`));
    for (const dx of [
      'first_degree_av_block',
      'complete_left_bundle_branch_block',
      'complete_right_bundle_branch_block',
      'premature_ventricular_complex',
      'inferior_myocardial_infarction',
    ]) {
      expect(cells).toContain(`${dx}/true`);
      expect(cells).toContain(`${dx}/false`);
    }
  });

  it('pass validation with no error and no warning, in the list answer shape', () => {
    for (const sample of samples) {
      const result = validateSample(sample, { shape: 'list' });
      expect(result.problems, `sample ${sample.metadata.id}`).toEqual([]);
    }
    expect(new Set(samples.map((s) => s.metadata.id)).size).toBe(samples.length);
  });

  it('label each ECG by what the generator put in it', () => {
    const conditionOf = new Map(ecgs.map((e) => [e.spec.ecgId, e.spec.condition]));
    const expected: Record<string, string> = {
      first_degree_av_block: 'first_degree_av_block',
      complete_left_bundle_branch_block: 'lbbb',
      complete_right_bundle_branch_block: 'rbbb',
      premature_ventricular_complex: 'ventricular_premature_beats',
      inferior_myocardial_infarction: 'inferior_infarct',
    };
    for (const sample of samples) {
      const condition = conditionOf.get(sample.metadata.ecg_id);
      expect(sample.metadata.dx_label, `sample ${sample.metadata.id}`).toBe(
        condition === expected[sample.metadata.target_dx],
      );
    }
  });
});

describe.each(DB_KINDS)('demo workspace data on %s', (kind) => {
  let database: TestDatabase;
  const recordsDir = makeTempDir('ecg-records-');
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedDemoWorkspaceData(database.storage.db, {
      dataDir: database.dataDir,
      recordsDir: recordsDir.dir,
      log: (line) => lines.push(line),
    });
  });
  afterAll(async () => {
    await database.dispose();
    recordsDir.remove();
  });

  it('writes real WFDB records (format 16, 500 Hz, 10 s, 12 leads) under DATA_DIR only', async () => {
    expect(readdirSync(recordsDir.dir)).toEqual([]);
    const rows = await database.storage.db
      .selectFrom('ecg_records')
      .selectAll()
      .orderBy('ecg_id')
      .execute();
    expect(rows.map((r) => r.ecg_id)).toEqual(DEMO_ECG_SPECS.map((s) => s.ecgId));
    const roots = recordRoots({ recordsDir: recordsDir.dir, dataDir: database.dataDir });
    for (const row of rows) {
      const base = resolveStoredPath(roots, row.path!);
      expect(base?.startsWith(path.join(database.dataDir, 'demo-records'))).toBe(true);
      const record = await readWfdbRecord(base!);
      expect(record.verified).toBe(true);
      expect(record.fsHz).toBe(500);
      expect(record.nSamples).toBe(5000);
      expect(record.signals).toHaveLength(12);
      expect(record.header.signals.every((s) => s.format === 16)).toBe(true);
      const metadata = JSON.parse(row.metadata!) as { synthetic: { condition: string } };
      expect(metadata.synthetic.condition).toBe(
        DEMO_ECG_SPECS.find((s) => s.ecgId === row.ecg_id)!.condition,
      );
    }
    const served = await readRecordFiles(database.storage.db, roots, 'ptbxl', rows[0]!.ecg_id);
    expect(served.files).toEqual([`${rows[0]!.ecg_id}_hr.dat`]);
  });

  it('imports the demo samples (clean and planted) once, linked to their ECGs', async () => {
    const rows = await database.storage.db
      .selectFrom('samples')
      .select(['sample_id', 'ecg_record_id'])
      .execute();
    expect(rows).toHaveLength(stored.length);
    expect(rows.every((s) => s.ecg_record_id !== null)).toBe(true);
    await seedDemoWorkspaceData(database.storage.db, {
      dataDir: database.dataDir,
      recordsDir: recordsDir.dir,
      log: () => {},
    });
    const again = await database.storage.db.selectFrom('samples').select('id').execute();
    expect(again).toHaveLength(stored.length);
    expect(lines.join('\n')).toContain(
      `${stored.length} benchmark samples (${stored.length - samples.length} with planted defects)`,
    );
  });
});
