/**
 * Curator use cases over the workspace: templates of its samples, candidate ECGs for a sample,
 * re-sampling a sample onto an ECG from its template, and regenerating every sample of a
 * diagnosis. Writes go through the samples service (resampleSample, regenerateSample) and close
 * the sample's open flags in the same transaction.
 */
import { extractTemplates, fitSample } from '../../domain/benchmark/templates';
import type { Template, TemplateSet, TemplateVariant } from '../../domain/benchmark/templates';
import type {
  CandidateEcg,
  RankedCandidate,
  RejectedCandidate,
} from '../../domain/benchmark/resample';
import { candidateGate, generateSample, rankCandidates } from '../../domain/benchmark/resample';
import { measureRecord } from '../../domain/measure/measure-record';
import type { Measurements } from '../../domain/measure/types';
import { ptbxlStatementsOf } from '../../domain/taxonomy/ptbxl-prefill';
import { WfdbError } from '../../domain/wfdb/errors';
import type { SampleResponse, SampleWriteResponse } from '../../schemas/api/samples';
import type { BenchmarkSampleV002, DataSource, TargetDx } from '../../schemas/benchmark-sample';
import type { DenseLabel } from '../../schemas/dense-label';
import type { SampleProvenance } from '../../schemas/sample-provenance';
import { readWfdbRecord } from '../io/read-wfdb';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import type { RecordRoots } from './records';
import { resolveStoredPath } from './records';
import { listFlags, resolveFlag } from './reviews';
import { getSample, resampleSample } from './samples';
import { ServiceError, notFound } from './service-error';
import { inTransaction } from './transaction';

/** A stored sample with its row id and version. */
export interface StoredSampleRow {
  readonly pk: string;
  readonly version: number;
  readonly sample: BenchmarkSampleV002;
}

/** Every sample of the workspace in list order, optionally of one source and diagnosis. */
export async function workspaceSamples(
  db: Db,
  filter: { readonly source?: DataSource; readonly targetDx?: TargetDx } = {},
): Promise<StoredSampleRow[]> {
  let select = db.selectFrom('samples').select(['id', 'version', 'content']);
  if (filter.source) select = select.where('data_source', '=', filter.source);
  if (filter.targetDx) select = select.where('target_dx', '=', filter.targetDx);
  const rows = await select.orderBy('data_source').orderBy('sample_id').execute();
  return rows.map((r) => ({
    pk: r.id,
    version: r.version,
    sample: JSON.parse(r.content) as BenchmarkSampleV002,
  }));
}

/** The templates of the workspace's samples. */
export async function workspaceTemplates(db: Db): Promise<TemplateSet> {
  return extractTemplates((await workspaceSamples(db)).map((r) => r.sample));
}

/** A sample named by its data source and benchmark id (what "ptbxl:123" names); 404 if unknown. */
export async function findSampleByRef(
  db: Db,
  source: DataSource,
  sampleId: number,
): Promise<SampleResponse> {
  const row = await db
    .selectFrom('samples')
    .select('id')
    .where('data_source', '=', source)
    .where('sample_id', '=', sampleId)
    .executeTakeFirst();
  if (!row) throw notFound(`Sample ${source}:${sampleId}`);
  return getSample(db, row.id);
}

/** The template variant a sample is generated from: the one it fits, else its key's largest. */
export function variantFor(
  sample: BenchmarkSampleV002,
  set: TemplateSet,
): { template: Template; variant: TemplateVariant } {
  const fit = fitSample(sample, set);
  if (!fit.template) {
    throw new ServiceError(
      'invalid',
      `Sample ${sample.metadata.id} has no template: ${fit.problems.join('; ')}`,
    );
  }
  const variant = fit.variant ?? [...fit.template.variants].sort((a, b) => b.count - a.count)[0]!;
  return { template: fit.template, variant };
}

