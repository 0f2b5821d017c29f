/**
 * A new sample on an ECG from another sample's skeleton: the same target_dx, dx_label and
 * path_idx, the same questions, criterion options and answers of the path, and every grounding
 * option and answer recomputed for this ECG through the grounding rules (lead sets from per-lead
 * measurements, windows on detected waves, the measurement answer as the bin holding the
 * engine's value). It is the template generator run on a template read from the one sample.
 */
import type { BenchmarkSampleV002, DataSource, Metadata } from '../../../schemas/benchmark-sample';
import type { DenseLabel } from '../../../schemas/dense-label';
import type { Measurements } from '../../measure/types';
import type { GenerationNote } from '../resample';
import { generateSample } from '../resample';
import { extractTemplates } from '../templates';

/** Where the new sample goes: its ECG (and, for MIMIC-IV-ECG, its patient). */
export interface SkeletonTarget {
  readonly source: DataSource;
  readonly ecgId: string;
  readonly subjectId?: string | null;
  readonly measurements: Measurements;
  /** The ECG's submitted dense label, when it has one. */
  readonly label?: DenseLabel | null;
}

/** A sample built from a skeleton, or why none could be. */
export type SkeletonCopy =
  | {
      readonly ok: true;
      readonly sample: BenchmarkSampleV002;
      readonly notes: readonly GenerationNote[];
    }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Builds a sample on `target` from `skeleton`, in the target's data source (its id is kept; the
 * server gives a new sample its own). Seeded: the same skeleton, ECG and seed give the same
 * sample.
 */
export function sampleFromSkeleton(
  skeleton: BenchmarkSampleV002,
  target: SkeletonTarget,
  seed: number,
): SkeletonCopy {
  const template = extractTemplates([skeleton]).templates[0];
  const variant = template?.variants[0];
  if (!template || !variant) return { ok: false, problems: ['the skeleton has no template'] };
  const metadata: Metadata = {
    ...skeleton.metadata,
    data_source: target.source,
    ecg_id: target.ecgId,
  };
  const result = generateSample({
    key: template.key,
    variant,
    metadata,
    ecg: { ecgId: target.ecgId, subjectId: target.subjectId ?? null },
    measurements: target.measurements,
    label: target.label ?? null,
    seed,
  });
  if (!result.ok) return { ok: false, problems: result.problems };
  // The same questions: the criterion options stay the skeleton's, in its order.
  const reasoning = result.sample.data.reasoning.map((step, i) => ({
    ...step,
    criterion_selection: skeleton.data.reasoning[i]!.criterion_selection,
  }));
  return {
    ok: true,
    sample: { ...result.sample, data: { ...result.sample.data, reasoning } },
    notes: result.notes,
  };
}
