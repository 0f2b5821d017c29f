import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { convertSample } from '../domain/benchmark/convert';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { hashPassword } from '../server/auth/password';
import { insertUser } from '../server/services/users';
import { openMigratedDatabase, sqliteHandleOf } from '../server/storage/open-database';
import { openReadSnapshot } from '../server/storage/read-snapshot';
import { PTBXL_JSONL } from '../testing/sample-fixtures';
import { spawnServer } from '../testing/server-process';
import { makeTempDir } from '../testing/test-database';
import type { BenchSuite } from './suite';

/** Workspace size in MB of sample JSON (BENCH_EXPORT_MB, default the 1 GB). */
const TARGET_MB = Number(process.env['BENCH_EXPORT_MB'] ?? 1024);
/** The goal: exporting it grows the server's resident memory by under 100 MB. */
const GOAL_RSS_GROWTH_MB = 100;
const MB = 1024 * 1024;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Fills a fresh SQLite workspace with copies of the real PTB-XL samples (each copy a new id,
 * so every line differs) until their JSON adds up to TARGET_MB; returns the sample count.
 */
async function fillWorkspace(dataDir: string): Promise<{ samples: number; cookie: string }> {
  const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
  try {
    const originals = readFileSync(PTBXL_JSONL, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => convertSample(BenchmarkSampleV001Schema.parse(JSON.parse(line)), 'list'));
    const sqlite = sqliteHandleOf(storage.db)!;
    const insert = sqlite.prepare(
      `insert into samples (id, data_source, sample_id, target_dx, dx_label, path_idx, ecg_id,
         subject_id, ecg_record_id, content, status, replaced_by, version, created_at, updated_at)
       values (?, 'ptbxl', ?, ?, ?, ?, ?, null, null, ?, 'active', null, 1, ?, ?)`,
    );
    const now = new Date().toISOString();
    let bytes = 0;
    let samples = 0;
    while (bytes < TARGET_MB * MB) {
      sqlite.transaction(() => {
        for (const original of originals) {
          if (bytes >= TARGET_MB * MB) break;
          const copy = { ...original, metadata: { ...original.metadata, id: samples } };
          const content = JSON.stringify(copy);
          bytes += Buffer.byteLength(content);
          insert.run(
            `bench${samples}`,
            samples,
            copy.metadata.target_dx,
            copy.metadata.dx_label ? 1 : 0,
            copy.metadata.path_idx,
            copy.metadata.ecg_id,
            content,
            now,
            now,
          );
          samples += 1;
        }
      })();
    }
    const user = await insertUser(storage.db, null, {
      username: 'bench-curator',
      role: 'curator',
      passwordHash: await hashPassword('bench-password-1'),
    });
    const session = await createSession(storage.db, user.id);
    return { samples, cookie: `${SESSION_COOKIE}=${session.token}` };
  } finally {
    await storage.close();
  }
}

/** Resident memory now and its high-water mark, from /proc (MB). */
function residentMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1]) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Downloads a URL, discarding the bytes; resolves with the byte count and the status. */
function download(url: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/**
 * The reference: the same rows read page by page from a snapshot, each JSON.parse-d and
 * JSON.stringify-d once (no conversion, no second pass, no HTTP). Returns ms and output bytes.
 */
async function stringifyReference(dataDir: string): Promise<{ ms: number; bytes: number }> {
  const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
  const snapshot = await openReadSnapshot(storage.db, 'sqlite');
  try {
    const start = performance.now();
    let bytes = 0;
    let after = -1;
    for (;;) {
      const rows = await snapshot.db
        .selectFrom('samples')
        .select(['sample_id', 'content'])
        .where('data_source', '=', 'ptbxl')
        .where('status', '=', 'active')
        .where('sample_id', '>', after)
        .orderBy('sample_id')
        .limit(500)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows)
        bytes += Buffer.byteLength(JSON.stringify(JSON.parse(row.content))) + 1;
      after = rows[rows.length - 1]!.sample_id;
    }
    return { ms: performance.now() - start, bytes };
  } finally {
    await snapshot.close();
    await storage.close();
  }
}

/**
 * Suite `export`: a TARGET_MB workspace (SQLite) exported through the real server over HTTP
 * (GET /api/export/ptbxl.jsonl: a checking pass, then the streamed pass), with the server's
 * peak resident memory growth read from /proc, and throughput beside JSON.stringify of the same
 * rows read the same way.
 */
export const exportSuite: BenchSuite = {
  name: 'export',
  async run() {
    const temp = makeTempDir('ecg-bench-export-');
    try {
      const fillStart = performance.now();
      const { samples, cookie } = await fillWorkspace(temp.dir);
      const fillMs = performance.now() - fillStart;
      const server = spawnServer({ DATA_DIR: temp.dir });
      const port = await server.ready;
      const pid = server.child.pid!;
      try {
        const base = `http://127.0.0.1:${port}`;
        // Warm the route (modules, statements) on the small manifest-free path first.
        await download(`${base}/api/session`, cookie);
        const before = residentMb(pid);
        // Reset the high-water mark to now, so the peak is the export's (Linux: clear_refs 5).
        let peakResetWorked = true;
        try {
          writeFileSync(`/proc/${pid}/clear_refs`, '5');
        } catch {
          peakResetWorked = false;
        }
        let sampledPeak = before.rss;
        const sampler = setInterval(() => {
          sampledPeak = Math.max(sampledPeak, residentMb(pid).rss);
        }, 10);
        const start = performance.now();
        const result = await download(`${base}/api/export/ptbxl.jsonl?version=0.0.2`, cookie);
        const exportMs = performance.now() - start;
        clearInterval(sampler);
        if (result.status !== 200)
          throw new Error(`export bench: the export answered ${result.status}`);
        const after = residentMb(pid);
        const peakMb = peakResetWorked ? Math.max(after.peak, sampledPeak) : sampledPeak;
        const growthMb = peakMb - before.rss;
        const reference = await stringifyReference(temp.dir);
        const exportMbPerS = result.bytes / MB / (exportMs / 1000);
        const referenceMbPerS = reference.bytes / MB / (reference.ms / 1000);
        return {
          database: 'sqlite',
          samples,
          exportedMb: round(result.bytes / MB),
          fillSeconds: round(fillMs / 1000),
          exportSeconds: round(exportMs / 1000),
          exportMbPerSecond: round(exportMbPerS),
          referenceJsonStringifyMbPerSecond: round(referenceMbPerS),
          exportToReferenceRatio: round(exportMbPerS / referenceMbPerS, 2),
          serverRssBeforeMb: round(before.rss),
          serverPeakRssMb: round(peakMb),
          peakRssGrowthMb: round(growthMb),
          peakFrom: peakResetWorked ? 'VmHWM after clear_refs, and 10 ms samples' : '10 ms samples',
          goal: `peak RSS growth < ${GOAL_RSS_GROWTH_MB} MB`,
          goalMet: growthMb < GOAL_RSS_GROWTH_MB,
        };
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    } finally {
      temp.remove();
    }
  },
};
