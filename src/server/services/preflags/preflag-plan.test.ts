import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../../../testing/api-harness';
import { createApiHarness } from '../../../testing/api-harness';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { DB_KINDS } from '../../../testing/test-database';
import { loadScopeSamples, planJobs } from './preflag-plan';

const SAMPLES = loadRealSamples(23);

describe.each(DB_KINDS)('pre-flag run scope on %s', (kind) => {
  let h: ApiHarness;
  let ids: string[] = [];

  beforeAll(async () => {
    h = await createApiHarness(kind);
    ids = [];
    for (const sample of SAMPLES) ids.push(await h.addSample(sample));
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('reads a whole workspace page by page, each sample once, in list order', async () => {
    const db = h.database.storage.db;
    const whole = await loadScopeSamples(db, null, false);
    // Pages of 5 over 23 samples: four full pages and a partial one, none lost or repeated.
    const paged = await loadScopeSamples(db, null, false, 5);
    expect(paged.map((s) => s.id)).toEqual(whole.map((s) => s.id));
    expect(new Set(paged.map((s) => s.id)).size).toBe(SAMPLES.length);
    const listOrder = [...SAMPLES].sort((a, b) => a.metadata.id - b.metadata.id);
    expect(paged.map((s) => JSON.parse(s.content).metadata.id)).toEqual(
      listOrder.map((s) => s.metadata.id),
    );
  });

  it('reads listed samples in chunks, in the order listed', async () => {
    const db = h.database.storage.db;
    const listed = [...ids].reverse().slice(0, 12);
    const read = await loadScopeSamples(db, listed, false, 5);
    expect(read.map((s) => s.id)).toEqual(listed);
  });

  it('plans text-only batches for samples without a record', async () => {
    const db = h.database.storage.db;
    const samples = await loadScopeSamples(db, null, false);
    const jobs = planJobs(samples, { recordsDir: undefined, demoDir: '/no-demo-records' });
    // No records folder here: every sample is text-only (batches of 100), each in one job.
    expect(jobs.map((j) => j.job.recordBase)).toEqual([null]);
    expect(jobs[0]!.job.missingNote).toMatch(/RECORDS_DIR/);
    expect(jobs.flatMap((j) => j.samples.map((s) => s.id)).sort()).toEqual([...ids].sort());
  });
});
