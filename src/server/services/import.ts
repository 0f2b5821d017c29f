import type { Insertable } from 'kysely';
import type { Database as SqliteHandle } from 'better-sqlite3';
import type { FileProblem } from '../../domain/benchmark/validate-file';
import { FileValidator } from '../../domain/benchmark/validate-file';
import { convertSample } from '../../domain/benchmark/convert';
import type { SourceEntry } from '../../domain/jsonl/source-entry';
import type {
  BenchmarkSampleV002,
  DataSource,
  FormatVersion,
} from '../../schemas/benchmark-sample';
import type {
  AuditLogTable,
  Db,
  EcgRecordsTable,
  SampleRevisionsTable,
  SamplesTable,
} from '../storage/database';
import { newId, nowIso } from '../storage/ids';
import { sqliteHandleOf } from '../storage/open-database';
import type { Actor } from './actor';
import type { RecordRoots } from './records';
import { findRecordPaths } from './records';
import { loadPtbxlMetadata } from './records-ptbxl-metadata';
import { ServiceError } from './service-error';

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
  /** Called as the import advances (every PROGRESS_EVERY entries read, and per phase). */
  readonly onProgress?: (progress: ImportProgress) => void;
}

/** Where an import is: reading and checking the file, looking up records, writing, done. */
export type ImportPhase = 'reading' | 'records' | 'writing' | 'done';

/** How far an import has come. */
export interface ImportProgress {
  readonly phase: ImportPhase;
  /** Documents (lines or sample files) read so far. */
  readonly entriesRead: number;
  readonly errors: number;
  readonly warnings: number;
}

/** One problem of the report: FileProblem plus the one-line text people read. */
export interface ImportProblem {
  readonly severity: 'error' | 'warning';
  readonly rule: string;
  readonly file: string;
  /** 1-based line in the JSONL file; null for a one-sample file or the file as a whole. */
  readonly lineNumber: number | null;
  readonly sampleId: number | null;
  /** JSON path inside the sample, e.g. data.reasoning[0].answer_idx ('' for the whole line). */
  readonly path: string;
  readonly message: string;
  /** "ptbxl.jsonl:17: error: sample 16: data.metadata.id: ... [rule]". */
  readonly text: string;
}

/** What an import did, or why it refused: every problem, counts, ECGs whose records are missing. */
export interface ImportReport {
  /** imported: landed whole; refused: nothing written; checked: a dry run that would land. */
  readonly outcome: 'imported' | 'refused' | 'checked';
  readonly file: string;
  /** The file's format version (null when undecided: no wave/measurement grounding). */
  readonly version: FormatVersion | null;
  readonly counts: {
    readonly entries: number;
    readonly samples: number;
    /** New samples (revision 1). */
    readonly created: number;
    /** Existing samples given a new revision (replace). */
    readonly replaced: number;
    /** Existing samples whose content was already the same (replace). */
    readonly unchanged: number;
    readonly errors: number;
    readonly warnings: number;
  };
  readonly ecgs: {
    /** Distinct ECGs the samples name. */
    readonly named: number;
    /** Of those, newly registered by this import. */
    readonly registered: number;
    /** Of those, with WFDB files found under RECORDS_DIR (or the demo folder). */
    readonly withRecord: number;
    /** With PTB-XL metadata from ptbxl_database.csv. */
    readonly withMetadata: number;
  };
  /** ECGs whose records were not found, as "source/ecg_id", sorted. */
  readonly missingRecords: readonly string[];
  readonly problems: readonly ImportProblem[];
}

/** Report progress at most this often (entries). */
export const PROGRESS_EVERY = 250;
/** Rows per multi-row INSERT (well under SQLite's and PostgreSQL's parameter limits). */
const BATCH_ROWS = 400;

/** Rules the importer adds to the validator's (for the README). */
export const IMPORT_RULES = {
  'already-imported': [
    'error',
    'a sample whose data_source and id exist is refused unless replace is asked for',
  ],
  'not-samples': ['error', 'the import takes benchmark samples, not dense labels'],
} as const;

/** One problem as a line: `file:17: error: sample 16: data.reasoning[0].answer: message [rule]`. */
export function formatImportProblem(p: Omit<ImportProblem, 'text'>): string {
  const location = p.lineNumber === null ? p.file : `${p.file}:${p.lineNumber}`;
  const sample = p.sampleId === null ? '' : `sample ${p.sampleId}: `;
  const path = p.path === '' ? '' : `${p.path}: `;
  return `${location}: ${p.severity}: ${sample}${path}${p.message} [${p.rule}]`;
}

