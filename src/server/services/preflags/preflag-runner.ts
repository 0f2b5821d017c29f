/**
 * Pre-flag runs: after an import lands (in the background) and on a curator's request. A run
 * fixes its samples when it starts, groups them by ECG (each record read and measured once, in a
 * worker thread), stores each group's results as they come in and keeps its progress in the
 * database, so any server process can report it. One runner per server; its worker pool lives
 * while runs do.
 */
import { PREFLAG_ENGINE_VERSION } from '../../../domain/review/preflags/catalog';
import type { PreflagRun, RunPreflagsRequest } from '../../../schemas/api/preflags';
import type { Db, PreflagRunsTable } from '../../storage/database';
import { newId, nowIso } from '../../storage/ids';
import type { Actor } from '../actor';
import type { RecordRoots } from '../records';
import { recordRoots } from '../records';
import { resolveSampleRefs, selectFilteredSamples } from '../review-pass-samples';
import { notFound } from '../service-error';
import type { PlannedJob } from './preflag-job';
import { PreflagPool, defaultPoolSize } from './preflag-pool';
import { storeResults } from './preflag-store';
import type { CheckedSample } from './preflag-store';
import { loadScopeSamples, planJobs } from './preflag-plan';

/** What starts a run. */
export type RunTrigger = 'import' | 'request';

/** Settings of a runner. */
export interface PreflagRunnerOptions {
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  /** Where background failures are reported. */
  readonly log?: (line: string) => void;
}

