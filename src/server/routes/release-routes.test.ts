import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateBatches } from '../../domain/benchmark/validate-file';
import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import {
  ReleaseDiffResponseSchema,
  ReleaseListResponseSchema,
  ReleaseSchema,
} from '../../schemas/api/releases';
import type { Release } from '../../schemas/api/releases';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { ApiHarness, TestClient } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import {
  curatorWrite,
  importThroughImporter,
  publicIds,
  realSamplesById,
} from '../../testing/release-fixtures';
import { DB_KINDS } from '../../testing/test-database';

// ids 0-199 first_degree_av_block, 200-302 second_degree_av_block, 303-305 third_degree_av_block.
const real = realSamplesById(306);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The raw bytes of a download, as text (JSONL of one line would otherwise parse as JSON). */
async function download(h: ApiHarness, client: TestClient, path: string) {
  const response = await h.app.request(path, { headers: { cookie: client.cookie ?? '' } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function validateText(text: string) {
  async function* chunks() {
    yield new TextEncoder().encode(text);
  }
  return validateBatches('release.jsonl', jsonlEntryBatches('release.jsonl', chunks()));
}

describe.each(DB_KINDS)('releases on %s', (kind) => {
  let h: ApiHarness;
  let curator: TestClient;
  let ids: Map<number, string>;
  let a: Release;
  let b: Release;
  const downloadsOfA = new Map<string, string>();

  beforeAll(async () => {
    h = await createApiHarness(kind);
    curator = h.client('curator');
    await importThroughImporter(h.database.storage.db, [...real.values()]);
    ids = await publicIds(curator);
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('cuts release A: a draft with a snapshot of every sample and both shapes frozen', async () => {
    const response = await curator.request('POST', '/api/releases', { body: { name: 'A-0.1' } });
    expect(response.status).toBe(201);
    a = ReleaseSchema.parse(response.body);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(a).toMatchObject({
      status: 'draft',
      version: 1,
      snapshot: true,
      sampleCount: 306,
      previousRelease: null,
      createdByName: 'curator',
    });
    expect(a.notes).toBe(
      '# Release A-0.1\n\nFirst release of this workspace: 306 samples (ptbxl 306).\n',
    );
    expect(a.files.map((f) => [f.shape, f.file, f.samples])).toEqual([
      ['list', 'ptbxl.jsonl', 306],
      ['scalar', 'ptbxl.jsonl', 306],
    ]);
  });

  it("exports A byte-identically to the workspace's export of the same moment, in both shapes", async () => {
    for (const [shape, version] of [
      ['list', '0.0.2'],
      ['scalar', '0.0.1'],
    ] as const) {
      for (const file of ['ptbxl.jsonl', 'manifest.json']) {
        const release = await download(
          h,
          curator,
          `/api/releases/${a.id}/export/${file}?shape=${shape}`,
        );
        const workspace = await download(h, curator, `/api/export/${file}?version=${version}`);
        expect(release.status).toBe(200);
        expect(release.text).toBe(workspace.text);
        downloadsOfA.set(`${shape}/${file}`, release.text);
      }
      const frozen = a.files.find((f) => f.shape === shape)!;
      const text = downloadsOfA.get(`${shape}/ptbxl.jsonl`)!;
      expect(sha256(text)).toBe(frozen.sha256);
      expect(Buffer.byteLength(text)).toBe(frozen.bytes);
    }
    const byDefault = await download(h, curator, `/api/releases/${a.id}/export/ptbxl.jsonl`);
    expect(byDefault.text).toBe(downloadsOfA.get('list/ptbxl.jsonl'));
    expect(byDefault.headers.get('etag')).toBe(`"${a.files[0]!.sha256}"`);
    const report = await validateText(byDefault.text);
    expect(report.counts).toMatchObject({ samples: 306, errors: 0 });
    expect(report.answerShape).toBe('list');
  });

  it('cuts B after a fix, re-samples and a re-import: notes in the benchmark shape', async () => {
    await curatorWrite(curator, ids.get(7)!, 'fix', (s) => {
      s.data.reasoning[0]!.criterion_selection.question += ' (reworded)';
    });
    const otherEcg = (id: number) => real.get(id)!.metadata.ecg_id;
    await curatorWrite(curator, ids.get(12)!, 'resample', (s) => {
      s.metadata.ecg_id = otherEcg(250);
    });
    // Every third-degree sample re-sampled one by one: changed wholesale, but not regenerated.
    for (const [id, from] of [
      [303, 20],
      [304, 21],
      [305, 22],
    ] as const) {
      await curatorWrite(curator, ids.get(id)!, 'resample', (s) => {
        s.metadata.ecg_id = otherEcg(from);
      });
    }
    // The second-degree diagnosis regenerated: a new file of it imported over the old one.
    const regenerated = [...real.values()]
      .filter((s) => s.metadata.target_dx === 'second_degree_av_block')
      .map((s) => {
        const copy = structuredClone(s);
        copy.data.initial_diagnostic_question.question += ' (template 2)';
        return copy;
      });
    await importThroughImporter(h.database.storage.db, regenerated, true);

    const response = await curator.request('POST', '/api/releases', { body: { name: 'B-0.2' } });
    expect(response.status).toBe(201);
    b = ReleaseSchema.parse(response.body);
    expect(b.previousRelease).toEqual({ id: a.id, name: 'A-0.1' });
    expect(b.notes).toBe(
      [
        '# Release B-0.2',
        '',
        'Changes since release A-0.1: 306 samples (ptbxl 306); 4 re-sampled, 1 fixed in place, 0 added, 0 removed; 1 diagnosis regenerated wholesale (103 samples).',
        '',
        '## Diagnoses regenerated wholesale',
        '',
        '- second_degree_av_block (ptbxl): 103 samples regenerated (ids 200-302)',
        '',
        '## Re-sampled samples',
        '',
        'Moved to other ECGs of the pool, each keeping its id, diagnosis, label and path, so the distribution is unchanged.',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl: 12',
        '',
        '### third_degree_av_block',
        '',
        '- ptbxl: 303-305',
        '',
        '## Fixes in place',
        '',
        'Corrected on the same ECG; the fields changed are listed.',
        '',
        '### first_degree_av_block',
        '',
        '- ptbxl 7: data.reasoning[0].criterion_selection.question',
        '',
      ].join('\n'),
    );
  });

  it('diffs A..B: every re-sampled and edited id with the fields changed', async () => {
    const response = await h
      .client('reviewer')
      .request('GET', `/api/releases/${a.id}/diff/${b.id}`);
    expect(response.status).toBe(200);
    const diff = ReleaseDiffResponseSchema.parse(response.body);
    expect(diff.from.name).toBe('A-0.1');
    expect(diff.counts).toEqual({
      before: 306,
      after: 306,
      unchanged: 306 - 4 - 104,
      resampled: 4,
      edited: 104,
      added: 0,
      removed: 0,
    });
    const of = (id: number) => diff.changes.find((c) => c.id === id)!;
    expect(of(12)).toMatchObject({
      change: 'resampled',
      ecgIdBefore: real.get(12)!.metadata.ecg_id,
      ecgIdAfter: real.get(250)!.metadata.ecg_id,
      paths: ['metadata.ecg_id'],
    });
    expect(of(7)).toMatchObject({
      change: 'edited',
      paths: ['data.reasoning[0].criterion_selection.question'],
    });
    expect(of(250)).toMatchObject({
      change: 'edited',
      paths: ['data.initial_diagnostic_question.question'],
    });
    expect(diff.changes.filter((c) => c.change === 'resampled').map((c) => c.id)).toEqual([
      12, 303, 304, 305,
    ]);
    const wholesale = diff.byDiagnosis.filter((g) => g.wholesale).map((g) => g.targetDx);
    expect(wholesale).toEqual(['second_degree_av_block', 'third_degree_av_block']);
    const back = await curator.request('GET', `/api/releases/${b.id}/diff/${a.id}`);
    expect(back.body.counts.resampled).toBe(4);
  });

  it('keeps exporting A byte for byte after the workspace moved on', async () => {
    await curatorWrite(curator, ids.get(8)!, 'fix', (s) => {
      s.data.reasoning[0]!.criterion_selection.question += ' (later)';
    });
    for (const [key, text] of downloadsOfA) {
      const [shape, file] = key.split('/');
      const again = await download(
        h,
        h.client('cardiologist'),
        `/api/releases/${a.id}/export/${file}?shape=${shape}`,
      );
      expect(again.text).toBe(text);
    }
    const workspace = await download(h, curator, '/api/export/ptbxl.jsonl?version=0.0.2');
    expect(workspace.text).not.toBe(downloadsOfA.get('list/ptbxl.jsonl'));
  });

  it('edits the draft notes with If-Match, publishes, then freezes them', async () => {
    const stale = await curator.request('PUT', `/api/releases/${b.id}/notes`, {
      body: { notes: 'edited' },
      ifMatch: 7,
    });
    expect(stale.status).toBe(412);
    expect(stale.body.current.version).toBe(1);
    const noMatch = await curator.request('PUT', `/api/releases/${b.id}/notes`, {
      body: { notes: 'edited' },
    });
    expect(noMatch.status).toBe(428);
    const edited = await curator.request('PUT', `/api/releases/${b.id}/notes`, {
      body: { notes: `${b.notes}\nReviewed by the board.\n` },
      ifMatch: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    expect(edited.body.notes).toContain('Reviewed by the board.');
    const published = await h
      .client('admin')
      .request('POST', `/api/releases/${b.id}/publish`, { ifMatch: 2 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      version: 3,
      publishedBy: h.userIds.admin,
    });
    const after = await curator.request('PUT', `/api/releases/${b.id}/notes`, {
      body: { notes: 'too late' },
      ifMatch: 3,
    });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('release_published');
    const again = await curator.request('POST', `/api/releases/${b.id}/publish`, { ifMatch: 3 });
    expect(again.status).toBe(409);
    const read = await h.client('reviewer').request('GET', `/api/releases/${b.id}`);
    expect(read.body.notes).toContain('Reviewed by the board.');
    const audit = await h.client('admin').request('GET', `/api/audit?entity=release&limit=10`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'publish',
      'notes',
      'create',
      'create',
    ]);
  });

  it('lists releases newest first and says who may manage them', async () => {
    const asCurator = ReleaseListResponseSchema.parse(
      (await curator.request('GET', '/api/releases')).body,
    );
    expect(asCurator.items.map((r) => r.name)).toEqual(['B-0.2', 'A-0.1']);
    expect(asCurator.canManage).toBe(true);
    const asReviewer = (await h.client('reviewer').request('GET', '/api/releases')).body;
    expect(asReviewer.canManage).toBe(false);
  });

  it('refuses a name taken, and a cut while a sample fails validation (nothing written)', async () => {
    const taken = await curator.request('POST', '/api/releases', { body: { name: 'A-0.1' } });
    expect(taken.status).toBe(409);
    const db = h.database.storage.db;
    const row = await db
      .selectFrom('samples')
      .select(['id', 'content'])
      .where('id', '=', ids.get(9)!)
      .executeTakeFirstOrThrow();
    const broken = JSON.parse(row.content) as BenchmarkSampleV002;
    broken.data.reasoning[0]!.criterion_selection.answer_idx =
      (broken.data.reasoning[0]!.criterion_selection.answer_idx + 1) % 5;
    // Written under the services, as a bug or a hand edit would: the cut must still refuse.
    await db
      .updateTable('samples')
      .set({ content: JSON.stringify(broken) })
      .where('id', '=', row.id)
      .execute();
    try {
      const refused = await curator.request('POST', '/api/releases', { body: { name: 'C-bad' } });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('samples_invalid');
      expect(refused.body.error.issues[0].path).toBe(
        'ptbxl:9 data.reasoning[0].criterion_selection.answer_idx',
      );
      const names = (await curator.request('GET', '/api/releases')).body.items.map(
        (r: Release) => r.name,
      );
      expect(names).not.toContain('C-bad');
      const snapshotRows = await db
        .selectFrom('release_samples')
        .select('release_id')
        .distinct()
        .execute();
      expect(snapshotRows).toHaveLength(2);
    } finally {
      await db
        .updateTable('samples')
        .set({ content: row.content })
        .where('id', '=', row.id)
        .execute();
    }
  });

  it('refuses to send bytes other than the frozen ones when a revision was tampered with', async () => {
    const db = h.database.storage.db;
    const frozen = await db
      .selectFrom('release_samples')
      .select(['sample_pk', 'revision'])
      .where('release_id', '=', a.id)
      .where('sample_id', '=', 100)
      .executeTakeFirstOrThrow();
    const revision = await db
      .selectFrom('sample_revisions')
      .select('content')
      .where('sample_pk', '=', frozen.sample_pk)
      .where('version', '=', frozen.revision)
      .executeTakeFirstOrThrow();
    const tampered = JSON.parse(revision.content) as BenchmarkSampleV002;
    tampered.data.initial_diagnostic_question.question += '!';
    await db
      .updateTable('sample_revisions')
      .set({ content: JSON.stringify(tampered) })
      .where('sample_pk', '=', frozen.sample_pk)
      .where('version', '=', frozen.revision)
      .execute();
    try {
      await expect(
        download(h, curator, `/api/releases/${a.id}/export/ptbxl.jsonl`),
      ).rejects.toThrow(/ptbxl:100 no longer serialises to the bytes the release froze/);
    } finally {
      await db
        .updateTable('sample_revisions')
        .set({ content: revision.content })
        .where('sample_pk', '=', frozen.sample_pk)
        .where('version', '=', frozen.revision)
        .execute();
    }
    const restored = await download(h, curator, `/api/releases/${a.id}/export/ptbxl.jsonl`);
    expect(restored.text).toBe(downloadsOfA.get('list/ptbxl.jsonl'));
  });

  it('answers 404 for unknown files and 409 for a release cut before snapshots', async () => {
    expect((await curator.request('GET', `/api/releases/${a.id}/export/other.jsonl`)).status).toBe(
      404,
    );
    expect(
      (await curator.request('GET', `/api/releases/${a.id}/export/mimic_iv_ecg.jsonl`)).status,
    ).toBe(404);
    expect(
      (await curator.request('GET', `/api/releases/${a.id}/export/ptbxl.jsonl?shape=flat`)).status,
    ).toBe(400);
    const legacyId = '0000000000000000000000lgcy';
    await h.database.storage.db
      .insertInto('releases')
      .values({
        id: legacyId,
        name: 'legacy',
        format_version: '0.0.2',
        notes: 'free text',
        sample_count: 3,
        manifest: null,
        created_by: h.userIds.curator,
        created_at: '2020-01-01T00:00:00.000Z',
        status: 'published',
        version: 1,
        snapshot: 0,
        previous_release_id: null,
        published_by: null,
        published_at: null,
        updated_at: null,
      })
      .execute();
    const exported = await curator.request('GET', `/api/releases/${legacyId}/export/ptbxl.jsonl`);
    expect(exported.status).toBe(409);
    expect(exported.body.error.code).toBe('release_without_snapshot');
    expect((await curator.request('GET', `/api/releases/${legacyId}/diff/${a.id}`)).status).toBe(
      409,
    );
  });
});
