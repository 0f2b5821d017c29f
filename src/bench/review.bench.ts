import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { createApiApp } from '../server/app';
import { createReviewPass } from '../server/services/review-passes';
import { metadataColumns } from '../server/services/samples';
import { insertUser } from '../server/services/users';
import type { Db, DbKind } from '../server/storage/database';
import { newId, nowIso } from '../server/storage/ids';
import type { Storage } from '../server/storage/open-database';
import { openMigratedDatabase } from '../server/storage/open-database';
import { testConfig } from '../testing/api-harness';
import { startPostgresCluster } from '../testing/postgres';
import { loadRealSamples } from '../testing/sample-fixtures';
import { makeTempDir } from '../testing/test-database';
import type { BenchSuite } from './suite';
import { median, quantile, timeRuns } from './suite';

/** Queue size the issue asks for: the whole benchmark for one reviewer. */
const QUEUE_ITEMS = 6_500;
const VERDICT_SAVES = 300;
const PREFLAGGED_EVERY = 20;

/** 6,500 samples: the real ptbxl.jsonl samples repeated under new ids, written in batches. */
async function fillSamples(db: Db): Promise<void> {
  const real = loadRealSamples(3084);
  const now = nowIso();
  const rows = Array.from({ length: QUEUE_ITEMS }, (_, i) => {
    const base = real[i % real.length]!;
    const sample = { ...base, metadata: { ...base.metadata, id: 100_000 + i } };
    return {
      id: newId(),
      ...metadataColumns(sample.metadata),
      ecg_record_id: null,
      content: JSON.stringify(sample),
      status: 'active',
      replaced_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
  });
  for (let start = 0; start < rows.length; start += 200) {
    await db
      .insertInto('samples')
      .values(rows.slice(start, start + 200))
      .execute();
  }
  const preflags = rows
    .filter((_, i) => i % PREFLAGGED_EVERY === 0)
    .map((row) => ({
      sample_pk: row.id,
      rule: 'bench',
      severity: 'warning',
      message: 'planted',
      numbers: '{}',
      engine_version: 'bench',
      created_at: now,
    }));
  for (let start = 0; start < preflags.length; start += 200) {
    await db
      .insertInto('sample_preflags')
      .values(preflags.slice(start, start + 200))
      .execute();
  }
}

async function measure(storage: Storage, dataDir: string, databaseUrl: string | undefined) {
  const db = storage.db;
  await fillSamples(db);
  const curator = await insertUser(db, null, {
    username: 'curator',
    role: 'curator',
    passwordHash: 'x',
  });
  const reviewer = await insertUser(db, null, {
    username: 'reviewer',
    role: 'reviewer',
    passwordHash: 'x',
  });
  const createStart = performance.now();
  const pass = await createReviewPass(db, curator, {
    name: 'bench pass',
    description: '',
    filter: {},
    mode: 'single',
    reviewerIds: [reviewer.id],
  });
  const createMs = performance.now() - createStart;
  const { app } = createApiApp({
    db,
    kind: storage.kind,
    config: testConfig(dataDir, databaseUrl),
  });
  const cookie = `${SESSION_COOKIE}=${(await createSession(db, reviewer.id)).token}`;
  let bytes = 0;
  let items = 0;
  const queueTimes = await timeRuns(
    async () => {
      const response = await app.request(`/api/review-passes/${pass.id}/queue`, {
        headers: { cookie },
      });
      const text = await response.text();
      bytes = text.length;
      items = (JSON.parse(text) as { items: unknown[] }).items.length;
    },
    { runs: 10, warmup: 2 },
  );
  if (items !== QUEUE_ITEMS) throw new Error(`queue has ${items} items, not ${QUEUE_ITEMS}`);
  const queue = (await (
    await app.request(`/api/review-passes/${pass.id}/queue`, { headers: { cookie } })
  ).json()) as { items: { sampleId: string }[] };

  const saveTimes: number[] = [];
  for (let i = 0; i < VERDICT_SAVES; i++) {
    const sampleId = queue.items[i]!.sampleId;
    const start = performance.now();
    const response = await app.request(
      `/api/review-passes/${pass.id}/samples/${sampleId}/verdict`,
      {
        method: 'PUT',
        headers: {
          cookie,
          'content-type': 'application/json',
          'if-match': '0',
          'idempotency-key': `bench-${i}`,
        },
        body: JSON.stringify({
          verdict: i % 10 === 0 ? 'flag' : 'pass',
          reasons: i % 10 ? [] : [5],
        }),
      },
    );
    await response.text();
    saveTimes.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`verdict save answered ${response.status}`);
  }
  const progressTimes = await timeRuns(
    async () =>
      (await app.request(`/api/review-passes/${pass.id}/progress`, { headers: { cookie } })).text(),
    { runs: 10, warmup: 1 },
  );
  return {
    createPassMs: Math.round(createMs),
    queue: {
      items,
      responseBytes: bytes,
      medianMs: Math.round(median(queueTimes) * 10) / 10,
      maxMs: Math.round(Math.max(...queueTimes) * 10) / 10,
    },
    verdictSave: {
      saves: VERDICT_SAVES,
      p50Ms: Math.round(median(saveTimes) * 100) / 100,
      p95Ms: Math.round(quantile(saveTimes, 0.95) * 100) / 100,
      p99Ms: Math.round(quantile(saveTimes, 0.99) * 100) / 100,
    },
    progressMedianMs: Math.round(median(progressTimes) * 10) / 10,
  };
}

async function onKind(kind: DbKind) {
  const temp = makeTempDir('ecg-bench-review-');
  const cluster = kind === 'postgres' ? await startPostgresCluster() : undefined;
  const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: cluster?.url });
  try {
    return await measure(storage, temp.dir, cluster?.url);
  } finally {
    await storage.close();
    cluster?.stop();
    temp.remove();
  }
}

/**
 * Review workflow speed, in process (Hono's app.request, no network): a reviewer's queue of
 * 6,500 items (5% pre-flagged) in one response, verdict saves one after another with an
 * Idempotency-Key, and pass progress; on SQLite and PostgreSQL.
 */
export const reviewSuite: BenchSuite = {
  name: 'review',
  async run() {
    return { sqlite: await onKind('sqlite'), postgres: await onKind('postgres') };
  },
};