function toImportProblem(problem: FileProblem): ImportProblem {
  const out = {
    severity: problem.severity,
    rule: problem.rule,
    file: problem.file,
    lineNumber: problem.lineNumber,
    sampleId: problem.sampleId,
    path: problem.pathText,
    message: problem.message,
  };
  return { ...out, text: formatImportProblem(out) };
}

function importProblem(
  location: { file: string; lineNumber: number | null },
  sampleId: number | null,
  rule: keyof typeof IMPORT_RULES,
  path: string,
  message: string,
): ImportProblem {
  const out = {
    severity: 'error' as const,
    rule,
    file: location.file,
    lineNumber: location.lineNumber,
    sampleId,
    path,
    message,
  };
  return { ...out, text: formatImportProblem(out) };
}

interface ValidSample {
  /** Only the metadata is kept: holding every parsed sample until the write costs GC time. */
  readonly metadata: BenchmarkSampleV002['metadata'];
  readonly content: string;
  readonly location: { file: string; lineNumber: number | null };
}

interface EcgKey {
  readonly source: DataSource;
  readonly ecgId: string;
  readonly subjectId: string | null;
}

const ecgKey = (source: string, ecgId: string) => `${source}/${ecgId}`;

async function insertBatched<T>(
  rows: readonly T[],
  insert: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    await insert(rows.slice(start, start + BATCH_ROWS));
  }
}

/** The columns an import writes, per table, in a fixed order (audit_log's seq is generated). */
const ECG_COLUMNS = [
  'id',
  'source',
  'ecg_id',
  'subject_id',
  'path',
  'metadata',
  'created_at',
] as const satisfies readonly (keyof EcgRecordsTable)[];
const SAMPLE_COLUMNS = [
  'id',
  'data_source',
  'sample_id',
  'target_dx',
  'dx_label',
  'path_idx',
  'ecg_id',
  'subject_id',
  'ecg_record_id',
  'content',
  'status',
  'replaced_by',
  'version',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof SamplesTable)[];
const REVISION_COLUMNS = [
  'id',
  'sample_pk',
  'version',
  'content',
  'kind',
  'author_id',
  'created_at',
] as const satisfies readonly (keyof SampleRevisionsTable)[];
const AUDIT_COLUMNS = [
  'actor_id',
  'actor_role',
  'entity',
  'entity_id',
  'action',
  'before',
  'after',
  'base_version',
  'at',
] as const satisfies readonly (keyof AuditLogTable)[];

/**
 * Inserts rows on SQLite through one prepared statement run per row (the raw handle shares the
 * connection, so the rows land in the caller's open transaction); Kysely's multi-row inserts
 * compile thousands of parameters per batch and cost twice the write itself.
 */
function insertPrepared<R>(
  sqlite: SqliteHandle,
  table: string,
  columns: readonly (keyof R & string)[],
  rows: readonly R[],
): void {
  if (rows.length === 0) return;
  const statement = sqlite.prepare(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) ` +
      `values (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) statement.run(columns.map((c) => row[c]));
}

/**
 * Imports benchmark samples (either format version) all or nothing: reads and validates every
 * entry first; refuses with the full problem report if any has an error or names a sample that
 * exists (unless replace); else registers the ECGs the samples name (with their record path and
 * PTB-XL metadata when found) and writes every sample, revision and audit entry in ONE
 * transaction with multi-row inserts.
 */
