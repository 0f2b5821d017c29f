import type { SourceEntry } from '../../../domain/jsonl/source-entry';
import type { ImportPhase, ImportProgress, ImportReport } from '../../../schemas/api/transfer';
import type { Db } from '../../storage/database';
import { newId, nowIso } from '../../storage/ids';
import type { Actor } from '../actor';
import type { RecordRoots } from '../records';
import { findRecordPaths } from '../records';
import { loadPtbxlMetadata } from '../records-ptbxl-metadata';
import type { EcgKey, ExistingSample, RegisteredEcg, SamplePlan } from './plan';
import { importReport, keyOf, planEcgs, planSamples } from './plan';
import type { ImportRead } from './read';
import { readImportFile } from './read';
import type { CommitGuard, ImportWritten } from './writer';
import { writeImportPlan } from './writer';
import { EventLoopSlicer } from '../../io/event-loop-slices';

/** Import settings. */
export interface ImportOptions {
  /** The file as the user named it (used in the report and the audit log). */
  readonly fileName: string;
  /** Store samples whose (data_source, id) exists as new revisions instead of refusing them. */
  readonly replace?: boolean;
  /** Check everything, write nothing. */
  readonly dryRun?: boolean;
  readonly roots: RecordRoots;
  /** Who imports (null: the CLI or the system). */
  readonly actor: Actor | null;
  /** Called (and awaited) as the import advances (every PROGRESS_EVERY entries read, and per phase). */
  readonly onProgress?: (progress: ImportProgress) => void | Promise<void>;
  /** Runs last inside the import's transaction; throwing rolls the import back. */
  readonly beforeCommit?: CommitGuard;
  /**
   * Called once the import's transaction has committed (not for dry runs or refusals): THE
   * point where an import is complete, for whatever follows one (pre-flags, notices).
   */
  readonly onCommitted?: (committed: ImportCommitted) => void | Promise<void>;
}

/** A committed import: its report and the sample rows it stored. */
export interface ImportCommitted extends ImportWritten {
  readonly report: ImportReport;
}

/** Rows per lookup query (well under both databases' parameter limits). */
const LOOKUP_ROWS = 400;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The stored samples the file's valid samples name again, by keyOf(source, id). */
async function loadExistingSamples(db: Db, read: ImportRead): Promise<Map<string, ExistingSample>> {
  const existing = new Map<string, ExistingSample>();
  const slicer = new EventLoopSlicer();
  const idsBySource = new Map<string, number[]>();
  for (const { metadata } of read.samples) {
    const ids = idsBySource.get(metadata.data_source) ?? [];
    ids.push(metadata.id);
    idsBySource.set(metadata.data_source, ids);
  }
  for (const [source, ids] of idsBySource) {
    // By the file's ids, a few hundred at a time: the workspace may hold far more samples.
    for (const chunk of chunks(ids, LOOKUP_ROWS)) {
      const rows = await db
        .selectFrom('samples')
        .select(['id', 'data_source', 'sample_id', 'version', 'content'])
        .where('data_source', '=', source)
        .where('sample_id', 'in', chunk)
        .execute();
      for (const row of rows) existing.set(keyOf(row.data_source, row.sample_id), row);
      await slicer.pause();
    }
  }
  return existing;
}

/** The ECGs of the list registered before, by keyOf(source, ecg_id). */
async function loadRegisteredEcgs(
  db: Db,
  ecgs: readonly EcgKey[],
): Promise<Map<string, RegisteredEcg>> {
  const registered = new Map<string, RegisteredEcg>();
  for (const chunk of chunks(ecgs, LOOKUP_ROWS)) {
    for (const source of new Set(chunk.map((e) => e.source))) {
      const rows = await db
        .selectFrom('ecg_records')
        .select(['id', 'source', 'ecg_id', 'path'])
        .where('source', '=', source)
        .where(
          'ecg_id',
          'in',
          chunk.filter((e) => e.source === source).map((e) => e.ecgId),
        )
        .execute();
      for (const row of rows) registered.set(keyOf(row.source, row.ecg_id), row);
    }
  }
  return registered;
}

/**
 * Imports benchmark samples (either answer shape) all or nothing: reads and validates every
 * entry first; plans what to insert and what to refuse (refusing with the full problem report
 * if any entry has an error or names a sample that exists, unless replace); then looks up the
 * ECGs' records and PTB-XL metadata and writes the whole plan in ONE transaction. A dry run
 * stops before writing and reports what would land.
 */
export async function importSamples(
  db: Db,
  batches: AsyncIterable<readonly SourceEntry[]>,
  options: ImportOptions,
): Promise<ImportReport> {
  const read = await readImportFile(batches, options.fileName, (p) =>
    options.onProgress?.({ phase: 'reading', ...p }),
  );
  const progress = async (phase: ImportPhase, plan: SamplePlan) =>
    await options.onProgress?.({
      phase,
      entriesRead: read.entriesRead,
      errors: plan.errors,
      warnings: plan.warnings,
    });
  const plan = planSamples(read, await loadExistingSamples(db, read), {
    fileName: options.fileName,
    replace: options.replace ?? false,
  });
  if (plan.errors > 0) {
    await progress('done', plan);
    return importReport('refused', options.fileName, read, plan, null);
  }

  await progress('records', plan);
  const now = nowIso();
  const ecgPlan = planEcgs(
    plan.ecgs,
    {
      registered: await loadRegisteredEcgs(db, plan.ecgs),
      paths: await findRecordPaths(options.roots, plan.ecgs),
      ptbxlMetadata: plan.ecgs.some((e) => e.source === 'ptbxl')
        ? await loadPtbxlMetadata(options.roots.recordsDir)
        : new Map(),
    },
    newId,
    now,
  );
  if (options.dryRun) {
    await progress('done', plan);
    return importReport('checked', options.fileName, read, plan, ecgPlan);
  }

  await progress('writing', plan);
  const report = importReport('imported', options.fileName, read, plan, ecgPlan);
  const written = await writeImportPlan(
    db,
    { samples: plan, ecgs: ecgPlan, report },
    options.actor,
    now,
    options.beforeCommit,
  );
  await options.onCommitted?.({ report, ...written });
  await progress('done', plan);
  return report;
}