/** A stored run as the API returns it. */
export function toPreflagRun(row: PreflagRunsTable): PreflagRun {
  return {
    id: row.id,
    status: row.status as PreflagRun['status'],
    trigger: row.trigger as PreflagRun['trigger'],
    scope: JSON.parse(row.scope) as PreflagRun['scope'],
    requestedBy: row.requested_by,
    engineVersion: row.engine_version,
    total: row.total,
    done: row.done,
    flagged: row.flagged,
    failed: row.failed,
    workers: row.workers,
    error: row.error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** One run by id; 404 if none. */
export async function getPreflagRun(db: Db, id: string): Promise<PreflagRun> {
  const row = await db
    .selectFrom('preflag_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Pre-flag run');
  return toPreflagRun(row);
}

/** The latest runs, newest first. */
export async function listPreflagRuns(db: Db, limit = 20): Promise<PreflagRun[]> {
  const rows = await db
    .selectFrom('preflag_runs')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toPreflagRun);
}

/** Runs pre-flags for one server: starts runs, owns their worker pool, stops them on shutdown. */
export class PreflagRunner {
  private pool: PreflagPool | null = null;
  private readonly running = new Map<string, Promise<void>>();
  private readonly starting = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly log: (line: string) => void;
  readonly workers: number;

  constructor(
    private readonly db: Db,
    private readonly roots: RecordRoots,
    options: PreflagRunnerOptions = {},
  ) {
    this.workers = options.workers ?? defaultPoolSize();
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /**
   * Starts a run over the samples the request names (all when it names none); resolves once the
   * run is stored with its total, while the work goes on in the background. 400 on unknown refs.
   */
  async start(
    actor: Actor | null,
    trigger: RunTrigger,
    request: RunPreflagsRequest,
  ): Promise<PreflagRun> {
    if (this.stopping) throw new Error('the server is stopping: no new pre-flag runs');
    const ids = request.samples
      ? await resolveSampleRefs(this.db, request.samples)
      : request.filter
        ? (await selectFilteredSamples(this.db, request.filter).execute()).map((r) => r.id)
        : null;
    const samples = await loadScopeSamples(this.db, ids, request.onlyStale);
    const row: PreflagRunsTable = {
      id: newId(),
      status: 'running',
      trigger,
      scope: JSON.stringify({
        ...(request.filter ? { filter: request.filter } : {}),
        ...(request.samples ? { listed: request.samples.length } : {}),
        onlyStale: request.onlyStale,
      }),
      requested_by: actor?.id ?? null,
      engine_version: PREFLAG_ENGINE_VERSION,
      total: samples.length,
      done: 0,
      flagged: 0,
      failed: 0,
      workers: samples.length === 0 ? 0 : this.workers,
      error: null,
      created_at: nowIso(),
      finished_at: samples.length === 0 ? nowIso() : null,
    };
    if (samples.length === 0) row.status = 'done';
    await this.db.insertInto('preflag_runs').values(row).execute();
    if (samples.length > 0) {
      const work = this.execute(row.id, planJobs(samples, this.roots)).finally(() => {
        this.running.delete(row.id);
        if (this.running.size === 0) void this.closePool();
      });
      this.running.set(row.id, work);
    }
    return toPreflagRun(row);
  }

  /** Starts a run in the background without waiting for it (after an import: never delays it). */
  startInBackground(actor: Actor | null, trigger: RunTrigger, request: RunPreflagsRequest): void {
    const starting: Promise<unknown> = this.start(actor, trigger, request)
      .catch((error: unknown) => {
        if (!this.stopping) this.log(`Pre-flags after ${trigger} not started: ${String(error)}`);
      })
      .finally(() => this.starting.delete(starting));
    this.starting.add(starting);
  }

  /** Resolves when no run is starting or going on. */
  async whenIdle(): Promise<void> {
    while (this.starting.size > 0 || this.running.size > 0)
      await Promise.allSettled([...this.starting, ...this.running.values()]);
  }

  /** Stops: runs still going end as "stopped" and the workers are terminated. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.starting]);
    const ids = [...this.running.keys()];
    await this.closePool();
    await this.whenIdle();
    if (ids.length > 0) {
      await this.db
        .updateTable('preflag_runs')
        .set({ status: 'stopped', finished_at: nowIso() })
        .where('id', 'in', ids)
        .where('status', '=', 'running')
        .execute();
    }
  }

  private async closePool(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    await pool?.close();
  }

  private poolNow(): PreflagPool {
    this.pool ??= new PreflagPool(this.workers);
    return this.pool;
  }

  /** Runs the jobs, at most two per worker in flight, storing each result as it comes. */
  private async execute(runId: string, jobs: readonly PlannedJob[]): Promise<void> {
    let next = 0;
    let firstError: string | null = null;
    const lane = async () => {
      while (!this.stopping && next < jobs.length) {
        const planned = jobs[next++]!;
        try {
          const result = await this.poolNow().run(planned.job);
          const checked: CheckedSample[] = result.results.map((r, i) => ({
            sampleId: planned.samples[i]!.id,
            version: planned.samples[i]!.version,
            result: r,
          }));
          const outcome = await storeResults(this.db, runId, checked);
          await this.progress(runId, planned.samples.length, outcome.flagged, outcome.failed);
        } catch (error) {
          if (this.stopping) return;
          firstError ??= error instanceof Error ? error.message : String(error);
          await this.progress(runId, planned.samples.length, 0, planned.samples.length);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, this.workers * 2) }, lane));
      if (this.stopping) return;
      await this.db
        .updateTable('preflag_runs')
        .set({ status: firstError ? 'failed' : 'done', error: firstError, finished_at: nowIso() })
        .where('id', '=', runId)
        .execute();
    } catch (error) {
      if (!this.stopping) this.log(`Pre-flag run ${runId} failed: ${String(error)}`);
    }
  }

  private async progress(runId: string, done: number, flagged: number, failed: number) {
    await this.db
      .updateTable('preflag_runs')
      .set((eb) => ({
        done: eb('done', '+', done),
        flagged: eb('flagged', '+', flagged),
        failed: eb('failed', '+', failed),
      }))
      .where('id', '=', runId)
      .execute();
  }
}

const runners = new WeakMap<object, PreflagRunner>();

/** The runner of one server, made on first use (keyed by its deps object, so each app has its own). */
export function preflagRunnerOf(deps: {
  readonly db: Db;
  readonly config: { readonly recordsDir: string | undefined; readonly dataDir: string };
}): PreflagRunner {
  let runner = runners.get(deps);
  if (!runner) {
    runner = new PreflagRunner(deps.db, recordRoots(deps.config));
    runners.set(deps, runner);
  }
  return runner;
}

/** Stops the runner of a server, if it ever made one (before its database closes). */
export async function stopPreflagRunner(deps: object): Promise<void> {
  await runners.get(deps)?.stop();
}
