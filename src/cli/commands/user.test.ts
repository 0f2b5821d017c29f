import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../server/auth/password';
import { createSession, resolveSession } from '../../server/auth/session-store';
import { findUserByUsername } from '../../server/services/users';
import { openMigratedDatabase } from '../../server/storage/open-database';
import { REPO_ROOT } from '../../testing/sample-fixtures';
import { makeTempDir } from '../../testing/test-database';

function cli(dataDir: string, args: string[], input?: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/cli/main.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', DATA_DIR: dataDir },
      input: input ?? '',
      encoding: 'utf8',
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('user command', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('adds users (password from stdin or generated), refuses duplicates and bad roles, disables', async () => {
    const added = cli(
      temp.dir,
      ['user', 'add', 'dr-who', '--role', 'cardiologist', '--password-stdin'],
      'tardis-blue-box\n',
    );
    expect(added.code).toBe(0);
    expect(added.out).toContain('Added cardiologist "dr-who"');
    expect(added.out).not.toContain('tardis');

    const generated = cli(temp.dir, ['user', 'add', 'rev', '--role=reviewer']);
    expect(generated.code).toBe(0);
    const password = /One-time password \(shown once\): (\S+)/.exec(generated.out)?.[1];
    expect(password).toBeDefined();

    expect(
      cli(
        temp.dir,
        ['user', 'add', 'dr-who', '--role', 'curator', '--password-stdin'],
        'another-password',
      ).code,
    ).toBe(1);
    const badRole = cli(temp.dir, ['user', 'add', 'x-user', '--role', 'boss']);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toMatch(/--role must be one of/);
    const shortPassword = cli(
      temp.dir,
      ['user', 'add', 'shorty', '--role', 'admin', '--password-stdin'],
      'short',
    );
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.err).toMatch(/at least 10 characters/);

    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    try {
      const doctor = await findUserByUsername(storage.db, 'dr-who');
      expect(await verifyPassword('tardis-blue-box', doctor!.password_hash)).toBe(true);
      const reviewer = await findUserByUsername(storage.db, 'rev');
      expect(await verifyPassword(password!, reviewer!.password_hash)).toBe(true);
      const session = await createSession(storage.db, doctor!.id);

      const disabled = cli(temp.dir, ['user', 'disable', 'dr-who']);
      expect(disabled.code).toBe(0);
      expect(await resolveSession(storage.db, session.token)).toBeNull();
      expect((await findUserByUsername(storage.db, 'dr-who'))!.disabled).toBe(1);
    } finally {
      await storage.close();
    }
    expect(cli(temp.dir, ['user', 'disable', 'nobody']).code).toBe(1);
    expect(cli(temp.dir, ['user', 'rename']).code).toBe(2);
  }, 300_000);
});
