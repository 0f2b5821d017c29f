import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/test-database';
import { DataDirLockedError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock';

describe('lockDataDir', () => {
  const temps: Array<{ remove(): void }> = [];
  afterEach(() => temps.splice(0).forEach((temp) => temp.remove()));

  it('writes this pid and removes the file on release', () => {
    const temp = makeTempDir();
    temps.push(temp);
    const release = lockDataDir(temp.dir);
    const file = path.join(temp.dir, LOCK_FILE_NAME);
    expect(readFileSync(file, 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses when a live process holds it, naming the pid', () => {
    const temp = makeTempDir();
    temps.push(temp);
    writeFileSync(path.join(temp.dir, LOCK_FILE_NAME), `${process.ppid}\n`);
    expect(() => lockDataDir(temp.dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(temp.dir)).toThrow(`pid ${process.ppid}`);
  });

  it('takes over the file of a process that is gone', () => {
    const temp = makeTempDir();
    temps.push(temp);
    // Pid numbers are bounded by pid_max (at most 2^22); this one cannot exist.
    writeFileSync(path.join(temp.dir, LOCK_FILE_NAME), '99999999\n');
    const release = lockDataDir(temp.dir);
    expect(readFileSync(path.join(temp.dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(
      String(process.pid),
    );
    release();
  });
});
