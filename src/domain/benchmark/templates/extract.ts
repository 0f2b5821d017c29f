/**
 * Template extraction: reads a set of samples into one template per (target_dx, dx_label,
 * path_idx), with a variant per chain shape. Pure; either answer shape.
 */
import type { BenchmarkSample, DataSource } from '../../../schemas/benchmark-sample';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import type { StandardLead } from '../../leads';
import { STANDARD_LEADS } from '../../leads';
import { leadsNamedIn } from '../grounding';
import { mergeBinSets } from './bins';
import type { SampleShape, SlotShape, StepShape } from './shape';
import { sampleShape } from './shape';
import type {
  GroundingSlot,
  SampleRef,
  StepTemplate,
  Tally,
  Template,
  TemplateKey,
  TemplateSet,
  TemplateVariant,
} from './types';

/** The key of a template as one line, e.g. "first_degree_av_block true 0". */
export function templateKeyText(key: TemplateKey): string {
  return `${key.targetDx} ${String(key.dxLabel)} ${key.pathIdx}`;
}

/** A sample's template key. */
export function keyOfSample(sample: Pick<BenchmarkSample, 'metadata'>): TemplateKey {
  const m = sample.metadata;
  return { targetDx: m.target_dx, dxLabel: m.dx_label, pathIdx: m.path_idx };
}

/** The pool key of a criterion: its diagnosis and right answer. */
export const poolKey = (targetDx: string, answer: string) => `${targetDx}\u0000${answer}`;

interface VariantDraft {
  readonly index: number;
  readonly first: SampleShape;
  readonly shapes: SampleShape[];
  readonly samples: SampleRef[];
}

interface TemplateDraft {
  readonly key: TemplateKey;
  readonly bySource: Partial<Record<DataSource, number>>;
  readonly variants: Map<string, VariantDraft>;
}

function tally(values: readonly (number | string)[]): Tally {
  const out: Record<string, number> = {};
  for (const v of [...values].sort((a, b) => Number(a) - Number(b)))
    out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}

const inLeadOrder = (leads: Iterable<StandardLead>): StandardLead[] =>
  STANDARD_LEADS.filter((l) => new Set(leads).has(l));

/**
 * The lead group of a lead question: the leads every sample offers (padding leads vary), narrowed
 * to the leads its finding question names when it names some of them.
 */
function leadGroup(
  slots: readonly Extract<SlotShape, { type: 'lead_grounding' }>[],
  finding: string,
) {
  let common = new Set(slots[0]!.options);
  for (const s of slots) common = new Set(s.options.filter((l) => common.has(l)));
  const named = leadsNamedIn(finding).filter((l) => common.has(l));
  return inLeadOrder(named.length > 0 ? named : common);
}

function mergeSlot(slots: readonly SlotShape[], finding: string): GroundingSlot | null {
  const first = slots[0]!;
  switch (first.type) {
    case 'lead_grounding': {
      const all = slots as Extract<SlotShape, { type: 'lead_grounding' }>[];
      return {
        type: 'lead_grounding',
        question: first.question,
        group: leadGroup(all, finding),
        optionCount: first.options.length,
        selectOne: first.selectOne,
        answerSizes: tally(all.map((s) => s.answer.length)),
      };
    }
    case 'wave_grounding': {
      const all = slots as Extract<SlotShape, { type: 'wave_grounding' }>[];
      return {
        type: 'wave_grounding',
        question: first.question,
        waveKind: first.waveKind,
        form: first.form,
        leadsNamed: first.leadsNamed,
        namesSelectedLead: first.namesSelectedLead,
        optionCounts: tally(all.map((s) => s.optionCount)),
      };
    }
    case 'measurement_grounding': {
      const all = slots as Extract<SlotShape, { type: 'measurement_grounding' }>[];
      const leads = new Set(all.map((s) => s.lead));
      return {
        type: 'measurement_grounding',
        question: first.question,
        quantity: first.quantity,
        unit: first.unit,
        lead: leads.size === 1 ? first.lead : null,
        leadSource: first.leadSource,
        bins: all.slice(1).reduce((set, s) => mergeBinSets(set, s.bins), first.bins),
        answerPositions: tally(all.map((s) => s.answerPosition)),
      };
    }
    default:
      return null;
  }
}

