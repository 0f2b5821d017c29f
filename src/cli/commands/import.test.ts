import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase, makeTempDir } from '../../testing/test-database';
import type { CliIo } from '../command';
import { EXIT } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const ptbxlFile = path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const fileLines = readFileSync(ptbxlFile, 'utf8').split('\n').slice(0, -1);

function capture(): CliIo & { out: (t: string) => void; stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe.each(DB_KINDS)('CLI import and export on %s', (kind) => {
  let database: TestDatabase;
  const temp = makeTempDir('ecg-cli-test-');
  const saved = { ...process.env };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    process.env['DATA_DIR'] = database.dataDir;
    process.env['RECORDS_DIR'] = recordsDir;
    if (database.databaseUrl) process.env['DATABASE_URL'] = database.databaseUrl;
    else delete process.env['DATABASE_URL'];
  });
  afterAll(async () => {
    process.env = saved;
    await database.dispose();
    temp.remove();
  });

  async function samples(): Promise<number> {
    const rows = await database.storage.db.selectFrom('samples').select('id').execute();
    return rows.length;
  }

  it('exits 2 on usage errors and 3 when the file is missing', async () => {
    const io = capture();
    expect(await importCommand.run([], io)).toBe(EXIT.usage);
    expect(await importCommand.run(['a.jsonl', '--force'], io)).toBe(EXIT.usage);
    expect(io.stderr.join('\n')).toContain('unknown option --force');
    expect(await importCommand.run([path.join(temp.dir, 'nope.jsonl')], io)).toBe(EXIT.failure);
    expect(await exportCommand.run([temp.dir, '--version', '0.0.9'], io)).toBe(EXIT.usage);
    expect(await exportCommand.run([temp.dir, '--shape', 'lists'], io)).toBe(EXIT.usage);
    expect(await exportCommand.run([temp.dir, '--shape', 'list', '--version', '0.0.1'], io)).toBe(
      EXIT.usage,
    );
    expect(io.stderr.join('\n')).toContain('--shape must be list or scalar, not "lists"');
  });

  it('refuses a file with one broken line (exit 1), naming the line, and writes nothing', async () => {
    const lines = fileLines.slice(0, 30);
    lines[16] = lines[16]!.replace('"metadata":{', '"metadata":{"extra":1,');
    const file = path.join(temp.dir, 'broken.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const io = capture();
    expect(await importCommand.run([file], io)).toBe(EXIT.invalid);
    expect(io.stderr[0]).toMatch(/import refused, nothing was written \(1 error/);
    expect(io.stderr.join('\n')).toContain(`${file}:17: error: sample 16: metadata`);
    expect(await samples()).toBe(0);
  });

  it('imports a directory layout and the JSONL file, then exports both shapes', async () => {
    const dir = path.join(temp.dir, 'layout');
    for (const line of fileLines.slice(0, 4)) {
      const sample = JSON.parse(line) as { metadata: { id: number; target_dx: string } };
      const folder = path.join(dir, 'ptbxl', sample.metadata.target_dx);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        path.join(folder, `${sample.metadata.id}.json`),
        JSON.stringify(sample, null, 2),
      );
    }
    const io = capture();
    expect(await importCommand.run([dir], io)).toBe(EXIT.ok);
    expect(io.stdout[0]).toContain('4 samples: 4 new');
    expect(await importCommand.run([ptbxlFile, '--dry-run'], io)).toBe(EXIT.invalid);
    const jsonl = path.join(temp.dir, 'rest.jsonl');
    writeFileSync(jsonl, `${fileLines.slice(4).join('\n')}\n`);
    const json = capture();
    expect(await importCommand.run([jsonl, '--json'], json)).toBe(EXIT.ok);
    const report = JSON.parse(json.stdout.join('')) as {
      outcome: string;
      counts: { created: number };
    };
    expect(report).toMatchObject({
      outcome: 'imported',
      counts: { created: fileLines.length - 4 },
    });
    expect(await samples()).toBe(fileLines.length);

    const out = path.join(temp.dir, 'out');
    expect(await exportCommand.run([out, '--shape', 'scalar'], capture())).toBe(EXIT.ok);
    const scalar = readFileSync(path.join(out, 'ptbxl.jsonl'), 'utf8');
    expect(scalar === readFileSync(ptbxlFile, 'utf8')).toBe(true);
    // The old spelling --version 0.0.1 writes the same bytes.
    expect(await exportCommand.run([out, '--version', '0.0.1'], capture())).toBe(EXIT.ok);
    expect(readFileSync(path.join(out, 'ptbxl.jsonl'), 'utf8') === scalar).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as {
      totalSamples: number;
    };
    expect(manifest.totalSamples).toBe(fileLines.length);
    expect(await exportCommand.run([out], capture())).toBe(EXIT.ok);
    const v2 = readFileSync(path.join(out, 'ptbxl.jsonl'), 'utf8');
    expect(v2).toContain('"question_type":"wave_grounding"');
    expect(JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')).answerShape).toBe(
      'list',
    );
  });

  it('refuses to export (exit 1, nothing written) when a stored sample would fail validate', async () => {
    const row = await database.storage.db
      .selectFrom('samples')
      .select(['id', 'content'])
      .where('sample_id', '=', 5)
      .executeTakeFirstOrThrow();
    const broken = JSON.parse(row.content) as { data: { initial_diagnostic_question: object } };
    broken.data.initial_diagnostic_question = {
      ...broken.data.initial_diagnostic_question,
      question: ' ',
    };
    await database.storage.db
      .updateTable('samples')
      .set({ content: JSON.stringify(broken) })
      .where('id', '=', row.id)
      .execute();
    const out = path.join(temp.dir, 'refused-export');
    const io = capture();
    try {
      expect(await exportCommand.run([out], io)).toBe(EXIT.invalid);
    } finally {
      await database.storage.db
        .updateTable('samples')
        .set({ content: row.content })
        .where('id', '=', row.id)
        .execute();
    }
    expect(io.stderr[0]).toMatch(/^Export refused, nothing was written: .*1 problem\(s\)/);
    expect(io.stderr[1]).toBe(
      'ptbxl.jsonl:6:data.initial_diagnostic_question.question: error: sample 5: expected the question text, found an empty text [question-text]',
    );
    expect(existsSync(out)).toBe(false);
    expect(await exportCommand.run([out], capture())).toBe(EXIT.ok);
  });

  it('re-scans RECORDS_DIR for the registered ECGs', async () => {
    const io = capture();
    expect(await importCommand.run(['--scan-records'], io)).toBe(EXIT.ok);
    expect(io.stdout[0]).toMatch(
      /^Records scan: \d+ ECGs, 40 with a record, \d+ missing, 0 updated\.$/,
    );
  });
});