/** Reads and measures a record at a stored path; the reason when it cannot. */
export async function measureStored(
  roots: RecordRoots,
  stored: string | null,
): Promise<Measurements | string> {
  const base = stored === null ? null : resolveStoredPath(roots, stored);
  if (base === null) return 'record not available';
  try {
    return measureRecord(await readWfdbRecord(base, { verify: true }));
  } catch (error) {
    if (error instanceof WfdbError) return `record unreadable: ${error.message}`;
    throw error;
  }
}

/** Candidate ECGs for one sample, ranked, with the template variant they were judged against. */
export interface CandidateReport {
  readonly sample: SampleResponse;
  readonly template: Template;
  readonly variant: TemplateVariant;
  readonly ranked: readonly RankedCandidate[];
  readonly rejected: readonly RejectedCandidate[];
  /** Measurements of the ranked candidates, by ECG id (what generation reads). */
  readonly measured: ReadonlyMap<string, Measurements>;
}

/** The newest submitted dense label of each ECG record. */
async function submittedLabels(db: Db, source: DataSource): Promise<Map<string, DenseLabel>> {
  const rows = await db
    .selectFrom('dense_labels')
    .innerJoin('ecg_records', 'ecg_records.id', 'dense_labels.ecg_record_id')
    .select(['ecg_records.ecg_id as ecg_id', 'dense_labels.content', 'dense_labels.updated_at'])
    .where('ecg_records.source', '=', source)
    .where('dense_labels.status', '=', 'submitted')
    .orderBy('dense_labels.updated_at')
    .execute();
  return new Map(rows.map((r) => [r.ecg_id, JSON.parse(r.content) as DenseLabel]));
}

/**
 * Candidate ECGs for a sample (the pool: every registered ECG of its source): the cheap checks
 * first, then the records of those that pass are read and measured, and ranked by margin.
 */
export async function resampleCandidates(
  db: Db,
  roots: RecordRoots,
  samplePk: string,
): Promise<CandidateReport> {
  const current = await getSample(db, samplePk);
  const { metadata } = current.sample;
  const { template, variant } = variantFor(current.sample, await workspaceTemplates(db));
  const used = await db
    .selectFrom('samples')
    .select('ecg_id')
    .where('data_source', '=', metadata.data_source)
    .where('target_dx', '=', metadata.target_dx)
    .where('id', '!=', samplePk)
    .execute();
  const query = { metadata, variant, usedEcgIds: new Set(used.map((u) => u.ecg_id)) };
  const labels = await submittedLabels(db, metadata.data_source);
  const records = await db
    .selectFrom('ecg_records')
    .select(['ecg_id', 'subject_id', 'path', 'metadata'])
    .where('source', '=', metadata.data_source)
    .orderBy('ecg_id')
    .execute();
  const pool: CandidateEcg[] = [];
  const rejected: RejectedCandidate[] = [];
  const measured = new Map<string, Measurements>();
  for (const r of records) {
    // The importer stores a PTB-XL row as {"ptbxl": {...ptbxl_database.csv columns}}.
    const stored = r.metadata
      ? (JSON.parse(r.metadata) as { ptbxl?: Record<string, unknown> })
      : null;
    const row = stored?.ptbxl ?? null;
    const candidate = {
      source: metadata.data_source,
      ecgId: r.ecg_id,
      subjectId: r.subject_id,
      recordAvailable: r.path !== null,
      label: labels.get(r.ecg_id) ?? null,
      statements: row && metadata.data_source === 'ptbxl' ? ptbxlStatementsOf(row) : null,
    };
    if (candidateGate(query, candidate).reasons.length > 0) {
      pool.push({ ...candidate, measurements: null });
      continue;
    }
    const m = await measureStored(roots, r.path);
    if (typeof m === 'string') {
      rejected.push({ ecgId: r.ecg_id, reasons: [m] });
      continue;
    }
    measured.set(r.ecg_id, m);
    pool.push({ ...candidate, measurements: m });
  }
  const ranking = rankCandidates(query, pool);
  return {
    sample: current,
    template,
    variant,
    ranked: ranking.ranked,
    rejected: [...ranking.rejected, ...rejected],
    measured,
  };
}