function finishVariant(
  draft: VariantDraft,
  pools: Map<string, string[]>,
  targetDx: string,
): TemplateVariant {
  const steps = draft.first.steps.map((step: StepShape, s): StepTemplate => {
    const stepsOf = draft.shapes.map((shape) => shape.steps[s]!);
    return {
      criterion: {
        question: step.criterion.question,
        answer: step.criterion.answer,
        // In code-unit order, not the order samples were read in: a seed draws the same options
        // from the same pool whichever samples came first or were re-sampled since.
        pool: [...(pools.get(poolKey(targetDx, step.criterion.answer)) ?? [])].sort(),
        answerPositions: tally(stepsOf.map((x) => x.criterion.answerPosition)),
      },
      finding: step.finding,
      grounding: step.grounding.flatMap((_, g) => {
        const slot = mergeSlot(
          stepsOf.map((x) => x.grounding[g]!),
          step.finding.question,
        );
        return slot ? [slot] : [];
      }),
      decision: step.decision,
    };
  });
  return {
    index: draft.index,
    signature: draft.first.signature,
    count: draft.samples.length,
    samples: draft.samples,
    initialQuestion: draft.first.initialQuestion,
    steps,
  };
}

function compareKeys(a: TemplateKey, b: TemplateKey): number {
  return (
    TARGET_DX.indexOf(a.targetDx) - TARGET_DX.indexOf(b.targetDx) ||
    Number(b.dxLabel) - Number(a.dxLabel) ||
    a.pathIdx - b.pathIdx
  );
}

/**
 * Reads templates from samples: per key, a variant per chain shape (equal signatures), with the
 * lead groups, wave kinds, quantities and bin sets of its grounding questions, the distractor
 * pools of its criteria (per diagnosis and criterion, over every sample read) and counts.
 */
export function extractTemplates(samples: Iterable<BenchmarkSample>): TemplateSet {
  const drafts = new Map<string, TemplateDraft>();
  const pools = new Map<string, string[]>();
  const poolSeen = new Map<string, Set<string>>();
  let count = 0;
  for (const sample of samples) {
    count++;
    const m = sample.metadata;
    const key = keyOfSample(sample);
    const keyText = templateKeyText(key);
    const draft: TemplateDraft = drafts.get(keyText) ?? { key, bySource: {}, variants: new Map() };
    drafts.set(keyText, draft);
    draft.bySource[m.data_source] = (draft.bySource[m.data_source] ?? 0) + 1;
    const shape = sampleShape(sample);
    const variant = draft.variants.get(shape.signature) ?? {
      index: draft.variants.size,
      first: shape,
      shapes: [],
      samples: [],
    };
    draft.variants.set(shape.signature, variant);
    variant.shapes.push(shape);
    variant.samples.push({ source: m.data_source, id: m.id, ecgId: m.ecg_id });
    for (const step of shape.steps) {
      const k = poolKey(m.target_dx, step.criterion.answer);
      const seen = poolSeen.get(k) ?? new Set<string>();
      const list = pools.get(k) ?? [];
      poolSeen.set(k, seen);
      pools.set(k, list);
      for (const d of step.criterion.distractors) {
        if (!seen.has(d)) {
          seen.add(d);
          list.push(d);
        }
      }
    }
  }
  const templates: Template[] = [...drafts.values()]
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((d) => {
      const variants = [...d.variants.values()].map((v) => finishVariant(v, pools, d.key.targetDx));
      const bySource: Partial<Record<DataSource, number>> = {};
      for (const source of DATA_SOURCES)
        if (d.bySource[source]) bySource[source] = d.bySource[source];
      return { key: d.key, count: variants.reduce((n, v) => n + v.count, 0), bySource, variants };
    });
  return { samples: count, templates };
}

/** The template of a key in a set; undefined when the set has none. */
export function findTemplate(set: TemplateSet, key: TemplateKey): Template | undefined {
  return set.templates.find(
    (t) =>
      t.key.targetDx === key.targetDx &&
      t.key.dxLabel === key.dxLabel &&
      t.key.pathIdx === key.pathIdx,
  );
}
