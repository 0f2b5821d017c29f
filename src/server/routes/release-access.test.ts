import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../schemas/api/common';
import type { ApiHarness, TestClient, TestUserName } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { importThroughImporter, realSamplesById } from '../../testing/release-fixtures';
import { DB_KINDS } from '../../testing/test-database';

const real = realSamplesById(12);

type Caller = Exclude<Role, 'curator' | 'admin'> | 'anonymous';
const OUTSIDERS: readonly Caller[] = ['anonymous', 'cardiologist', 'reviewer'];
const USERS: Record<Exclude<Caller, 'anonymous'>, TestUserName> = {
  cardiologist: 'cardiologist',
  reviewer: 'reviewer',
};

describe.each(DB_KINDS)('release access on %s', (kind) => {
  let h: ApiHarness;
  let releaseId = '';
  let otherId = '';
  const client = (caller: Caller): TestClient =>
    caller === 'anonymous' ? h.anonymous() : h.client(USERS[caller]);

  beforeAll(async () => {
    h = await createApiHarness(kind);
    await importThroughImporter(h.database.storage.db, [...real.values()]);
    releaseId = (
      await h.client('curator').request('POST', '/api/releases', { body: { name: 'r1' } })
    ).body.id;
    otherId = (await h.client('admin').request('POST', '/api/releases', { body: { name: 'r2' } }))
      .body.id;
  });
  afterAll(async () => {
    await h.dispose();
  });

  it.each(OUTSIDERS)(
    'refuses cutting, editing and publishing to %s, and changes nothing',
    async (caller) => {
      const expected = caller === 'anonymous' ? 401 : 403;
      const writes = [
        await client(caller).request('POST', '/api/releases', { body: { name: `by-${caller}` } }),
        await client(caller).request('PUT', `/api/releases/${releaseId}/notes`, {
          body: { notes: 'hijacked' },
          ifMatch: 1,
        }),
        await client(caller).request('POST', `/api/releases/${releaseId}/publish`, { ifMatch: 1 }),
      ];
      expect(writes.map((r) => r.status)).toEqual([expected, expected, expected]);
      const after = await h.client('curator').request('GET', `/api/releases/${releaseId}`);
      expect(after.body).toMatchObject({ status: 'draft', version: 1 });
      expect(after.body.notes).not.toContain('hijacked');
      const names = (await h.client('curator').request('GET', '/api/releases')).body.items.map(
        (r: { name: string }) => r.name,
      );
      expect(names).toEqual(['r2', 'r1']);
    },
  );

  it('lets every signed-in role read, compare and export, and refuses anonymous', async () => {
    const reads = [
      '/api/releases',
      `/api/releases/${releaseId}`,
      `/api/releases/${releaseId}/diff/${otherId}`,
      `/api/releases/${releaseId}/export/ptbxl.jsonl?shape=scalar`,
      `/api/releases/${releaseId}/export/manifest.json`,
    ];
    for (const path of reads) {
      for (const name of ['cardiologist', 'reviewer', 'curator', 'admin'] as const) {
        expect((await h.client(name).request('GET', path)).status, `${name} ${path}`).toBe(200);
      }
      const anonymous = await h.anonymous().request('GET', path);
      expect(anonymous.status, path).toBe(401);
      expect(JSON.stringify(anonymous.body)).not.toContain('ptbxl');
    }
  });

  it('lets curators and admins cut, edit and publish', async () => {
    const edited = await h.client('admin').request('PUT', `/api/releases/${releaseId}/notes`, {
      body: { notes: 'by the admin' },
      ifMatch: 1,
    });
    expect(edited.status).toBe(200);
    const published = await h
      .client('curator')
      .request('POST', `/api/releases/${releaseId}/publish`, { ifMatch: 2 });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
  });
});