export async function importSamples(
  db: Db,
  batches: AsyncIterable<readonly SourceEntry[]>,
  options: ImportOptions,
): Promise<ImportReport> {
  const progress = (
    phase: ImportPhase,
    counts: { entriesRead: number; errors: number; warnings: number },
  ) => options.onProgress?.({ phase, ...counts });
  let errors = 0;
  let warnings = 0;
  const validator = new FileValidator({
    onProblem: (p) => {
      if (p.severity === 'error') errors++;
      else warnings++;
    },
  });
  const valid: ValidSample[] = [];
  let read = 0;
  progress('reading', { entriesRead: 0, errors, warnings });
  let reported = 0;
  for await (const batch of batches) {
    for (const entry of batch) {
      const outcome = validator.add(entry);
      if (entry.kind === 'value') read++;
      if (outcome.sample) {
        const sample = convertSample(outcome.sample, '0.0.2');
        valid.push({
          metadata: sample.metadata,
          content: JSON.stringify(sample),
          location: outcome.location,
        });
      }
      if (read - reported >= PROGRESS_EVERY) {
        reported = read;
        progress('reading', { entriesRead: read, errors, warnings });
      }
    }
  }
  const verdict = validator.finish(options.fileName);
  const problems = verdict.problems.map(toImportProblem);
  if (verdict.kind === 'dense-labels' || verdict.kind === 'mixed') {
    problems.push(
      importProblem(
        { file: options.fileName, lineNumber: null },
        null,
        'not-samples',
        '',
        'this file holds dense labels; the import takes benchmark samples (ptbxl.jsonl, mimic_iv_ecg.jsonl)',
      ),
    );
  }

  const existing = new Map<string, { id: string; version: number; content: string }>();
  const sources = [...new Set(valid.map((v) => v.metadata.data_source))];
  if (sources.length > 0) {
    const rows = await db
      .selectFrom('samples')
      .select(['id', 'data_source', 'sample_id', 'version', 'content'])
      .where('data_source', 'in', sources)
      .execute();
    for (const row of rows) existing.set(ecgKey(row.data_source, String(row.sample_id)), row);
  }
  const toCreate: ValidSample[] = [];
  const toReplace: {
    item: ValidSample;
    current: { id: string; version: number; content: string };
  }[] = [];
  let unchanged = 0;
  for (const item of valid) {
    const { metadata } = item;
    const current = existing.get(ecgKey(metadata.data_source, String(metadata.id)));
    if (!current) toCreate.push(item);
    else if (!options.replace) {
      problems.push(
        importProblem(
          item.location,
          metadata.id,
          'already-imported',
          'metadata.id',
          `the ${metadata.data_source} sample ${metadata.id} is already in the workspace (version ${current.version}); ` +
            'import with replace to store this line as its next revision',
        ),
      );
    } else if (current.content === item.content) unchanged++;
    else toReplace.push({ item, current });
  }
  const errorCount = problems.filter((p) => p.severity === 'error').length;
  const warningCount = problems.length - errorCount;

  const ecgs = new Map<string, EcgKey>();
  for (const { metadata } of valid) {
    const { data_source: source, ecg_id: ecgId, subject_id: subjectId } = metadata;
    if (!ecgs.has(ecgKey(source, ecgId)))
      ecgs.set(ecgKey(source, ecgId), { source, ecgId, subjectId: subjectId ?? null });
  }
  const baseReport = {
    file: options.fileName,
    version: verdict.version,
    counts: {
      entries: verdict.counts.entries,
      samples: verdict.counts.samples,
      created: 0,
      replaced: 0,
      unchanged: 0,
      errors: errorCount,
      warnings: warningCount,
    },
    problems,
  };
  if (errorCount > 0) {
    progress('done', { entriesRead: read, errors: errorCount, warnings: warningCount });
    return {
      ...baseReport,
      outcome: 'refused',
      ecgs: { named: ecgs.size, registered: 0, withRecord: 0, withMetadata: 0 },
      missingRecords: [],
    };
  }

  progress('records', { entriesRead: read, errors: errorCount, warnings: warningCount });
  const ecgList = [...ecgs.values()];
  const registered = new Map<
    string,
    { id: string; path: string | null; subjectId: string | null }
  >();
  for (const chunk of chunks(ecgList, BATCH_ROWS)) {
    for (const source of new Set(chunk.map((e) => e.source))) {
      const rows = await db
        .selectFrom('ecg_records')
        .select(['id', 'source', 'ecg_id', 'path', 'subject_id'])
        .where('source', '=', source)
        .where(
          'ecg_id',
          'in',
          chunk.filter((e) => e.source === source).map((e) => e.ecgId),
        )
        .execute();
      for (const row of rows)
        registered.set(ecgKey(row.source, row.ecg_id), {
          id: row.id,
          path: row.path,
          subjectId: row.subject_id,
        });
    }
  }
  const paths = await findRecordPaths(options.roots, ecgList);
  const ptbxlMetadata = ecgList.some((e) => e.source === 'ptbxl')
    ? await loadPtbxlMetadata(options.roots.recordsDir)
    : new Map();
  const now = nowIso();
  const newEcgs: Insertable<EcgRecordsTable>[] = [];
  const ecgUpdates: { id: string; path: string | null; metadata: string | null }[] = [];
  const ecgIdByKey = new Map<string, string>();
  let withMetadata = 0;
  ecgList.forEach((ecg, i) => {
    const key = ecgKey(ecg.source, ecg.ecgId);
    const metadata = ecg.source === 'ptbxl' ? ptbxlMetadata.get(ecg.ecgId) : undefined;
    if (metadata) withMetadata++;
    const metadataText = metadata ? JSON.stringify({ ptbxl: metadata }) : null;
    const found = paths[i] ?? null;
    const current = registered.get(key);
    if (current) {
      ecgIdByKey.set(key, current.id);
      if (current.path !== found || metadataText !== null)
        ecgUpdates.push({ id: current.id, path: found, metadata: metadataText });
      return;
    }
    const id = newId();
    ecgIdByKey.set(key, id);
    newEcgs.push({
      id,
      source: ecg.source,
      ecg_id: ecg.ecgId,
      subject_id: ecg.subjectId,
      path: found,
      metadata: metadataText,
      created_at: now,
    });
  });
  const missingRecords = ecgList
    .filter((_, i) => (paths[i] ?? null) === null)
    .sort(byEcg)
    .map((e) => ecgKey(e.source, e.ecgId));
  const ecgReport = {
    named: ecgs.size,
    registered: newEcgs.length,
    withRecord: ecgs.size - missingRecords.length,
    withMetadata,
  };
  const counts = {
    ...baseReport.counts,
    created: toCreate.length,
    replaced: toReplace.length,
    unchanged,
  };
  if (options.dryRun) {
    progress('done', { entriesRead: read, errors: errorCount, warnings: warningCount });
    return { ...baseReport, counts, outcome: 'checked', ecgs: ecgReport, missingRecords };
  }

  progress('writing', { entriesRead: read, errors: errorCount, warnings: warningCount });
  const actorId = options.actor?.id ?? null;
  const actorRole = options.actor?.role ?? 'system';
  const importId = newId();
  const sqlite = sqliteHandleOf(db);
  try {
    await db.transaction().execute(async (trx) => {
      if (sqlite) insertPrepared(sqlite, 'ecg_records', ECG_COLUMNS, newEcgs);
      else
        await insertBatched(newEcgs, (batch) =>
          trx.insertInto('ecg_records').values(batch).execute(),
        );
      for (const update of ecgUpdates) {
        const set =
          update.metadata === null
            ? { path: update.path }
            : { path: update.path, metadata: update.metadata };
        await trx.updateTable('ecg_records').set(set).where('id', '=', update.id).execute();
      }
      const sampleRows: SamplesTable[] = [];
      const revisionRows: SampleRevisionsTable[] = [];
      const auditRows: Insertable<AuditLogTable>[] = [];
      for (const { metadata: m, content } of toCreate) {
        const id = newId();
        sampleRows.push({
          id,
          data_source: m.data_source,
          sample_id: m.id,
          target_dx: m.target_dx,
          dx_label: m.dx_label ? 1 : 0,
          path_idx: m.path_idx,
          ecg_id: m.ecg_id,
          subject_id: m.subject_id ?? null,
          ecg_record_id: ecgIdByKey.get(ecgKey(m.data_source, m.ecg_id)) ?? null,
          content,
          status: 'active',
          replaced_by: null,
          version: 1,
          created_at: now,
          updated_at: now,
        });
        revisionRows.push({
          id: newId(),
          sample_pk: id,
          version: 1,
          content,
          kind: 'import',
          author_id: actorId,
          created_at: now,
        });
        auditRows.push({
          actor_id: actorId,
          actor_role: actorRole,
          entity: 'sample',
          entity_id: id,
          action: 'import',
          before: null,
          after: content,
          base_version: null,
          at: now,
        });
      }
      if (sqlite) insertPrepared(sqlite, 'samples', SAMPLE_COLUMNS, sampleRows);
      else
        await insertBatched(sampleRows, (batch) =>
          trx.insertInto('samples').values(batch).execute(),
        );
      for (const { item, current } of toReplace) {
        const m = item.metadata;
        const version = current.version + 1;
        const updated = await trx
          .updateTable('samples')
          .set({
            target_dx: m.target_dx,
            dx_label: m.dx_label ? 1 : 0,
            path_idx: m.path_idx,
            ecg_id: m.ecg_id,
            subject_id: m.subject_id ?? null,
            ecg_record_id: ecgIdByKey.get(ecgKey(m.data_source, m.ecg_id)) ?? null,
            content: item.content,
            version,
            updated_at: now,
          })
          .where('id', '=', current.id)
          .where('version', '=', current.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          throw new ServiceError(
            'conflict',
            `The ${m.data_source} sample ${m.id} changed while the import ran; run the import again.`,
            {
              code: 'import_conflict',
            },
          );
        }
        revisionRows.push({
          id: newId(),
          sample_pk: current.id,
          version,
          content: item.content,
          kind: 'import',
          author_id: actorId,
          created_at: now,
        });
        auditRows.push({
          actor_id: actorId,
          actor_role: actorRole,
          entity: 'sample',
          entity_id: current.id,
          action: 'import',
          before: current.content,
          after: item.content,
          base_version: current.version,
          at: now,
        });
      }
      if (sqlite) insertPrepared(sqlite, 'sample_revisions', REVISION_COLUMNS, revisionRows);
      else
        await insertBatched(revisionRows, (batch) =>
          trx.insertInto('sample_revisions').values(batch).execute(),
        );
      auditRows.push({
        actor_id: actorId,
        actor_role: actorRole,
        entity: 'import',
        entity_id: importId,
        action: 'import',
        before: null,
        after: JSON.stringify({
          file: options.fileName,
          version: verdict.version,
          counts,
          ecgs: ecgReport,
        }),
        base_version: null,
        at: now,
      });
      if (sqlite) insertPrepared(sqlite, 'audit_log', AUDIT_COLUMNS, auditRows);
      else
        await insertBatched(auditRows, (batch) =>
          trx.insertInto('audit_log').values(batch).execute(),
        );
    });
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    if (isUniqueViolation(error)) {
      throw new ServiceError(
        'conflict',
        'Another import or edit stored some of these samples meanwhile; nothing was imported. Run the import again.',
        {
          code: 'import_conflict',
        },
      );
    }
    throw error;
  }
  progress('done', { entriesRead: read, errors: errorCount, warnings: warningCount });
  return { ...baseReport, counts, outcome: 'imported', ecgs: ecgReport, missingRecords };
}

