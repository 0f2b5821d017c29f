import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDenseLabelLine } from '../../domain/taxonomy/validate-label';
import { hashPassword } from '../../server/auth/password';
import { registerEcgRecord } from '../../server/services/ecgs';
import { insertUser } from '../../server/services/users';
import { openMigratedDatabase } from '../../server/storage/open-database';
import { REPO_ROOT, denseLabel } from '../../testing/sample-fixtures';
import { makeTempDir } from '../../testing/test-database';

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

describe('labels command', () => {
  const temp = makeTempDir();
  let cardiologistId = '';
  beforeAll(async () => {
    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const passwordHash = await hashPassword('not-used-here');
    cardiologistId = (
      await insertUser(storage.db, null, { username: 'dr-a', role: 'cardiologist', passwordHash })
    ).id;
    await insertUser(storage.db, null, { username: 'cur', role: 'curator', passwordHash });
    await insertUser(storage.db, null, { username: 'rev', role: 'reviewer', passwordHash });
    for (const ecgId of ['11', '12'])
      await registerEcgRecord(storage.db, { source: 'ptbxl', ecgId });
    await storage.close();
  });
  afterAll(() => temp.remove());

  it('imports a cardiologist’s label file all or nothing and exports it back, validated', () => {
    const file = path.join(temp.dir, 'labels.jsonl');
    const line = (ecgId: string, status?: string) =>
      JSON.stringify({
        data_source: 'ptbxl',
        ecg_id: ecgId,
        label: denseLabel(`ecg ${ecgId}`),
        ...(status ? { status } : {}),
      });
    writeFileSync(file, `${line('11', 'submitted')}\n${line('99')}\n`);
    const refused = cli(temp.dir, ['labels', 'import', file, '--as', 'dr-a']);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${file}:2: error [unknown-ecg]`);
    expect(refused.err).toContain('nothing was imported');
    expect(cli(temp.dir, ['labels', 'import', file, '--as', 'rev']).code).toBe(2);

    writeFileSync(file, `${line('11', 'submitted')}\n${line('12')}\n`);
    const landed = cli(temp.dir, ['labels', 'import', file, '--as', 'dr-a']);
    expect(landed.code).toBe(0);
    expect(landed.err).toContain('2 new, 0 updated');

    const mine = cli(temp.dir, ['labels', 'export', '--as', 'dr-a']).out.trim().split('\n');
    expect(mine.map((l) => JSON.parse(l).status)).toEqual(['submitted', 'draft']);
    for (const l of mine) {
      const parsed = JSON.parse(l);
      expect(parsed.labeller).toBe(cardiologistId);
      expect(validateDenseLabelLine(parsed).problems).toEqual([]);
    }
    const out = path.join(temp.dir, 'all.jsonl');
    expect(cli(temp.dir, ['labels', 'export', '--as', 'cur', '--out', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toEqual([mine[0]]);
    expect(cli(temp.dir, ['labels', 'export', '--as', 'rev']).code).toBe(2);
  });
});
