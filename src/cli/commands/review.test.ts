import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ReviewExportLineSchema } from '../../schemas/api/review-agreement';
import { createReviewPass } from '../../server/services/review-passes';
import { saveVerdict } from '../../server/services/reviews';
import { createSample } from '../../server/services/sample-create';
import { insertUser } from '../../server/services/users';
import { openMigratedDatabase } from '../../server/storage/open-database';
import { REPO_ROOT, loadRealSamples } from '../../testing/sample-fixtures';
import { makeTempDir } from '../../testing/test-database';
import { spawnSync } from 'node:child_process';

function cli(dataDir: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('review command', () => {
  const temp = makeTempDir();
  const samples = loadRealSamples(3);
  let passId = '';
  const reviewers: string[] = [];

  beforeAll(async () => {
    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const db = storage.db;
    const curator = await insertUser(db, null, {
      username: 'cur',
      role: 'curator',
      passwordHash: 'x',
    });
    for (const name of ['rev-a', 'rev-b'])
      reviewers.push(
        (await insertUser(db, null, { username: name, role: 'reviewer', passwordHash: 'x' })).id,
      );
    const ids = [];
    for (const sample of samples) ids.push((await createSample(db, null, sample)).id);
    const pass = await createReviewPass(db, curator, {
      name: 'before 0.0.2',
      description: '',
      filter: {},
      samples: ids,
      mode: 'blind_double',
      reviewerIds: reviewers,
    });
    passId = pass.id;
    for (const [r, reviewerId] of reviewers.entries()) {
      const actor = { id: reviewerId, username: `rev-${r}`, role: 'reviewer' as const };
      for (const [i, sampleId] of ids.entries()) {
        const flag = r === 1 && i === 2;
        await saveVerdict(db, actor, passId, sampleId, 0, {
          verdict: flag ? 'flag' : 'pass',
          reasons: flag ? ['wording', 'other'] : [],
          comment: flag ? 'unclear, "step 2"' : '',
          steps: flag
            ? [{ stepIdx: 0, verdict: 'flag', reasons: ['wrong_answer'], comment: '' }]
            : [],
        });
      }
    }
    await storage.close();
  });
  afterAll(() => temp.remove());

  it('exports one JSON line per verdict and per step verdict, by id or name', () => {
    const byName = cli(temp.dir, ['review', 'export', 'before 0.0.2']);
    expect(byName.code, byName.err).toBe(0);
    const lines = byName.out
      .trimEnd()
      .split('\n')
      .map((line) => ReviewExportLineSchema.parse(JSON.parse(line)));
    expect(lines).toHaveLength(7);
    expect(lines.filter((l) => l.verdict === 'flag')).toEqual([
      expect.objectContaining({
        sample: `ptbxl:${samples[2]!.metadata.id}`,
        reviewerId: reviewers[1],
        step: null,
        reasons: ['wording', 'other'],
        comment: 'unclear, "step 2"',
      }),
      expect.objectContaining({ step: 0, reasons: ['wrong_answer'] }),
    ]);
    expect(byName.err).toMatch(/7 verdict lines from pass "before 0.0.2" \(open\)/);
    const out = path.join(temp.dir, 'results.jsonl');
    expect(cli(temp.dir, ['review', 'export', passId, '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(byName.out);
  });

  it('prints agreement as JSON or CSV', () => {
    const json = cli(temp.dir, ['review', 'agreement', passId]);
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out);
    expect(report.overall).toMatchObject({ n: 3, kappa: 0 });
    const csv = cli(temp.dir, ['review', 'agreement', passId, '--csv']);
    const rows = parseCsv(csv.out, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ scope: 'overall', n: '3', kappa: '0' });
  });

  it('says what is wrong with the command line or the pass', () => {
    expect(cli(temp.dir, ['review']).code).toBe(2);
    expect(cli(temp.dir, ['review', 'export']).code).toBe(2);
    expect(cli(temp.dir, ['review', 'agreement', passId, '--out', 'x']).code).toBe(2);
    const unknown = cli(temp.dir, ['review', 'export', 'no such pass']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/Review pass "no such pass" not found/);
  });
});
