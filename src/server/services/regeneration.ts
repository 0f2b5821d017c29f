/**
 * Regenerating every sample of a diagnosis from the workspace's templates on its own ECG: a
 * preview of what changes, then one transaction of 'regenerate' revisions through the samples
 * service, each sample's open flags closed as fixed.
 */
import { answerBeats, generateSample } from '../../domain/benchmark/resample';
import type { GenerateResult } from '../../domain/benchmark/resample';
import { MEASURE_ENGINE_VERSION } from '../../domain/measure/version';
import type { BenchmarkSampleV002, TargetDx } from '../../schemas/benchmark-sample';
import type { Db } from '../storage/database';
import type { Actor } from './actor';
import type { RecordRoots } from './records';
import {
  defaultSeed,
  measureStored,
  variantFor,
  workspaceSamples,
  workspaceTemplates,
} from './resampling';
import { listFlags, resolveFlag } from './reviews';
import { regenerateSample } from './samples';
import { inTransaction } from './transaction';

/** One sample of a regeneration: its stored row, the sample generated, what changed. */
export interface RegenerationItem {
  readonly pk: string;
  readonly version: number;
  readonly before: BenchmarkSampleV002;
  readonly result: GenerateResult;
  /** Question-level paths whose content changed ("data.reasoning[1].ecg_grounding[0]"); empty when none. */
  readonly changed: readonly string[];
}

/** Question-level paths where two samples differ (their metadata, initial question, each step part). */
export function changedQuestions(a: BenchmarkSampleV002, b: BenchmarkSampleV002): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  if (!same(a.metadata, b.metadata)) out.push('metadata');
  if (!same(a.data.initial_diagnostic_question, b.data.initial_diagnostic_question)) {
    out.push('data.initial_diagnostic_question');
  }
  const steps = Math.max(a.data.reasoning.length, b.data.reasoning.length);
  for (let s = 0; s < steps; s++) {
    const x = a.data.reasoning[s];
    const y = b.data.reasoning[s];
    const at = `data.reasoning[${s}]`;
    if (!x || !y) {
      out.push(at);
      continue;
    }
    for (const part of [
      'criterion_selection',
      'finding_identification',
      'diagnostic_decision',
    ] as const) {
      if (!same(x[part], y[part])) out.push(`${at}.${part}`);
    }
    const n = Math.max(x.ecg_grounding.length, y.ecg_grounding.length);
    for (let g = 0; g < n; g++) {
      if (!same(x.ecg_grounding[g], y.ecg_grounding[g])) out.push(`${at}.ecg_grounding[${g}]`);
    }
  }
  return out;
}

/**
 * Regenerates every sample of a diagnosis on its own ECG from the workspace's templates (the
 * variant it fits, else its key's largest), keeping the beats its answer windows sit on; nothing
 * is written. Samples whose record is missing or that cannot be generated say why.
 */
export async function previewRegeneration(
  db: Db,
  roots: RecordRoots,
  targetDx: TargetDx,
  options: { readonly seed?: number } = {},
): Promise<RegenerationItem[]> {
  const set = await workspaceTemplates(db);
  const rows = await workspaceSamples(db, { targetDx });
  const items: RegenerationItem[] = [];
  for (const row of rows) {
    const { metadata } = row.sample;
    const record = await db
      .selectFrom('ecg_records')
      .select('path')
      .where('source', '=', metadata.data_source)
      .where('ecg_id', '=', metadata.ecg_id)
      .executeTakeFirst();
    const m = await measureStored(roots, record?.path ?? null);
    const { template, variant } = variantFor(row.sample, set);
    const seed = options.seed ?? defaultSeed(metadata.id);
    const result: GenerateResult =
      typeof m === 'string'
        ? {
            ok: false,
            provenance: {
              template: { ...template.key, variant: variant.index },
              ecg: { source: metadata.data_source, ecgId: metadata.ecg_id },
              seed,
              engineVersion: MEASURE_ENGINE_VERSION,
            },
            problems: [m],
          }
        : generateSample({
            key: template.key,
            variant,
            metadata,
            ecg: { ecgId: metadata.ecg_id, subjectId: metadata.subject_id ?? null },
            measurements: m,
            seed,
            keepBeats: answerBeats(row.sample, m),
          });
    items.push({
      pk: row.pk,
      version: row.version,
      before: row.sample,
      result,
      changed: result.ok ? changedQuestions(row.sample, result.sample) : [],
    });
  }
  return items;
}

/** What applying a regeneration did. */
export interface RegenerationApplied {
  readonly written: number;
  readonly unchanged: number;
  /** Samples that could not be generated (no record, nothing to ground on), left as they are. */
  readonly skipped: number;
  readonly closedFlags: number;
}

/**
 * Applies a regeneration preview in one transaction: a 'regenerate' revision (with its
 * provenance; the sample goes back to review) for every changed sample, its open flags closed as
 * fixed; samples that could not be generated are left as they are. A sample changed since the
 * preview makes the whole apply fail (409), writing nothing.
 */
export async function applyRegeneration(
  db: Db,
  actor: Actor,
  items: readonly RegenerationItem[],
): Promise<RegenerationApplied> {
  return inTransaction(db, async (trx) => {
    let written = 0;
    let skipped = 0;
    let closedFlags = 0;
    for (const item of items) {
      if (!item.result.ok) {
        skipped++;
        continue;
      }
      if (item.changed.length === 0) continue;
      const flags = await listFlags(trx, actor, { status: 'open', sample: item.pk });
      await regenerateSample(
        trx,
        actor,
        item.pk,
        item.version,
        item.result.sample,
        item.result.provenance,
      );
      for (const flag of flags) await resolveFlag(trx, actor, flag.id, flag.version, 'fixed');
      closedFlags += flags.length;
      written++;
    }
    return { written, unchanged: items.length - written - skipped, skipped, closedFlags };
  });
}
