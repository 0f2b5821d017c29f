/**
 * The curator's re-sampling and regeneration as the API answers them: candidates with what each
 * finding rests on, a re-sample previewed or committed, a regeneration previewed under a token
 * and applied only while that token still names what would be written.
 */
import { createHash } from 'node:crypto';
import { changedFields } from '../../domain/benchmark/diff/changed-paths';
import { findingBasis } from '../../domain/benchmark/resample';
import type { FindingBasis } from '../../domain/benchmark/resample';
import type {
  RegenerationApplied,
  RegenerationPreview,
  ResampleCandidates,
  ResampleFromTemplateResponse,
} from '../../schemas/api/curation';
import { REJECTED_LIST_LIMIT } from '../../schemas/api/curation';
import type { BenchmarkSampleV002, TargetDx } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import type { RecordRoots } from './records';
import type { RegenerationItem } from './regeneration';
import { applyRegeneration, previewRegeneration } from './regeneration';
import { prepareResample, resampleCandidates, writePreparedResample } from './resampling';
import { listFlags } from './reviews';
import { ServiceError, versionConflict } from './service-error';
import { getSample } from './samples';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A finding basis as the response schema holds it (mutable lists). */
const copyBasis = (b: FindingBasis) => ({
  leads: [...b.leads],
  windows: [...b.windows],
  beats: b.beats,
});

/** A sample's stored status (active, review). */
async function sampleStatus(db: Db, pk: string): Promise<string> {
  const row = await db
    .selectFrom('samples')
    .select('status')
    .where('id', '=', pk)
    .executeTakeFirstOrThrow();
  return row.status;
}

/** Candidate ECGs for a sample, ranked, each finding with what it rests on; the others counted by reason. */
export async function candidatesForSample(
  db: Db,
  roots: RecordRoots,
  reader: Actor,
  samplePk: string,
): Promise<ResampleCandidates> {
  const report = await resampleCandidates(db, roots, samplePk);
  const source = report.sample.sample.metadata.data_source;
  const byReason = new Map<string, number>();
  for (const r of report.rejected)
    for (const why of r.reasons) byReason.set(why, (byReason.get(why) ?? 0) + 1);
  const withRecord = report.rejected.filter(
    (r) =>
      !r.reasons.includes('record not available') && !r.reasons.includes("the sample's own ECG"),
  );
  return {
    sample: report.sample,
    status: await sampleStatus(db, samplePk),
    template: { ...report.template.key, variant: report.variant.index },
    ranked: report.ranked.map((c, i) => {
      const m = report.measured.get(c.ecgId)!;
      return {
        rank: i + 1,
        ecgId: c.ecgId,
        subjectId: c.subjectId,
        labelFrom: c.labelFrom,
        margin: c.margin,
        findings: c.findings.map((f) => ({
          ...f,
          basis: copyBasis(findingBasis(f.question, f.answer, m, null)),
        })),
        record: { source, ecgId: c.ecgId, recordAvailable: true },
      };
    }),
    rejected: {
      total: report.rejected.length,
      byReason: [...byReason]
        .map(([reason, count]) => ({ reason, count }))
        .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
      withRecord: withRecord
        .slice(0, REJECTED_LIST_LIMIT)
        .map((r) => ({ ecgId: r.ecgId, reasons: [...r.reasons] })),
      withRecordTotal: withRecord.length,
    },
    openFlags: await listFlags(db, reader, { status: 'open', sample: samplePk }),
  };
}

/** The hash a preview names its generated sample by (the JSON the samples service stores). */
const sampleHash = (sample: BenchmarkSampleV002) => sha256(JSON.stringify(sample));

/**
 * Re-samples a sample from its template onto a candidate (the one named, else the best), based
 * on the version the curator saw (If-Match: 412 when the sample moved on). A dry run writes
 * nothing and answers the generated sample, its hash and its changed fields; a commit with the
 * preview's hash is refused (409) if the sample generated now is not the one previewed.
 */
