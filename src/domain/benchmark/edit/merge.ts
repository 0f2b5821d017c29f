/**
 * Merging my draft with the version someone else saved meanwhile, question by question (a
 * question's text, options and answer travel together, so a merge cannot pair my options with
 * their answer): what only one side changed is taken from it, what both changed differently is a
 * conflict for the person to decide. When the sides have different steps, the steps are one unit.
 * Without the version both were edited from (`base` null), every part they differ in is a conflict.
 */
import type { BenchmarkSampleV002, StepV002 } from '../../../schemas/benchmark-sample';

/** One part of a sample merged as a whole. */
interface MergeUnit {
  readonly key: string;
  /** How a person names it: "Step 2 grounding questions". */
  readonly label: string;
  get(s: BenchmarkSampleV002): unknown;
  set(s: BenchmarkSampleV002, value: unknown): BenchmarkSampleV002;
}

/** A part both sides changed differently. */
export interface MergeConflict {
  readonly key: string;
  readonly label: string;
  readonly mine: unknown;
  readonly theirs: unknown;
}

/** Their version with my one-sided changes in it, the parts taken from each, and the conflicts. */
export interface SampleMerge {
  readonly merged: BenchmarkSampleV002;
  /** Labels of the parts taken from my draft (only I changed them). */
  readonly fromMine: readonly string[];
  /** Labels of the parts only they changed (kept as theirs); empty when the base is unknown. */
  readonly fromTheirs: readonly string[];
  readonly conflicts: readonly MergeConflict[];
}

const STEP_PARTS = [
  ['criterion_selection', 'criterion'],
  ['finding_identification', 'finding'],
  ['ecg_grounding', 'grounding questions'],
  ['diagnostic_decision', 'decision'],
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function units(
  base: BenchmarkSampleV002 | null,
  mine: BenchmarkSampleV002,
  theirs: BenchmarkSampleV002,
) {
  const out: MergeUnit[] = [
    {
      key: 'metadata',
      label: 'Metadata',
      get: (s) => s.metadata,
      set: (s, v) => ({ ...s, metadata: v as BenchmarkSampleV002['metadata'] }),
    },
    {
      key: 'initial',
      label: 'Initial question',
      get: (s) => s.data.initial_diagnostic_question,
      set: (s, v) => ({
        ...s,
        data: {
          ...s.data,
          initial_diagnostic_question:
            v as BenchmarkSampleV002['data']['initial_diagnostic_question'],
        },
      }),
    },
  ];
  const n = theirs.data.reasoning.length;
  if (mine.data.reasoning.length !== n || (base && base.data.reasoning.length !== n)) {
    out.push({
      key: 'reasoning',
      label: 'The steps',
      get: (s) => s.data.reasoning,
      set: (s, v) => ({ ...s, data: { ...s.data, reasoning: v as StepV002[] } }),
    });
    return out;
  }
  for (let i = 0; i < n; i++) {
    for (const [part, name] of STEP_PARTS) {
      out.push({
        key: `${i}.${part}`,
        label: `Step ${i + 1} ${name}`,
        get: (s) => s.data.reasoning[i]![part],
        set: (s, v) => ({
          ...s,
          data: {
            ...s.data,
            reasoning: s.data.reasoning.map((st, k) => (k === i ? { ...st, [part]: v } : st)),
          },
        }),
      });
    }
  }
  return out;
}

/** Three-way merge of my draft and their saved version, both edited from `base` (null: unknown). */
export function mergeSamples(
  base: BenchmarkSampleV002 | null,
  mine: BenchmarkSampleV002,
  theirs: BenchmarkSampleV002,
): SampleMerge {
  let merged = theirs;
  const fromMine: string[] = [];
  const fromTheirs: string[] = [];
  const conflicts: MergeConflict[] = [];
  for (const u of units(base, mine, theirs)) {
    const [m, t] = [u.get(mine), u.get(theirs)];
    if (same(m, t)) continue;
    if (base && same(m, u.get(base))) {
      fromTheirs.push(u.label);
      continue;
    }
    if (base && same(t, u.get(base))) {
      merged = u.set(merged, m);
      fromMine.push(u.label);
    } else conflicts.push({ key: u.key, label: u.label, mine: m, theirs: t });
  }
  return { merged, fromMine, fromTheirs, conflicts };
}

/** The merge with each conflict settled as chosen ('mine' or 'theirs'; theirs when not chosen). */
export function resolveMerge(
  base: BenchmarkSampleV002 | null,
  mine: BenchmarkSampleV002,
  theirs: BenchmarkSampleV002,
  choices: Readonly<Record<string, 'mine' | 'theirs'>>,
): BenchmarkSampleV002 {
  const merge = mergeSamples(base, mine, theirs);
  let out = merge.merged;
  const byKey = new Map(units(base, mine, theirs).map((u) => [u.key, u]));
  for (const c of merge.conflicts) {
    if (choices[c.key] === 'mine') out = byKey.get(c.key)!.set(out, c.mine);
  }
  return out;
}
