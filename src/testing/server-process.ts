import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './sample-fixtures';

/** A real server process started from src/server/main.ts. */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the port once the start line appears (rejects if the process exits first). */
  readonly ready: Promise<number>;
  /** Resolves with the exit code (or signal name) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** Spawns `node --import tsx src/server/main.ts` with the given environment and arguments. */
export function spawnServer(
  env: Record<string, string>,
  args: readonly string[] = [],
): ServerProcess {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'src/server/main.ts'), ...args],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'] ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  const ready = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const match = /on http:\/\/[^:]+:(\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) =>
      reject(new Error(`server exited (${code}) before it was ready:\n${text}`)),
    );
  });
  ready.catch(() => {});
  return { child, output: () => text, ready, exited };
}