/** A re-sample done: the stored sample, what it was built from, the notes, the flags closed. */
export interface ResampleOutcome {
  readonly sample: SampleWriteResponse;
  readonly provenance: SampleProvenance;
  readonly notes: readonly string[];
  readonly closedFlags: number;
  readonly candidate: RankedCandidate;
}

/** A 32-bit seed from a sample id when none is given. */
export const defaultSeed = (sampleId: number) => sampleId >>> 0;

/** A sample generated on a candidate ECG from its template, not yet written. */
export interface PreparedResample {
  readonly report: CandidateReport;
  readonly candidate: RankedCandidate;
  readonly sample: BenchmarkSampleV002;
  readonly provenance: SampleProvenance;
  readonly notes: readonly string[];
}

/**
 * Generates a sample on a candidate ECG (the one named, else the best ranked) from its
 * template, writing nothing: what a re-sample would store (a curator's preview).
 */
export async function prepareResample(
  db: Db,
  roots: RecordRoots,
  samplePk: string,
  options: { readonly ecgId?: string; readonly seed?: number } = {},
): Promise<PreparedResample> {
  const report = await resampleCandidates(db, roots, samplePk);
  const candidate = options.ecgId
    ? report.ranked.find((c) => c.ecgId === options.ecgId)
    : report.ranked[0];
  if (!candidate) {
    const why = options.ecgId
      ? (report.rejected.find((r) => r.ecgId === options.ecgId)?.reasons.join('; ') ??
        'it is not a registered ECG of this source')
      : `none of ${report.rejected.length} ECGs fits`;
    throw new ServiceError(
      'invalid',
      `No candidate ECG${options.ecgId ? ` ${options.ecgId}` : ''} for sample ${report.sample.sample.metadata.id}: ${why}.`,
      { code: 'no_candidate' },
    );
  }
  const { metadata } = report.sample.sample;
  const result = generateSample({
    key: report.template.key,
    variant: report.variant,
    metadata,
    ecg: { ecgId: candidate.ecgId, subjectId: candidate.subjectId },
    measurements: report.measured.get(candidate.ecgId)!,
    seed: options.seed ?? defaultSeed(metadata.id),
  });
  if (!result.ok) {
    throw new ServiceError(
      'unprocessable',
      `Sample ${metadata.id} cannot be generated on ECG ${candidate.ecgId}: ${result.problems.join('; ')}`,
      { code: 'not_generated' },
    );
  }
  return {
    report,
    candidate,
    sample: result.sample,
    provenance: result.provenance,
    notes: result.notes.map((n) => n.message),
  };
}

/**
 * Stores a prepared re-sample in one transaction: the 'resample' revision with its provenance
 * (the sample goes back to review), based on `baseVersion` (412 when the sample moved on), and
 * the sample's open flags closed as resampled.
 */
export function writePreparedResample(
  db: Db,
  actor: Actor,
  samplePk: string,
  baseVersion: number,
  prepared: PreparedResample,
): Promise<ResampleOutcome> {
  return inTransaction(db, async (trx) => {
    const flags = await listFlags(trx, actor, { status: 'open', sample: samplePk });
    const sample = await resampleSample(
      trx,
      actor,
      samplePk,
      baseVersion,
      prepared.sample,
      prepared.provenance,
    );
    for (const flag of flags) await resolveFlag(trx, actor, flag.id, flag.version, 'resampled');
    return {
      sample,
      provenance: prepared.provenance,
      notes: prepared.notes,
      closedFlags: flags.length,
      candidate: prepared.candidate,
    };
  });
}

/**
 * Re-samples a sample onto a candidate ECG (the one named, else the best ranked) from its
 * template: generates, then stores it (writePreparedResample) based on the version it was
 * generated from.
 */
export async function resampleFromTemplate(
  db: Db,
  roots: RecordRoots,
  actor: Actor,
  samplePk: string,
  options: { readonly ecgId?: string; readonly seed?: number } = {},
): Promise<ResampleOutcome> {
  const prepared = await prepareResample(db, roots, samplePk, options);
  return writePreparedResample(db, actor, samplePk, prepared.report.sample.version, prepared);
}
