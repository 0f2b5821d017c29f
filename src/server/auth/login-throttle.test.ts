import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiHarness, TestResponse } from '../../testing/api-harness';
import { TEST_PASSWORD, TestClient, createApiHarness } from '../../testing/api-harness';
import { REPO_ROOT } from '../../testing/sample-fixtures';
import { DB_KINDS } from '../../testing/test-database';
import { scryptStats } from './password';

/** Signs in as username from address (the harness trusts X-Forwarded-For for this). */
function signIn(
  h: ApiHarness,
  username: string,
  password: string,
  address: string,
): Promise<TestResponse> {
  return new TestClient(h.app).request('POST', '/api/session', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

describe.each(DB_KINDS)('sign-in throttle on %s', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    // Long delays, so that no real clock passes one during a test: time moves only by hand.
    h = await createApiHarness(kind, {
      config: { trustProxy: true },
      throttleSettings: {
        freeAttempts: 3,
        firstDelaySeconds: 60,
        maxDelaySeconds: 3600,
        memorySeconds: 24 * 3600,
      },
    });
  });
  afterAll(async () => {
    await h.dispose();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts parallel guesses before hashing: of 60 at once only the free 3 are checked', async () => {
    scryptStats(true);
    const guesses = Array.from({ length: 60 }, (_, i) =>
      signIn(h, 'reviewer', i === 36 ? TEST_PASSWORD : `wrong guess ${i}`, '192.0.2.60'),
    );
    const statuses = (await Promise.all(guesses)).map((r) => r.status);
    const checked = statuses.filter((status) => status !== 429);
    expect(checked).toHaveLength(3);
    expect(scryptStats().started).toBe(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(57);
    // The right password at guess 37 got in only if it was among the three checked.
    if (statuses[36] === 200) expect(checked).toContain(200);
    else expect(statuses[36]).toBe(429);
  });

  it('slows the (account, address) pair, not the account: the owner elsewhere signs in', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await signIn(h, 'curator', 'guess', '198.51.100.66')).status).toBe(401);
    }
    const attacker = await signIn(h, 'curator', TEST_PASSWORD, '198.51.100.66');
    expect(attacker.status).toBe(429);
    expect((await signIn(h, 'curator', TEST_PASSWORD, '203.0.113.7')).status).toBe(200);
  });

  it('does not lock everyone behind one address out after many failures from it', async () => {
    for (const name of [
      'ghost-1',
      'ghost-2',
      'ghost-3',
      'ghost-4',
      'ghost-5',
      'ghost-6',
      'ghost-7',
    ]) {
      for (let i = 0; i < 3; i++) {
        expect((await signIn(h, name, 'guess', '198.51.100.20')).status).toBe(401);
      }
    }
    // 21 failures from this address: a colleague behind the same NAT still signs in.
    expect((await signIn(h, 'admin', TEST_PASSWORD, '198.51.100.20')).status).toBe(200);
  });

  it('lets one attempt through per growing delay, and forgets the pair after a success', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const attempt = (password = 'guess') => signIn(h, 'cardiologist', password, '192.0.2.9');
    const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const waits: number[] = [];
    for (const step of [1, 2, 3]) {
      const refused = await attempt(TEST_PASSWORD);
      expect(refused.status, `refused at step ${step}`).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      advance(wait - 2);
      expect((await attempt(TEST_PASSWORD)).status, 'still waiting').toBe(429);
      advance(3);
      expect((await attempt()).status, `let through after ${wait} s`).toBe(401);
    }
    // 60 s, then 120 s, then 240 s.
    expect(waits).toEqual([60, 120, 240]);
    const blocked = await attempt(TEST_PASSWORD);
    expect(Number(blocked.headers.get('retry-after'))).toBe(480);
    advance(481);
    expect((await attempt(TEST_PASSWORD)).status).toBe(200);
    // Forgotten: the free attempts are back.
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
  });
});

describe('sign-in hashing', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness('sqlite', { config: { trustProxy: true } });
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('runs at most 2 scrypt hashes at once, so file reads are not queued behind a burst', async () => {
    // The dummy hash for unknown names is made once; make it before measuring.
    await signIn(h, 'nobody-warm-up', 'x', '192.0.2.200');
    scryptStats(true);
    let pending = 24;
    const burst = Array.from({ length: 24 }, (_, i) =>
      signIn(h, `nobody-${i}`, 'a password', `192.0.2.${i + 1}`).then((r) => {
        pending -= 1;
        return r.status;
      }),
    );
    // A WFDB read shares libuv's thread pool with scrypt: it must not wait for the burst.
    const record = path.resolve(
      REPO_ROOT,
      '../shared/data/ecg/ptbxl/records500/00000/00001_hr.dat',
    );
    const bytes = await readFile(record);
    const pendingWhenRead = pending;
    const statuses = await Promise.all(burst);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 401)).toBe(true);
    expect(scryptStats().peak).toBeLessThanOrEqual(2);
    expect(pendingWhenRead).toBeGreaterThanOrEqual(20);
  });
});
