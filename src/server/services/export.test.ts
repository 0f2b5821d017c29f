import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { loadRealSamples } from '../../testing/sample-fixtures';
import { DB_KINDS, makeTempDir } from '../../testing/test-database';
import type { ExportCheck } from './export';
import { buildExport, fileChunks, sha256Hex } from './export';
import { openExportDownload, writeExport } from './export-downloads';
import { MAX_CONCURRENT_EXPORTS } from './export-slots';
import { ServiceError } from './service-error';
import { openReadSnapshot } from '../storage/read-snapshot';

// More than one page (500 rows), so a download is read in several queries.
const samples = loadRealSamples(620);

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** A check that refuses one line (1-based), as the validation gate would. */
function refusing(lineNumber: number): () => ExportCheck {
  return () => ({
    line: (_source, at) =>
      at === lineNumber
        ? [{ path: `ptbxl.jsonl:${at}:data.reasoning[0]`, message: 'no right answer' }]
        : [],
  });
}

describe.each(DB_KINDS)('streamed export on %s', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(kind);
    for (const sample of samples) await h.addSample(sample);
  }, 120_000);
  afterAll(async () => {
    await h.dispose();
  });

  it('streams page by page from one snapshot while writes go on', async () => {
    const db = h.database.storage.db;
    const before = await buildExport(db, kind, 'list');
    const download = await openExportDownload(db, kind, 'ptbxl', { shape: 'list' });
    expect(download).not.toBeNull();
    const reader = download!.body.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.split('\n').length - 1).toBeLessThanOrEqual(500);

    // A write lands while the download is open (it is not blocked by the export) ...
    const lastSample = samples[samples.length - 1]!;
    const last = lastSample.metadata.id;
    const edited = structuredClone(lastSample);
    edited.data.initial_diagnostic_question.question += ' (edited meanwhile)';
    const changed = await db
      .updateTable('samples')
      .set({ content: JSON.stringify(edited) })
      .where('data_source', '=', 'ptbxl')
      .where('sample_id', '=', last)
      .executeTakeFirst();
    expect(Number(changed.numUpdatedRows)).toBe(1);

    // ... and the download still gives the file as it was when it started.
    let rest = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    const text = first + rest;
    expect(text === before.files[0]!.text).toBe(true);
    expect(Buffer.byteLength(text)).toBe(download!.entry.bytes);
    expect(sha256Hex(text)).toBe(download!.entry.sha256);
    const afterwards = await buildExport(db, kind, 'list');
    expect(afterwards.files[0]!.sha256).not.toBe(download!.entry.sha256);
    await db
      .updateTable('samples')
      .set({ content: JSON.stringify(lastSample) })
      .where('data_source', '=', 'ptbxl')
      .where('sample_id', '=', last)
      .execute();
  });

  it('refuses an export a check rejects before any byte is sent or written', async () => {
    const db = h.database.storage.db;
    // The 551st line of ptbxl.jsonl in id order.
    const bad = 551;
    const refusal = await openExportDownload(db, kind, 'ptbxl', {
      shape: 'list',
      check: refusing(bad),
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ServiceError);
    expect((refusal as ServiceError).extra.code).toBe('export_refused');
    expect((refusal as ServiceError).extra.issues?.[0]).toEqual({
      path: `ptbxl.jsonl:${bad}:data.reasoning[0]`,
      message: 'no right answer',
    });

    const out = makeTempDir('ecg-export-');
    try {
      const written = await writeExport(
        db,
        kind,
        { shape: 'list', check: refusing(bad) },
        async () => {
          throw new Error('nothing may be written');
        },
      ).catch((error: unknown) => error);
      expect(written).toBeInstanceOf(ServiceError);
      expect(readdirSync(out.dir)).toEqual([]);
    } finally {
      out.remove();
    }
  });

  it('fails the stream, rather than ending it, if the bytes differ from the plan', async () => {
    const db = h.database.storage.db;
    const { manifest } = await buildExport(db, kind, 'list');
    const snapshot = await openReadSnapshot(db, kind);
    try {
      const wrong = { ...manifest.files[0]!, sha256: '0'.repeat(64) };
      let read = 0;
      const drained = (async () => {
        for await (const chunk of fileChunks(snapshot.db, wrong, 'list')) read += chunk.length;
      })();
      await expect(drained).rejects.toThrow(/changed between the two passes/);
      expect(read).toBeGreaterThan(0);
    } finally {
      await snapshot.close();
    }
  });

  it('sends Content-Length and ETag up front, answers HEAD, and frees its slot each time', async () => {
    const curator = h.client('curator');
    for (let i = 0; i < 5; i++) {
      const response = await h.app.request('/api/export/ptbxl.jsonl?version=0.0.1', {
        headers: { cookie: curator.cookie ?? '' },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(text));
      expect(response.headers.get('etag')).toBe(`"${sha256Hex(text)}"`);
      const head = await h.app.request('/api/export/ptbxl.jsonl?version=0.0.1', {
        method: 'HEAD',
        headers: { cookie: curator.cookie ?? '' },
      });
      expect(head.status).toBe(200);
      expect(head.headers.get('etag')).toBe(response.headers.get('etag'));
      expect(await head.text()).toBe('');
    }
    // A download cancelled half way frees its slot too.
    for (let i = 0; i < 5; i++) {
      const download = await openExportDownload(h.database.storage.db, kind, 'ptbxl', {
        shape: 'list',
      });
      const reader = download!.body.getReader();
      await reader.read();
      await reader.cancel();
    }
    expect(
      (
        await readAll(
          (await openExportDownload(h.database.storage.db, kind, 'ptbxl', { shape: 'list' }))!.body,
        )
      ).length,
    ).toBeGreaterThan(0);
  });

  it('runs at most MAX_CONCURRENT_EXPORTS at once and says so (503) past that', async () => {
    const db = h.database.storage.db;
    const open = await Promise.all(
      Array.from({ length: MAX_CONCURRENT_EXPORTS }, () =>
        openExportDownload(db, kind, 'ptbxl', { shape: 'list' }),
      ),
    );
    const refused = await openExportDownload(db, kind, 'ptbxl', { shape: 'list' }).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ServiceError);
    expect((refused as ServiceError).kind).toBe('unavailable');
    for (const download of open) await download!.body.cancel();
    const again = await openExportDownload(db, kind, 'ptbxl', { shape: 'list' });
    expect(Buffer.byteLength(await readAll(again!.body))).toBe(again!.entry.bytes);
  });
});