export async function resampleSampleFromTemplate(
  db: Db,
  roots: RecordRoots,
  actor: Actor,
  samplePk: string,
  baseVersion: number,
  request: { ecgId?: string; seed?: number; dryRun: boolean; expectSha256?: string },
): Promise<ResampleFromTemplateResponse> {
  const current = await getSample(db, samplePk);
  if (current.version !== baseVersion)
    throw versionConflict('The sample', baseVersion, current.version, current);
  const options = {
    ...(request.ecgId !== undefined ? { ecgId: request.ecgId } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  if (request.dryRun) {
    const prepared = await prepareResample(db, roots, samplePk, options);
    return {
      dryRun: true,
      generated: prepared.sample,
      sha256: sampleHash(prepared.sample),
      changes: changedFields(prepared.report.sample.sample, prepared.sample),
      baseVersion: prepared.report.sample.version,
      provenance: prepared.provenance,
      notes: [...prepared.notes],
      candidate: { ecgId: prepared.candidate.ecgId, margin: prepared.candidate.margin },
    };
  }
  const prepared = await prepareResample(db, roots, samplePk, options);
  if (request.expectSha256 !== undefined && sampleHash(prepared.sample) !== request.expectSha256) {
    throw new ServiceError(
      'conflict',
      'The sample generated now differs from the one previewed (the templates or the candidates changed since); preview it again.',
      { code: 'resample_changed' },
    );
  }
  const outcome = await writePreparedResample(db, actor, samplePk, baseVersion, prepared);
  return {
    dryRun: false,
    sample: outcome.sample,
    status: await sampleStatus(db, samplePk),
    closedFlags: outcome.closedFlags,
    provenance: outcome.provenance,
    notes: [...outcome.notes],
    candidate: { ecgId: outcome.candidate.ecgId, margin: outcome.candidate.margin },
  };
}

/** The token of a regeneration: what each sample would become, from which stored version. */
function regenerationToken(targetDx: TargetDx, items: readonly RegenerationItem[]): string {
  return sha256(
    JSON.stringify([
      targetDx,
      items.map((i) => [
        i.pk,
        i.version,
        i.result.ok ? i.result.sample : null,
        i.result.ok ? i.result.provenance : i.result.problems,
      ]),
    ]),
  );
}

/** What regenerating every sample of a diagnosis would change, sample by sample, under a token. */
export async function regenerationPreview(
  db: Db,
  roots: RecordRoots,
  targetDx: TargetDx,
): Promise<RegenerationPreview> {
  const items = await previewRegeneration(db, roots, targetDx);
  const out = items.map((item) => {
    const key = `${item.before.metadata.data_source}:${item.before.metadata.id}`;
    const base = { id: item.pk, key, ecgId: item.before.metadata.ecg_id, version: item.version };
    if (!item.result.ok) {
      return {
        ...base,
        outcome: 'skipped' as const,
        problems: [...item.result.problems],
        notes: [],
        fields: [],
      };
    }
    const fields = changedFields(item.before, item.result.sample);
    return {
      ...base,
      outcome: fields.length > 0 ? ('changed' as const) : ('unchanged' as const),
      problems: [],
      notes: item.result.notes.map((n) => n.message),
      fields,
    };
  });
  const count = (outcome: string) => out.filter((i) => i.outcome === outcome).length;
  return {
    targetDx,
    token: regenerationToken(targetDx, items),
    counts: {
      samples: out.length,
      changed: count('changed'),
      unchanged: count('unchanged'),
      skipped: count('skipped'),
    },
    items: out,
  };
}

/**
 * Applies a regeneration previewed under `token`, in one transaction: the preview is made again
 * and must still carry that token (409 when any sample, template or record changed since);
 * then every changed sample gets its 'regenerate' revision and goes back to review.
 */
export async function applyPreviewedRegeneration(
  db: Db,
  roots: RecordRoots,
  actor: Actor,
  targetDx: TargetDx,
  token: string,
): Promise<RegenerationApplied> {
  const items = await previewRegeneration(db, roots, targetDx);
  if (regenerationToken(targetDx, items) !== token) {
    throw new ServiceError(
      'conflict',
      `The samples of ${targetDx} or their templates changed since this preview; nothing was written. Preview again.`,
      { code: 'regeneration_changed' },
    );
  }
  return applyRegeneration(db, actor, items);
}
