import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../server/storage/open-database';
import { generateAnswers } from '../../testing/answer-generator';
import { makeTempDir } from '../../testing/test-database';
import { EXIT } from '../command';
import { benchmarkPath, repoRoot } from './test-helpers';

const exec = promisify(execFile);
const temp = makeTempDir('ecg-import-answers-');
afterAll(() => temp.remove());
const dataDir = path.join(temp.dir, 'data');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  try {
    const { stdout, stderr } = await exec(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), ...args],
      { cwd: repoRoot, env },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('import-answers', () => {
  it('stores each model folder as a run, matched to the workspace samples, and lists what it left out', async () => {
    const lines = readFileSync(benchmarkPath, 'utf8').split('\n').slice(0, 20);
    const subset = path.join(temp.dir, 'subset.jsonl');
    writeFileSync(subset, `${lines.join('\n')}\n`);
    expect((await cli(['import', subset])).code).toBe(EXIT.ok);

    const samples = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const root = path.join(temp.dir, 'results');
    for (const [model, seed] of [
      ['m_one', 1],
      ['m_two', 2],
    ] as const) {
      for (const a of generateAnswers(samples, { seed, rightRate: 0.7, mode: 'default', model })) {
        const m = a.value['metadata'] as { id: number; target_dx: string };
        const dir = path.join(root, model, 'ptbxl', m.target_dx);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, `${m.id}.json`), JSON.stringify(a.value, null, 4));
      }
    }
    writeFileSync(path.join(root, 'm_two', 'ptbxl', 'first_degree_av_block', '99.json'), '');

    const run = await cli(['import-answers', root]);
    expect(run.code).toBe(EXIT.invalid);
    expect(run.stdout).toContain('m_one: imported (default 20); 20 answer files read, 0 left out');
    expect(run.stdout).toContain('m_two: imported (default 20); 21 answer files read, 1 left out');
    expect(run.stderr).toMatch(/99\.json: error: the file is empty .*\[answers\.empty\]/);

    const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
    try {
      const runs = await storage.db
        .selectFrom('model_runs')
        .select(['model', 'mode'])
        .orderBy('model')
        .execute();
      expect(runs).toEqual([
        { model: 'm_one', mode: 'default' },
        { model: 'm_two', mode: 'default' },
      ]);
      const answers = await storage.db.selectFrom('model_answers').select('id').execute();
      expect(answers).toHaveLength(40);
    } finally {
      await storage.close();
    }
    expect((await cli(['import-answers', path.join(temp.dir, 'subset.jsonl')])).code).toBe(
      EXIT.usage,
    );
  }, 120_000);
});
