/**
 * The e2e server: the real server process (tsx src/server/main.ts) serving the built app over a
 * temporary DATA_DIR, RECORDS_DIR = ../shared/data/ecg/ptbxl, with the real benchmark imported by
 * the CLI. The first-start admin (its one-time password read from the server's log) signs in.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchmarkFile, ptbxlRecordsDir, repoRoot } from './real-data';

/** A running e2e server. */
export interface E2eServer {
  readonly baseURL: string;
  readonly username: string;
  readonly password: string;
  stop(): Promise<void>;
}

const tsx = path.resolve(repoRoot, 'node_modules/.bin/tsx');

function run(args: string[], env: NodeJS.ProcessEnv, what: string): void {
  const result = spawnSync(args[0]!, args.slice(1), {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
}

/** Builds dist/ unless it is newer than every source file that feeds it (E2E_SKIP_BUILD=1 skips). */
function ensureBuilt(): void {
  if (
    process.env['E2E_SKIP_BUILD'] === '1' &&
    existsSync(path.resolve(repoRoot, 'dist/index.html'))
  )
    return;
  run(
    [path.resolve(repoRoot, 'node_modules/.bin/vite'), 'build', '--logLevel', 'warn'],
    process.env,
    'vite build',
  );
}

/** Starts the server with the real benchmark imported; resolves once it answers. */
export async function startE2eServer(): Promise<E2eServer> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ecg-e2e-'));
  // Embedded SQLite in a fresh folder; a DATABASE_URL from the caller's shell must not leak in.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    RECORDS_DIR: ptbxlRecordsDir,
    HOST: '127.0.0.1',
    PORT: '0',
  };
  delete env['DATABASE_URL'];
  run([tsx, 'src/cli/main.ts', 'import', benchmarkFile], env, 'CLI import of the real benchmark');
  const child: ChildProcess = spawn(tsx, ['src/server/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const started = await new Promise<{ port: number; password: string }>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 60 s:\n${log}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const port = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      const password = /username admin\s+password (\S+)/.exec(log);
      if (port && password) {
        clearTimeout(timer);
        resolve({ port: Number(port[1]), password: password[1]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${log}`));
    });
  });
  return {
    baseURL: `http://127.0.0.1:${started.port}`,
    username: 'admin',
    password: started.password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when dist/ exists and is at least as new as src/ (for callers that want to skip building). */
export function distIsFresh(): boolean {
  const index = path.resolve(repoRoot, 'dist/index.html');
  return (
    existsSync(index) && statSync(index).mtimeMs >= statSync(path.resolve(repoRoot, 'src')).mtimeMs
  );
}
