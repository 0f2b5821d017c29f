import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { hashPassword } from '../server/auth/password';
import { insertUser } from '../server/services/users';
import { openMigratedDatabase } from '../server/storage/open-database';
import { PTBXL_JSONL, REPO_ROOT } from '../testing/sample-fixtures';
import { spawnServer } from '../testing/server-process';
import { makeTempDir } from '../testing/test-database';
import type { HttpSend } from './http-client';
import { httpClient } from './http-client';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

/** Size of the imported file in MB (BENCH_IMPORT_MB, default the 250 MB). */
const TARGET_MB = Number(process.env['BENCH_IMPORT_MB'] ?? 250);
/** Imports measured (each into a fresh workspace and server). */
const RUNS = Number(process.env['BENCH_IMPORT_RUNS'] ?? 3);
/** The goal: GET /api/session answers within this during the import (p99). */
const GOAL_P99_MS = 100;
/** One GET /api/session is sent every PROBE_INTERVAL_MS, whether the last one answered or not. */
const PROBE_INTERVAL_MS = 20;
/** How long the reference (no import) is probed, per run. */
const REFERENCE_MS = 3000;
const MB = 1024 * 1024;
const RECORDS_DIR = path.resolve(REPO_ROOT, '../shared/data/ecg/ptbxl');

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Writes copies of the real PTB-XL samples, each copy with new ids (so the file is one valid
 * benchmark file), until the file holds TARGET_MB; returns its size and sample count.
 */
async function writeBigFile(file: string): Promise<{ bytes: number; samples: number }> {
  const originals = readFileSync(PTBXL_JSONL, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { metadata: { id: number } });
  const out = createWriteStream(file);
  let bytes = 0;
  let samples = 0;
  while (bytes < TARGET_MB * MB) {
    for (const original of originals) {
      if (bytes >= TARGET_MB * MB) break;
      const line = `${JSON.stringify({ ...original, metadata: { ...original.metadata, id: samples } })}\n`;
      bytes += Buffer.byteLength(line);
      samples += 1;
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return { bytes: statSync(file).size, samples };
}

/** A fresh workspace with one curator signed in; returns the session cookie. */
async function prepareWorkspace(dataDir: string): Promise<string> {
  const storage = await openMigratedDatabase({ dataDir, databaseUrl: undefined });
  try {
    const user = await insertUser(storage.db, null, {
      username: 'bench-curator',
      role: 'curator',
      passwordHash: await hashPassword('bench-password-1'),
    });
    return `${SESSION_COOKIE}=${(await createSession(storage.db, user.id)).token}`;
  } finally {
    await storage.close();
  }
}

/**
 * Open loop: sends GET /api/session every PROBE_INTERVAL_MS (not waiting for the previous
 * answer, so a stall of the server shows in every request sent during it) until stop resolves;
 * returns each request's latency in ms.
 */
async function probeSession(
  send: HttpSend,
  cookie: string,
  stop: Promise<unknown>,
): Promise<number[]> {
  const latenciesMs: number[] = [];
  const inFlight: Promise<void>[] = [];
  let stopped = false;
  void stop.finally(() => (stopped = true));
  let due = performance.now();
  while (!stopped) {
    const start = performance.now();
    inFlight.push(
      send('GET', '/api/session', { cookie }).then((answer) => {
        if (answer.status !== 200)
          throw new Error(`GET /api/session answered ${answer.status}: ${answer.text}`);
        latenciesMs.push(performance.now() - start);
      }),
    );
    due += PROBE_INTERVAL_MS;
    await Promise.race([
      new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now()))),
      stop,
    ]);
  }
  await Promise.all(inFlight);
  return latenciesMs;
}

interface RunFigures {
  referenceP99Ms: number;
  p99Ms: number;
  p50Ms: number;
  maxMs: number;
  probes: number;
  importSeconds: number;
}

/** One run: a fresh server, the reference probe, then the import with the probe beside it. */
async function measureRun(file: string, bytes: number): Promise<RunFigures> {
  const temp = makeTempDir('ecg-bench-import-load-');
  try {
    const cookie = await prepareWorkspace(temp.dir);
    const server = spawnServer({ DATA_DIR: temp.dir, RECORDS_DIR });
    try {
      // A new connection per request (see httpClient), for the probe and its reference alike.
      const send = httpClient(await server.ready, 64, false);
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      // Warm-up (JIT, statement cache), not measured.
      await probeSession(send, cookie, wait(500));
      const reference = await probeSession(send, cookie, wait(REFERENCE_MS));
      const started = await send(
        'POST',
        '/api/imports',
        { cookie, 'content-type': 'application/json' },
        JSON.stringify({ fileName: 'big.jsonl', sizeBytes: bytes }),
      );
      if (started.status !== 201) throw new Error(`POST /api/imports: ${started.text}`);
      const { id } = JSON.parse(started.text) as { id: string };
      const importStart = performance.now();
      const upload = send(
        'PUT',
        `/api/imports/${id}/file`,
        {
          cookie,
          'content-type': 'application/x-ndjson',
          'content-length': String(bytes),
        },
        createReadStream(file),
      );
      const during = await probeSession(send, cookie, upload);
      const answer = await upload;
      const importSeconds = (performance.now() - importStart) / 1000;
      const job = JSON.parse(answer.text) as { status: string; error: string | null };
      if (job.status !== 'imported')
        throw new Error(`import-load bench: the import was ${job.status} (${job.error ?? ''})`);
      return {
        referenceP99Ms: quantile(reference, 0.99),
        p99Ms: quantile(during, 0.99),
        p50Ms: quantile(during, 0.5),
        maxMs: Math.max(...during),
        probes: during.length,
        importSeconds,
      };
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    temp.remove();
  }
}

/**
 * Suite `importLoad`: a TARGET_MB file (copies of ptbxl.jsonl with new ids) imported through
 * the real server on SQLite (POST /api/imports, then the streamed PUT), while GET /api/session
 * is sent every 20 ms; its p99 beside the same probe without an import, in the same run.
 */
export const importLoadSuite: BenchSuite = {
  name: 'importLoad',
  async run() {
    const loadAverageAtStart = round(os.loadavg()[0]!, 2);
    const temp = makeTempDir('ecg-bench-import-file-');
    try {
      const file = path.join(temp.dir, 'big.jsonl');
      const { bytes, samples } = await writeBigFile(file);
      const runs: RunFigures[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measureRun(file, bytes));
      const p99 = median(runs.map((r) => r.p99Ms));
      return {
        database: 'sqlite',
        machineLoadAverage1mAtStart: loadAverageAtStart,
        fileMb: round(bytes / MB),
        samples,
        runs: RUNS,
        probe: `GET /api/session every ${PROBE_INTERVAL_MS} ms (open loop)`,
        getSessionDuringImport: {
          p50Ms: round(median(runs.map((r) => r.p50Ms))),
          p99Ms: round(p99),
          maxMs: round(median(runs.map((r) => r.maxMs))),
          probesPerRun: Math.round(median(runs.map((r) => r.probes))),
        },
        referenceGetSessionP99Ms: round(median(runs.map((r) => r.referenceP99Ms))),
        importSecondsMedian: round(median(runs.map((r) => r.importSeconds))),
        goal: `GET /api/session p99 < ${GOAL_P99_MS} ms during a ${TARGET_MB} MB import`,
        goalMet: p99 < GOAL_P99_MS,
      };
    } finally {
      temp.remove();
    }
  },
};
