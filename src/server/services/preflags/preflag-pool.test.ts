import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PTBXL_JSONL, REPO_ROOT } from '../../../testing/sample-fixtures';
import { runPreflagJob } from './preflag-job';
import type { PreflagJob } from './preflag-job';
import { PreflagPool } from './preflag-pool';

const record = (name: string) =>
  path.resolve(REPO_ROOT, `../shared/data/ecg/ptbxl/records500/00000/${name}_hr`);
const line = (id: number) =>
  readFileSync(PTBXL_JSONL, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`{"metadata":{"id":${id},`))!;

const jobs: PreflagJob[] = [
  {
    id: 0,
    recordBase: record('00310'),
    missingNote: null,
    samples: [{ key: 'a', content: line(1948) }],
  },
  {
    id: 1,
    recordBase: record('00024'),
    missingNote: null,
    samples: [{ key: 'b', content: line(548) }],
  },
  {
    id: 2,
    recordBase: null,
    missingNote: 'none here',
    samples: [{ key: 'c', content: line(216) }],
  },
  {
    id: 3,
    recordBase: record('no-such'),
    missingNote: null,
    samples: [{ key: 'd', content: line(1948) }],
  },
];

describe('the pre-flag worker pool', () => {
  it('gives what the job gives in this thread, for jobs spread over two workers', async () => {
    const pool = new PreflagPool(2);
    try {
      const inPool = await Promise.all(jobs.map((j) => pool.run(j)));
      const here = await Promise.all(jobs.map(runPreflagJob));
      expect(inPool.map((r) => r.results)).toEqual(here.map((r) => r.results));
      expect(
        inPool.map((r) => r.results.map((s) => [s.key, s.status, s.flags.map((f) => f.rule)])),
      ).toEqual([
        [['a', 'checked', ['lead-answer-not-shown']]],
        [['b', 'checked', ['finding-contradicts-measurement']]],
        [['c', 'no-record', ['misspelled-ordinal']]],
        [['d', 'record-error', []]],
      ]);
      expect(inPool[2]!.results[0]!.note).toBe('none here');
      expect(inPool[3]!.results[0]!.note).toContain('does not exist');
    } finally {
      await pool.close();
    }
  });

  it('fails queued jobs when closed, and takes no more', async () => {
    const pool = new PreflagPool(1);
    const running = pool.run(jobs[0]!);
    const queued = pool.run(jobs[1]!);
    expect(pool.pending).toBe(2);
    const failed = Promise.all([
      expect(running).rejects.toThrow('closed'),
      expect(queued).rejects.toThrow('closed'),
    ]);
    await pool.close();
    await failed;
    await expect(pool.run(jobs[2]!)).rejects.toThrow('closed');
  });

  it('refuses a size below one', () => {
    expect(() => new PreflagPool(0)).toThrow('must be >= 1');
  });
});
