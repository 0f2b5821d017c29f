/**
 * The labelling worklist's one query at 20,000 ECGs, in process (Hono's app.request), on SQLite
 * and PostgreSQL: 20,000 ECGs, 4,000 labels by the reader and 4,000 by another labeller,
 * 6,000 samples' worth of per-ECG counts, 1,000 open checks.
 */
import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { createApiApp } from '../server/app';
import { insertUser } from '../server/services/users';
import type { DbKind } from '../server/storage/database';
import { newId, nowIso } from '../server/storage/ids';
import { openMigratedDatabase } from '../server/storage/open-database';
import { testConfig, testPasswordHash } from '../testing/api-harness';
import { startPostgresCluster } from '../testing/postgres';
import { makeTempDir } from '../testing/test-database';
import type { BenchSuite } from './suite';
import { median, timeRuns } from './suite';

const ECGS = 20_000;
const BATCH = 500;

async function insertBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

async function onKind(kind: DbKind) {
  const temp = makeTempDir('ecg-bench-worklist-');
  const cluster = kind === 'postgres' ? await startPostgresCluster() : undefined;
  const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: cluster?.url });
  try {
    const { db } = storage;
    const passwordHash = await testPasswordHash();
    const me = await insertUser(db, null, { username: 'me', role: 'cardiologist', passwordHash });
    const other = await insertUser(db, null, {
      username: 'other',
      role: 'cardiologist',
      passwordHash,
    });
    const now = nowIso();
    const ecgs = Array.from({ length: ECGS }, (_, i) => ({
      id: newId(),
      source: 'ptbxl',
      ecg_id: String(100_000 + i),
      subject_id: null,
      path: i % 2 === 0 ? `records500/x/${i}_hr` : null,
      metadata: null,
      created_at: now,
    }));
    await insertBatches(ecgs, (b) => db.insertInto('ecg_records').values(b).execute());
    const label = (ecg: (typeof ecgs)[number], labeller: string, status: string) => ({
      id: newId(),
      ecg_record_id: ecg.id,
      labeller_id: labeller,
      status,
      content: '{"rate":"normal"}',
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await insertBatches(
      ecgs
        .filter((_, i) => i % 5 === 0)
        .map((e, i) => label(e, me.id, i % 2 ? 'draft' : 'submitted')),
      (b) => db.insertInto('dense_labels').values(b).execute(),
    );
    await insertBatches(
      ecgs.filter((_, i) => i % 5 === 1).map((e) => label(e, other.id, 'submitted')),
      (b) => db.insertInto('dense_labels').values(b).execute(),
    );
    await insertBatches(
      ecgs
        .filter((_, i) => i % 20 === 0)
        .map((e) => ({
          ecg_record_id: e.id,
          labeller_id: me.id,
          check_id: 'rate-vs-heart-rate',
          axis: 'rate',
          message: 'm',
          fingerprint: 'f',
          state: 'open',
          reason: null,
          dismissed_by: null,
          dismissed_at: null,
          updated_at: now,
        })),
      (b) => db.insertInto('label_checks').values(b).execute(),
    );
    const { app } = createApiApp({ db, kind, config: testConfig(temp.dir, cluster?.url) });
    const cookie = `${SESSION_COOKIE}=${(await createSession(db, me.id)).token}`;
    let bytes = 0;
    const times = await timeRuns(
      async () => {
        const response = await app.request('/api/ecg-worklist', { headers: { cookie } });
        const text = await response.text();
        if (response.status !== 200) throw new Error(`worklist: ${response.status} ${text}`);
        bytes = text.length;
      },
      { runs: 9, warmup: 2 },
    );
    return { ecgs: ECGS, medianMs: Math.round(median(times) * 10) / 10, responseBytes: bytes };
  } finally {
    await storage.close();
    cluster?.stop();
    temp.remove();
  }
}

/** The worklist query at 20,000 ECGs on both databases. */
export const labelWorklistSuite: BenchSuite = {
  name: 'label-worklist',
  async run() {
    return { sqlite: await onKind('sqlite'), postgres: await onKind('postgres') };
  },
};
