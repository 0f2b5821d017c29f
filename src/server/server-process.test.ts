import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../testing/test-database';
import { spawnServer } from '../testing/server-process';
import { LOCK_FILE_NAME } from './storage/data-dir-lock';
import { DEMO_ECG_SPECS, generateDemoEcg } from './services/demo-workspace-data-ecgs';
import { plantDemoDefects } from './services/demo-workspace-data-planted';
import { buildDemoSamples } from './services/demo-workspace-data-samples';

describe('server process', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('creates only an admin with a one-time password, refuses a second process, stops on SIGTERM', async () => {
    const first = spawnServer({ DATA_DIR: temp.dir });
    const port = await first.ready;
    const password = /username admin\s+password (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();

    const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const users = await fetch(`http://127.0.0.1:${port}/api/users`, { headers: { cookie } });
    expect(
      ((await users.json()) as { items: { role: string }[] }).items.map((u) => u.role),
    ).toEqual(['admin']);

    const second = spawnServer({ DATA_DIR: temp.dir });
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain(
      `Another server process (pid ${first.child.pid}) is already using the data directory`,
    );

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(temp.dir, LOCK_FILE_NAME))).toBe(false);

    // A restart on the same directory works and does not print a new password.
    const third = spawnServer({ DATA_DIR: temp.dir });
    await third.ready;
    expect(third.output()).not.toContain('password');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 240_000);

  it('refuses bad settings with one line per setting and exit code 2', async () => {
    const bad = spawnServer({ DATA_DIR: temp.dir, PORT: 'eighty', DATABASE_URL: 'mysql://db' });
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/PORT="eighty": must be a whole number/);
    expect(bad.output()).toMatch(/DATABASE_URL="mysql:\/\/db": must be a PostgreSQL URL/);
  });

  it('serves the SPA shell for client routes and JSON 404 for unknown API paths', async () => {
    const dir = makeTempDir();
    const server = spawnServer({ DATA_DIR: dir.dir, DEMO: '1' });
    const port = await server.ready;
    expect(server.output()).toMatch(/curator\s+username curator\s+password curator-demo/);
    const api = await fetch(`http://127.0.0.1:${port}/api/nope`);
    expect(api.status).toBe(404);
    // The demo's samples are pre-flagged in the background after the start: the planted ones.
    const login = await fetch(`http://127.0.0.1:${port}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'curator', password: 'curator-demo' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let run: { trigger: string; status: string; total: number; flagged: number } | undefined;
    while (run?.status !== 'done') {
      const runs = await fetch(`http://127.0.0.1:${port}/api/preflags/runs`, {
        headers: { cookie },
      });
      run = ((await runs.json()) as { items: NonNullable<typeof run>[] }).items[0];
      expect(run === undefined || run.status === 'running' || run.status === 'done').toBe(true);
    }
    // Every demo sample checked; the planted ones, and only they, flagged.
    const clean = buildDemoSamples(DEMO_ECG_SPECS.map(generateDemoEcg));
    const planted = plantDemoDefects(clean);
    expect(run).toMatchObject({
      trigger: 'import',
      total: clean.length + planted.length,
      flagged: planted.length,
    });
    const page = await fetch(`http://127.0.0.1:${port}/samples/some-id`);
    expect([200, 503]).toContain(page.status);
    if (page.status === 200) expect(await page.text()).toContain('<div id="root"');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    dir.remove();
  }, 240_000);
});
