import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestDatabase } from '../../testing/test-database';
import { DB_KINDS, createTestDatabase } from '../../testing/test-database';
import { pgPoolOf } from '../storage/open-database';
import { Presence } from './presence';
import type { PubSub } from './pubsub';
import { LocalPubSub, MAX_MESSAGE_BYTES, PgPubSub } from './pubsub';

const alice = { userId: 'u-alice', username: 'alice', role: 'cardiologist' };
const bob = { userId: 'u-bob', username: 'bob', role: 'reviewer' };

describe.each(DB_KINDS)('live updates between processes on %s', (kind) => {
  let database: TestDatabase;
  let second: pg.Pool | undefined;
  /** Two buses as two server processes would have them (on SQLite: one process, one bus). */
  let busA: PubSub;
  let busB: PubSub;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    if (kind === 'postgres') {
      second = new pg.Pool({ connectionString: database.databaseUrl });
      busA = new PgPubSub(database.databaseUrl!, pgPoolOf(database.storage.db)!);
      busB = new PgPubSub(database.databaseUrl!, second);
    } else {
      busA = new LocalPubSub();
      busB = busA;
    }
  });
  afterAll(async () => {
    await busA.close();
    await busB.close();
    await second?.end();
    await database.dispose();
  });

  it('delivers a message to every subscriber of its channel, and only of it', async () => {
    const seenA: unknown[] = [];
    const seenB: unknown[] = [];
    const other: unknown[] = [];
    const stopA = await busA.subscribe('greetings', (m) => seenA.push(m));
    const stopB = await busB.subscribe('greetings', (m) => seenB.push(m));
    const stopOther = await busB.subscribe('elsewhere', (m) => other.push(m));
    await busA.publish('greetings', { hello: 'from A' });
    await vi.waitFor(() => {
      expect(seenA).toEqual([{ hello: 'from A' }]);
      expect(seenB).toEqual([{ hello: 'from A' }]);
    });
    expect(other).toEqual([]);
    stopA();
    stopB();
    stopOther();
    await expect(busA.publish('greetings', { big: 'x'.repeat(MAX_MESSAGE_BYTES) })).rejects.toThrow(
      /over 7900 bytes/,
    );
  });

  it('tells each process who else has an item open, and when they leave', async () => {
    const a = new Presence(busA);
    const b = new Presence(busB);
    try {
      const aliceLeaves = await a.join('sample:1', alice);
      await vi.waitFor(async () => expect(await b.who('sample:1')).toEqual([alice]));
      const bobLeaves = await b.join('sample:1', bob);
      await vi.waitFor(async () => expect(await a.who('sample:1')).toEqual([alice, bob]));
      expect(await a.who('sample:2')).toEqual([]);
      await aliceLeaves();
      await vi.waitFor(async () => expect(await b.who('sample:1')).toEqual([bob]));
      await bobLeaves();
      await vi.waitFor(async () => expect(await a.who('sample:1')).toEqual([]));
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("drops a silent process's viewers once its announcements expire", async () => {
    let clockMs = 1_000_000;
    const timing = { heartbeatMs: 60_000, expireMs: 30_000 };
    const a = new Presence(busA, timing);
    const b = new Presence(busB, timing, () => clockMs);
    const changes: number[] = [];
    const stop = b.onChange('ecg:9', () => changes.push(clockMs));
    try {
      await b.start();
      await a.join('ecg:9', alice);
      await vi.waitFor(async () => expect(await b.who('ecg:9')).toEqual([alice]));
      expect(changes.length).toBeGreaterThan(0);
      clockMs += 29_000;
      expect(await b.who('ecg:9')).toEqual([alice]);
      clockMs += 2_000;
      expect(await b.who('ecg:9')).toEqual([]);
    } finally {
      stop();
      await a.close();
      await b.close();
    }
  });
});
