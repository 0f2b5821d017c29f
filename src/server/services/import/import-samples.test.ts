import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunksOf } from '../../../domain/jsonl/read-jsonl';
import { jsonlEntryBatches } from '../../../domain/jsonl/source-entry';
import { validateSample } from '../../../domain/benchmark/validate-sample';
import type { TestDatabase } from '../../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../../testing/test-database';
import { buildExport, sha256Hex } from '../export';
import { importSamples } from './import-samples';
import type { RecordRoots } from '../records';

const repoRoot = path.resolve(import.meta.dirname, '../../../..');
const ptbxlFile = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const fileText = readFileSync(ptbxlFile, 'utf8');
const fileLines = fileText.split('\n').slice(0, -1);

function entriesOf(text: string, file = 'ptbxl.jsonl') {
  return jsonlEntryBatches(file, chunksOf([text]));
}

async function count(
  storage: TestDatabase['storage'],
  table: 'samples' | 'sample_revisions' | 'ecg_records' | 'audit_log',
) {
  const row = await storage.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(DB_KINDS)('import and export of ptbxl.jsonl on %s', (kind) => {
  let database: TestDatabase;
  let roots: RecordRoots;
  const demo = makeTempDir('ecg-demo-');

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    roots = { recordsDir, demoDir: demo.dir };
  });
  afterAll(async () => {
    await database.dispose();
    demo.remove();
  });

  it('refuses a file with one broken line, names the line, and writes nothing', async () => {
    const broken = [...fileLines];
    broken[1233] = broken[1233]!.replace('"answer_idx":', '"answer_idx"');
    const report = await importSamples(database.storage.db, entriesOf(`${broken.join('\n')}\n`), {
      fileName: 'ptbxl.jsonl',
      roots,
      actor: null,
    });
    expect(report.outcome).toBe('refused');
    const errors = report.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.lineNumber).toBe(1234);
    expect(errors[0]!.rule).toBe('jsonl.syntax');
    expect(errors[0]!.text).toMatch(/^ptbxl\.jsonl:1234: error: /);
    expect(await count(database.storage, 'samples')).toBe(0);
    expect(await count(database.storage, 'ecg_records')).toBe(0);
    expect(await count(database.storage, 'audit_log')).toBe(0);
  });

  it('refuses a sample that breaks a rule, locating it by line and JSON path', async () => {
    const sample = JSON.parse(fileLines[6]!) as {
      data: { initial_diagnostic_question: { answer: string } };
    };
    sample.data.initial_diagnostic_question.answer =
      sample.data.initial_diagnostic_question.answer === 'Yes' ? 'No' : 'Yes';
    const lines = [...fileLines.slice(0, 6), JSON.stringify(sample), ...fileLines.slice(7, 20)];
    const report = await importSamples(database.storage.db, entriesOf(`${lines.join('\n')}\n`), {
      fileName: 'ptbxl.jsonl',
      roots,
      actor: null,
    });
    expect(report.outcome).toBe('refused');
    const error = report.problems.find((p) => p.severity === 'error');
    expect(error?.lineNumber).toBe(7);
    expect(error?.path).toMatch(/^data\.initial_diagnostic_question\.answer/);
    expect(await count(database.storage, 'samples')).toBe(0);
  });

  it('imports the whole file in one go, registering ECGs, records and PTB-XL metadata', async () => {
    const phases: string[] = [];
    const report = await importSamples(database.storage.db, entriesOf(fileText), {
      fileName: 'ptbxl.jsonl',
      roots,
      actor: null,
      onProgress: (p) => {
        if (phases[phases.length - 1] !== p.phase) phases.push(p.phase);
      },
    });
    expect(report.outcome).toBe('imported');
    expect(phases).toEqual(['reading', 'records', 'writing', 'done']);
    expect(report.answerShape).toBe('scalar');
    expect(report.counts.created).toBe(fileLines.length);
    const distinctEcgs = new Set(
      fileLines.map(
        (line) => (JSON.parse(line) as { metadata: { ecg_id: string } }).metadata.ecg_id,
      ),
    );
    expect(report.ecgs.named).toBe(distinctEcgs.size);
    expect(report.ecgs.withRecord).toBe(40);
    expect(report.missingRecords).toHaveLength(distinctEcgs.size - 40);
    expect(report.ecgs.withMetadata).toBeGreaterThan(0);
    expect(await count(database.storage, 'samples')).toBe(fileLines.length);
    expect(await count(database.storage, 'sample_revisions')).toBe(fileLines.length);
    expect(await count(database.storage, 'ecg_records')).toBe(distinctEcgs.size);
    // One audit entry per sample plus one for the import itself.
    expect(await count(database.storage, 'audit_log')).toBe(fileLines.length + 1);

    const withRecord = await database.storage.db
      .selectFrom('ecg_records')
      .selectAll()
      .where('path', 'is not', null)
      .orderBy('ecg_id')
      .execute();
    expect(withRecord).toHaveLength(40);
    expect(withRecord[0]!.path).toMatch(/^records500\/00000\/\d{5}_hr$/);
    const withMeta = withRecord.find((row) => row.metadata !== null);
    const meta = JSON.parse(withMeta!.metadata!) as {
      ptbxl: { scp_codes: Record<string, number>; age: number };
    };
    expect(Object.keys(meta.ptbxl.scp_codes).length).toBeGreaterThan(0);
    expect(typeof meta.ptbxl.age).toBe('number');
    const unlinked = await database.storage.db
      .selectFrom('samples')
      .select('id')
      .where('ecg_record_id', 'is', null)
      .execute();
    expect(unlinked).toHaveLength(0);
  });

  it('exports the scalar shape byte-identical to the imported file, twice, with a true manifest', async () => {
    const first = await buildExport(database.storage.db, kind, 'scalar');
    const second = await buildExport(database.storage.db, kind, 'scalar');
    expect(first.files.map((f) => f.file)).toEqual(['ptbxl.jsonl']);
    expect(first.files[0]!.text === fileText).toBe(true);
    expect(second.files[0]!.text === first.files[0]!.text).toBe(true);
    expect(second.manifestText).toBe(first.manifestText);
    expect(first.manifest.files[0]).toEqual({
      file: 'ptbxl.jsonl',
      dataSource: 'ptbxl',
      samples: fileLines.length,
      bytes: Buffer.byteLength(fileText),
      sha256: sha256Hex(fileText),
    });
  });

  it('exports list-shape lines that validate as list-shaped', async () => {
    const bundle = await buildExport(database.storage.db, kind, 'list');
    const lines = bundle.files[0]!.text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(fileLines.length);
    for (const line of lines.slice(0, 200)) {
      const result = validateSample(JSON.parse(line), { shape: 'list' });
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    }
    expect(bundle.manifest.answerShape).toBe('list');
    expect(bundle.files[0]!.text).not.toBe(fileText);
  });

  it('refuses a re-import of the same ids, naming each line, unless replace is asked', async () => {
    const head = `${fileLines.slice(0, 5).join('\n')}\n`;
    const refused = await importSamples(database.storage.db, entriesOf(head), {
      fileName: 'again.jsonl',
      roots,
      actor: null,
    });
    expect(refused.outcome).toBe('refused');
    expect(refused.problems.map((p) => [p.rule, p.lineNumber])).toEqual(
      [1, 2, 3, 4, 5].map((n) => ['already-imported', n]),
    );

    const unchanged = await importSamples(database.storage.db, entriesOf(head), {
      fileName: 'again.jsonl',
      roots,
      actor: null,
      replace: true,
    });
    expect(unchanged.outcome).toBe('imported');
    expect(unchanged.counts).toMatchObject({ created: 0, replaced: 0, unchanged: 5 });

    const edited = JSON.parse(fileLines[2]!) as {
      data: { initial_diagnostic_question: { question: string } };
    };
    edited.data.initial_diagnostic_question.question += ' (reworded)';
    const replaced = await importSamples(
      database.storage.db,
      entriesOf(`${JSON.stringify(edited)}\n`),
      {
        fileName: 'fix.jsonl',
        roots,
        actor: null,
        replace: true,
      },
    );
    expect(replaced.counts).toMatchObject({ created: 0, replaced: 1, unchanged: 0 });
    const row = await database.storage.db
      .selectFrom('samples')
      .select(['id', 'version', 'content'])
      .where('data_source', '=', 'ptbxl')
      .where('sample_id', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    expect(row.content).toContain('(reworded)');
    const revisions = await database.storage.db
      .selectFrom('sample_revisions')
      .select(['version', 'kind'])
      .where('sample_pk', '=', row.id)
      .orderBy('version')
      .execute();
    expect(revisions).toEqual([
      { version: 1, kind: 'import' },
      { version: 2, kind: 'import' },
    ]);
  });
});
