import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { CliIo } from '../command';

/** The repository root (tests read real data from ../shared relative to it). */
export const repoRoot = resolve(import.meta.dirname, '../../..');
/** The real benchmark file, read-only. */
export const benchmarkPath = resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl');

const exec = promisify(execFile);

/** Runs the real CLI (or the given entry, e.g. the bin) as a child process. */
export async function runCli(
  args: readonly string[],
  entry: readonly string[] = ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts')],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [...entry, ...args], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A CliIo that keeps what a command printed, for in-process runs. */
export function captureIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}
