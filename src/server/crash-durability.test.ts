import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DenseLabelSchema } from '../schemas/dense-label';
import { SESSION_COOKIE, createSession } from './auth/session-store';
import { registerEcgRecord } from './services/ecgs';
import { insertUser } from './services/users';
import { SQLITE_FILE_NAME, openMigratedDatabase } from './storage/open-database';
import { testPasswordHash } from '../testing/api-harness';
import { denseLabel } from '../testing/sample-fixtures';
import { spawnServer } from '../testing/server-process';
import { makeTempDir } from '../testing/test-database';

const SAVES = 500;
const KILL_AFTER_ACKS = 100;

describe('kill -9 during concurrent saves (SQLite)', () => {
  const temp = makeTempDir();
  afterAll(() => temp.remove());

  it('keeps every acknowledged save, whole, and the database passes integrity_check', async () => {
    const storage = await openMigratedDatabase({ dataDir: temp.dir, databaseUrl: undefined });
    const user = await insertUser(storage.db, null, {
      username: 'cardiologist',
      role: 'cardiologist',
      passwordHash: await testPasswordHash(),
    });
    const ecgIds: string[] = [];
    await storage.db.transaction().execute(async (trx) => {
      for (let i = 0; i < SAVES; i++) {
        ecgIds.push(
          (await registerEcgRecord(trx, { source: 'ptbxl', ecgId: String(10_000 + i) })).id,
        );
      }
    });
    const cookie = `${SESSION_COOKIE}=${(await createSession(storage.db, user.id)).token}`;
    await storage.close();

    const server = spawnServer({ DATA_DIR: temp.dir });
    const port = await server.ready;
    const acked = new Map<number, { version: number; diagnosis: string }>();
    let failed = 0;
    const unexpected: string[] = [];
    let killed = false;
    await Promise.all(
      ecgIds.map(async (ecgId, i) => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/ecgs/${ecgId}/label`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json', 'if-match': '"0"', cookie },
            body: JSON.stringify({ status: 'submitted', content: denseLabel(`save-${i}`) }),
          });
          const body = (await response.json()) as {
            label: { version: number; content: { diagnosis: string } };
          };
          expect(response.status).toBe(200);
          acked.set(i, { version: body.label.version, diagnosis: body.label.content.diagnosis });
          if (acked.size >= KILL_AFTER_ACKS && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } catch {
          failed += 1;
        }
      }),
    );
    expect(await server.exited).toBe('SIGKILL');
    expect(unexpected).toEqual([]);
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(failed).toBeGreaterThan(0);

    const sqlite = new BetterSqlite3(path.join(temp.dir, SQLITE_FILE_NAME));
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = sqlite
      .prepare(
        'select l.id, l.version, l.content, e.ecg_id from dense_labels l join ecg_records e on e.id = l.ecg_record_id',
      )
      .all() as { id: string; version: number; content: string; ecg_id: string }[];
    const byIndex = new Map(rows.map((row) => [Number(row.ecg_id) - 10_000, row]));
    for (const [i, ack] of acked) {
      const row = byIndex.get(i);
      expect(row, `acknowledged save ${i} is missing`).toBeDefined();
      expect(row!.version).toBe(ack.version);
      expect(DenseLabelSchema.parse(JSON.parse(row!.content)).diagnosis).toBe(`save-${i}`);
    }
    // None half-written: every stored label is whole and has its audit entry (same transaction).
    for (const row of rows) {
      expect(DenseLabelSchema.safeParse(JSON.parse(row.content)).success).toBe(true);
    }
    const audited = sqlite
      .prepare("select count(*) as n from audit_log where entity = 'dense_label'")
      .get() as { n: number };
    expect(audited.n).toBe(rows.length);
    sqlite.close();

    // The killed process left its pid file: a restart takes it over and serves the saves.
    const restarted = spawnServer({ DATA_DIR: temp.dir });
    const newPort = await restarted.ready;
    const [firstAcked] = [...acked.keys()];
    const check = await fetch(`http://127.0.0.1:${newPort}/api/ecgs/${ecgIds[firstAcked!]}/label`, {
      headers: { cookie },
    });
    expect(check.status).toBe(200);
    expect(
      ((await check.json()) as { label: { content: { diagnosis: string } } }).label.content
        .diagnosis,
    ).toBe(`save-${firstAcked}`);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  }, 300_000);
});
