import type { RevisionKind } from '../../schemas/api/samples';
import { convertSample } from '../../domain/benchmark/convert';
import type {
  BenchmarkSample,
  BenchmarkSampleV002,
  Metadata,
} from '../../schemas/benchmark-sample';
import type { SampleProvenance } from '../../schemas/sample-provenance';
import type { SampleRevisionsTable, SamplesTable } from '../storage/database';
import { newId } from '../storage/ids';
import type { Actor } from './actor';
import type { AuditInsert } from './audit';
import { auditRow } from './audit';

/**
 * A sample's status: `active`, or `review` when it was generated anew from its template
 * (re-sampled, regenerated) and waits for a reviewer's pass, which makes it active again.
 */
export const SAMPLE_STATUS = { active: 'active', review: 'review' } as const;

/** The statuses of the samples the benchmark holds (exports, releases): awaiting review included. */
export const BENCHMARK_STATUSES: readonly string[] = [SAMPLE_STATUS.active, SAMPLE_STATUS.review];

/** A checked sample ready to store: its metadata and its canonical JSON text (list shape). */
export interface StoredSample {
  readonly metadata: Metadata;
  /** JSON.stringify of the canonical sample: what samples.content and the revision hold. */
  readonly content: string;
}

/** Who writes, when, and why: shared by every row of one write. */
export interface SampleWriteContext {
  readonly actor: Actor | null;
  readonly kind: RevisionKind;
  /** ISO timestamp of the write. */
  readonly now: string;
  /** What a generated revision was built from (template, ECG, seed, engine); it sends the sample back to review. */
  readonly provenance?: SampleProvenance | null;
}

/** The sample row columns derived from a sample's metadata. */
export function metadataColumns(metadata: Metadata) {
  return {
    data_source: metadata.data_source,
    sample_id: metadata.id,
    target_dx: metadata.target_dx,
    dx_label: metadata.dx_label ? 1 : 0,
    path_idx: metadata.path_idx,
    ecg_id: metadata.ecg_id,
    subject_id: metadata.subject_id ?? null,
  };
}

/** The rows a new sample stores: the sample (version 1), its first revision, its audit entry. */
export interface NewSampleRows {
  readonly sample: SamplesTable;
  readonly revision: SampleRevisionsTable;
  readonly audit: AuditInsert;
}

/**
 * Builds the rows of a new sample (import, or a sample created by other means): revision 1 of
 * `kind`, and an audit entry whose action is "import" for imports and "create" otherwise. A
 * sample written in the app (`create`) waits for review, as a generated one does; an imported
 * one is active.
 */
export function newSampleRows(
  stored: StoredSample,
  ecgRecordId: string | null,
  write: SampleWriteContext,
): NewSampleRows {
  const id = newId();
  return {
    sample: {
      id,
      ...metadataColumns(stored.metadata),
      ecg_record_id: ecgRecordId,
      content: stored.content,
      status: write.kind === 'create' ? SAMPLE_STATUS.review : SAMPLE_STATUS.active,
      replaced_by: null,
      version: 1,
      created_at: write.now,
      updated_at: write.now,
    },
    revision: revisionRow(id, 1, stored.content, write),
    audit: auditRow(
      write.actor,
      {
        entity: 'sample',
        entityId: id,
        action: write.kind === 'import' ? 'import' : 'create',
        before: null,
        after: stored.content,
        baseVersion: null,
      },
      write.now,
    ),
  };
}

/** The rows a new revision of a sample stores: the columns to update, the revision, the audit entry. */
export interface NextRevisionRows {
  /** Set on the sample row, guarded by `where version = base.version`. */
  readonly update: Omit<SamplesTable, 'id' | 'status' | 'replaced_by' | 'created_at'> & {
    readonly status?: string;
  };
  readonly revision: SampleRevisionsTable;
  readonly audit: AuditInsert;
}

/**
 * Builds the rows of a sample's next revision (import with replace, fix, re-sample) on top of
 * the stored version `base`; the audit entry keeps the content before and after.
 */
export function nextRevisionRows(
  sampleId: string,
  base: { readonly version: number; readonly content: string },
  stored: StoredSample,
  ecgRecordId: string | null,
  write: SampleWriteContext,
): NextRevisionRows {
  const version = base.version + 1;
  return {
    update: {
      ...metadataColumns(stored.metadata),
      ecg_record_id: ecgRecordId,
      content: stored.content,
      version,
      updated_at: write.now,
      ...(write.provenance ? { status: SAMPLE_STATUS.review } : {}),
    },
    revision: revisionRow(sampleId, version, stored.content, write),
    audit: auditRow(
      write.actor,
      {
        entity: 'sample',
        entityId: sampleId,
        action: write.kind,
        before: base.content,
        after: stored.content,
        baseVersion: base.version,
      },
      write.now,
    ),
  };
}

function revisionRow(
  sampleId: string,
  version: number,
  content: string,
  write: SampleWriteContext,
): SampleRevisionsTable {
  return {
    id: newId(),
    sample_pk: sampleId,
    version,
    content,
    kind: write.kind,
    author_id: write.actor?.id ?? null,
    created_at: write.now,
    // Only generated revisions name the column, so rows stay writable on a 0001 schema (old data).
    ...(write.provenance ? { provenance: JSON.stringify(write.provenance) } : {}),
  };
}

/** A checked sample (either shape) as it is stored: converted to the list shape, canonical text. */
export function toStoredSample(
  sample: BenchmarkSample,
): StoredSample & { sample: BenchmarkSampleV002 } {
  const canonical = convertSample(sample, 'list');
  return { sample: canonical, metadata: canonical.metadata, content: JSON.stringify(canonical) };
}