/** Orders ECGs by source, then by ecg_id as a number (ids are digits). */
function byEcg(a: EcgKey, b: EcgKey): number {
  if (a.source !== b.source) return a.source < b.source ? -1 : 1;
  return a.ecgId.length - b.ecgId.length || (a.ecgId < b.ecgId ? -1 : a.ecgId > b.ecgId ? 1 : 0);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}

/** The report as lines for a terminal: outcome, counts, missing records, then every problem. */
export function formatImportReport(report: ImportReport, maxMissingShown = 20): string[] {
  const { counts, ecgs } = report;
  const lines: string[] = [];
  const version = report.version ?? 'undecided';
  if (report.outcome === 'refused') {
    lines.push(
      `${report.file}: import refused, nothing was written (${counts.errors} error(s), ${counts.warnings} warning(s)).`,
    );
  } else {
    const verb = report.outcome === 'imported' ? 'imported' : 'checked (dry run, nothing written)';
    lines.push(
      `${report.file}: ${verb} - format ${version}, ${counts.samples} samples: ${counts.created} new, ` +
        `${counts.replaced} replaced, ${counts.unchanged} unchanged; ${counts.warnings} warning(s).`,
    );
    lines.push(
      `ECGs: ${ecgs.named} named, ${ecgs.registered} newly registered, ${ecgs.withRecord} with a record, ` +
        `${report.missingRecords.length} missing, ${ecgs.withMetadata} with PTB-XL metadata.`,
    );
    if (report.missingRecords.length > 0) {
      const shown = report.missingRecords.slice(0, maxMissingShown).join(', ');
      const more =
        report.missingRecords.length > maxMissingShown
          ? `, ... (${report.missingRecords.length} in all)`
          : '';
      lines.push(`Missing records: ${shown}${more}`);
    }
  }
  for (const problem of report.problems) lines.push(problem.text);
  return lines;
}
