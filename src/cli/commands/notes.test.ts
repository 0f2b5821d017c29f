import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutRelease } from '../../server/services/releases';
import { fixSample, resampleSample } from '../../server/services/samples';
import { insertUser } from '../../server/services/users';
import type { Actor } from '../../server/services/actor';
import { testPasswordHash } from '../../testing/api-harness';
import { importThroughImporter, realSamplesById } from '../../testing/release-fixtures';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../testing/test-database';
import { EXIT } from '../command';
import { repoRoot } from './test-helpers';

const exec = promisify(execFile);
const real = realSamplesById(210);

describe.each(DB_KINDS)('ecg-workbench notes on %s', (kind) => {
  let database: TestDatabase;
  let storedNotes = '';

  /** The real CLI in its own process, on this test's workspace. */
  async function notes(...args: string[]) {
    const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: database.dataDir };
    if (database.databaseUrl) env['DATABASE_URL'] = database.databaseUrl;
    else delete env['DATABASE_URL'];
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), 'notes', ...args],
        { cwd: repoRoot, env },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const { db } = database.storage;
    const user = await insertUser(db, null, {
      username: 'curator',
      role: 'curator',
      passwordHash: await testPasswordHash(),
    });
    const actor: Actor = { id: user.id, username: user.username, role: 'curator' };
    await importThroughImporter(db, [...real.values()]);
    await cutRelease(db, actor, { name: 'v1', answerShape: 'list' });
    const pk = async (id: number) =>
      (
        await db
          .selectFrom('samples')
          .select('id')
          .where('sample_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
    const fixed = structuredClone(real.get(3)!);
    fixed.data.reasoning[0]!.finding_identification.question += ' (clearer)';
    await fixSample(db, actor, await pk(3), 1, fixed);
    const moved = structuredClone(real.get(205)!);
    moved.metadata.ecg_id = real.get(4)!.metadata.ecg_id;
    await resampleSample(db, actor, await pk(205), 1, moved);
    storedNotes = (await cutRelease(db, actor, { name: 'v2', answerShape: 'list' })).notes;
  });
  afterAll(async () => {
    await database.dispose();
  });

  it('prints the notes between two releases named as cut: the ones the cut generated', async () => {
    const { code, stdout, stderr } = await notes('v1', 'v2');
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toBe(storedNotes);
    expect(stdout).toContain('### second_degree_av_block\n\n- ptbxl: 205\n');
    expect(stdout).toContain('- ptbxl 3: data.reasoning[0].finding_identification.question\n');
  });

  it('prints notes in either direction, and refuses unknown names and wrong calls', async () => {
    const back = await notes('v2', 'v1');
    expect(back.code).toBe(EXIT.ok);
    expect(back.stdout).toContain('Changes since release v2');
    const unknown = await notes('v1', 'v9');
    expect(unknown.code).toBe(EXIT.invalid);
    expect(unknown.stderr).toContain('Release "v9" not found.');
    expect((await notes('v1')).code).toBe(EXIT.usage);
  });
});
