/**
 * What a run works on: its samples read with their content and their ECG's record path, and
 * grouped into jobs, one per ECG (so a record is read and measured once for all its samples);
 * samples without a record go in batches the text rules alone check.
 */
import { PREFLAG_ENGINE_VERSION } from '../../../domain/review/preflags/catalog';
import { EventLoopSlicer } from '../../io/event-loop-slices';
import type { Db } from '../../storage/database';
import type { RecordRoots } from '../records';
import { resolveStoredPath } from '../records';
import type { PlannedJob } from './preflag-job';
import { groupInto } from '../../../domain/group-into';

/** Samples read per query (well under both databases' parameter limits). */
const CHUNK = 500;
/** Samples per job when there is no record to read. */
const TEXT_ONLY_BATCH = 100;

/** A sample a run checks. */
export interface ScopeSample {
  readonly id: string;
  readonly version: number;
  readonly content: string;
  readonly source: string;
  readonly ecgId: string;
  /** The ECG's stored record path (null: not found by the last scan). */
  readonly recordPath: string | null;
}

function baseQuery(db: Db, onlyStale: boolean) {
  let select = db
    .selectFrom('samples as s')
    .leftJoin('ecg_records as e', 'e.id', 's.ecg_record_id')
    .select([
      's.id',
      's.version',
      's.content',
      's.data_source',
      's.sample_id',
      's.ecg_id',
      'e.path',
    ]);
  if (onlyStale) {
    select = select
      .leftJoin('sample_preflag_checks as c', 'c.sample_pk', 's.id')
      .where((eb) =>
        eb.or([
          eb('c.sample_pk', 'is', null),
          eb('c.sample_version', '<>', eb.ref('s.version')),
          eb('c.engine_version', '<>', PREFLAG_ENGINE_VERSION),
        ]),
      );
  }
  return select;
}

/** The samples of a run: the listed ids (null: every sample), optionally only the stale ones; in list order. */
export async function loadScopeSamples(
  db: Db,
  ids: readonly string[] | null,
  onlyStale: boolean,
  pageSize: number = CHUNK,
): Promise<ScopeSample[]> {
  type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
  const rows: Row[] = [];
  const slicer = new EventLoopSlicer();
  if (ids === null) {
    // Page by page, in list order: one query for a whole workspace held the event loop (and
    // its garbage) for half a second after a large import.
    for (let after: Row | undefined; ; ) {
      const last = after;
      const page = await baseQuery(db, onlyStale)
        .$if(last !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('s.data_source', '>', last!.data_source),
              eb.and([
                eb('s.data_source', '=', last!.data_source),
                eb('s.sample_id', '>', last!.sample_id),
              ]),
            ]),
          ),
        )
        .orderBy('s.data_source')
        .orderBy('s.sample_id')
        .limit(pageSize)
        .execute();
      for (const row of page) rows.push(row);
      if (page.length < pageSize) break;
      after = page[page.length - 1];
      await slicer.pause();
    }
  } else {
    const order = new Map(ids.map((id, i) => [id, i]));
    for (let start = 0; start < ids.length; start += pageSize) {
      const chunk = ids.slice(start, start + pageSize);
      for (const row of await baseQuery(db, onlyStale).where('s.id', 'in', chunk).execute())
        rows.push(row);
      await slicer.pause();
    }
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    content: r.content,
    source: r.data_source,
    ecgId: r.ecg_id,
    recordPath: r.path,
  }));
}

/** Groups a run's samples into jobs: one per record, text-only batches for the rest. */
export function planJobs(samples: readonly ScopeSample[], roots: RecordRoots): PlannedJob[] {
  const byRecord = new Map<string, ScopeSample[]>();
  const textOnly: { sample: ScopeSample; note: string }[] = [];
  for (const s of samples) {
    const base = s.recordPath === null ? null : resolveStoredPath(roots, s.recordPath);
    if (base === null) {
      const note =
        s.recordPath === null
          ? 'no record of this ECG was found under RECORDS_DIR or the demo folder (a records scan registers one added since)'
          : 'the stored record path lies outside the configured records folders (is RECORDS_DIR set?)';
      textOnly.push({ sample: s, note });
    } else groupInto(byRecord, base, s);
  }
  const jobs: PlannedJob[] = [];
  const job = (recordBase: string | null, group: readonly ScopeSample[], note: string | null) => {
    jobs.push({
      job: {
        id: jobs.length,
        recordBase,
        missingNote: note,
        samples: group.map((s) => ({ key: s.id, content: s.content })),
      },
      samples: group.map((s) => ({ id: s.id, version: s.version })),
    });
  };
  for (const [base, group] of byRecord) job(base, group, null);
  const byNote = new Map<string, ScopeSample[]>();
  for (const { sample, note } of textOnly) groupInto(byNote, note, sample);
  for (const [note, group] of byNote) {
    for (let start = 0; start < group.length; start += TEXT_ONLY_BATCH)
      job(null, group.slice(start, start + TEXT_ONLY_BATCH), note);
  }
  return jobs;
}
