import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/sample-fixtures';
import { makeTempDir } from '../testing/test-database';
import { LOCK_FILE_NAME, lockDataDir } from './storage/data-dir-lock';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Pids of live processes in a process group (ps lists none once the group is gone). */
function groupMembers(groupId: number): number[] {
  const table = execFileSync('ps', ['-eo', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, stat]) => Number(pgid) === groupId && !stat?.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ANSI colour codes, which Vite and concurrently put around the URLs they print.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

describe('npm run dev', () => {
  const temp = makeTempDir('ecg-dev-');
  afterAll(() => temp.remove());

  it('serves the SPA from Vite, proxies /api to the API server, and stops as one process group', async () => {
    const apiPort = await freePort();
    const vitePort = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(env)) {
      if (key.startsWith('VITEST') || key === 'NODE_ENV' || key === 'DATABASE_URL') delete env[key];
    }
    // detached: the dev script (npm, concurrently, tsx watch, the server, Vite) gets its own
    // process group, which the test stops and then checks is empty.
    const dev = spawn('npm', ['run', 'dev'], {
      cwd: REPO_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...env,
        DATA_DIR: temp.dir,
        HOST: '127.0.0.1',
        PORT: String(apiPort),
        VITE_PORT: String(vitePort),
        NO_COLOR: '1',
      },
    });
    const groupId = dev.pid!;
    let output = '';
    dev.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    dev.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | string>((resolve) =>
      dev.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );
    try {
      const plain = () => output.replace(ANSI, '');
      await waitFor(`the API start line in:\n${plain()}`, 30_000, () =>
        plain().includes(`ECG Reasoning Workbench on http://127.0.0.1:${apiPort}`)
          ? true
          : undefined,
      );
      const viteUrl = await waitFor(`Vite's Local URL in:\n${plain()}`, 30_000, () => {
        const match = /Local:\s+(http:\/\/\S+?:(\d+))\//.exec(plain());
        return match ? { origin: match[1]!, port: Number(match[2]) } : undefined;
      });
      expect(viteUrl.port).toBe(vitePort);

      const shell = await fetch(`${viteUrl.origin}/`);
      expect(shell.status).toBe(200);
      const html = await shell.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).toContain('/@vite/client');
      expect(html).toContain('/src/main.tsx');

      // Through Vite's proxy: the API's own JSON error, not Vite's SPA fallback or a 502. A proxy
      // error (5xx) is retried for a while: tsx watch restarts the API when a source file changes.
      const proxyDeadline = Date.now() + 10_000;
      let session = await fetch(`${viteUrl.origin}/api/session`);
      while (session.status >= 500 && Date.now() < proxyDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        session = await fetch(`${viteUrl.origin}/api/session`);
      }
      expect(session.status).toBe(401);
      expect(session.headers.get('content-type')).toContain('application/json');
      const body = (await session.json()) as { error: { code: string } };
      expect(body.error.code).toBe('unauthenticated');
      // A page on Vite's origin posts through the proxy as same-origin (the API checks Host and
      // Origin); a page elsewhere is still refused.
      const signIn = (origin: string) =>
        fetch(`${viteUrl.origin}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin, 'user-agent': 'Mozilla/5.0' },
          body: JSON.stringify({ username: 'nobody', password: 'wrong password' }),
        });
      const own = await signIn(viteUrl.origin);
      expect(((await own.json()) as { error: { code: string } }).error.code).toBe(
        'invalid_credentials',
      );
      const foreign = await signIn('http://evil.example');
      expect(foreign.status).toBe(403);
      expect(existsSync(path.join(temp.dir, LOCK_FILE_NAME))).toBe(true);
    } finally {
      if (groupMembers(groupId).length > 0) process.kill(-groupId, 'SIGTERM');
    }
    await exited;
    // Every process of the group ends (no orphaned tsx, server, Vite or esbuild).
    await waitFor(`the dev process group ${groupId} to end`, 10_000, () =>
      groupMembers(groupId).length === 0 ? true : undefined,
    );
    // The data directory is free for the next start. The lock file itself may outlive a stop:
    // Ctrl+C (or this group SIGTERM) reaches tsx watch and concurrently too, and a second signal
    // makes tsx kill the server before it unlinks the file; the next start finds its pid dead.
    const release = lockDataDir(temp.dir);
    release();
    for (const port of [apiPort, vitePort]) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
      expect(refused, `port ${port} still accepts connections`).toBe(true);
    }
  }, 60_000);
});
