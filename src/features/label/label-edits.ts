/** Pure edits of a draft label, keeping taxonomy.md's rules as the editor's behaviour. */
import { proposeDiagnosis } from '../../domain/taxonomy/propose-diagnosis';
import type { DenseLabel, DraftLabel } from '../../schemas/dense-label';
import { DenseLabelSchema, SET_ORDERS } from '../../schemas/dense-label';
import type { AxisId, AxisSpec } from './label-axes';

type Territory = DenseLabel['ischemia']['territory'];

/** The values an axis holds now (one value as a one-element list; [] when unset). */
export function axisValues(label: DraftLabel, axis: AxisId): readonly string[] {
  switch (axis) {
    case 'stage':
      return label.ischemia ? [label.ischemia.stage] : [];
    case 'territory':
      return label.ischemia?.territory ?? [];
    case 'conduction':
      return label.conduction ?? [];
    case 'other_findings':
      return label.other_findings ?? [];
    default: {
      const value = label[axis];
      return value === undefined ? [] : [value];
    }
  }
}

function sorted(values: Iterable<string>, order: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** A set after toggling one value: "none" stands alone (choosing it clears the others). */
export function toggledSet(
  current: readonly string[],
  value: string,
  order: readonly string[],
): string[] {
  if (current.includes(value)) return current.filter((v) => v !== value);
  if (value === 'none') return ['none'];
  return sorted([...current.filter((v) => v !== 'none'), value], order);
}

function withAxis(label: DraftLabel, axis: AxisId, values: readonly string[]): DraftLabel {
  switch (axis) {
    case 'stage': {
      const stage = values[0] as DenseLabel['ischemia']['stage'];
      // Stage "none" exactly when territory is ["none"]: the pair changes as one edit.
      const territory = (
        stage === 'none' ? ['none'] : (label.ischemia?.territory ?? []).filter((t) => t !== 'none')
      ) as Territory;
      return { ...label, ischemia: { stage, territory } };
    }
    case 'territory': {
      const territory = values as Territory;
      if (territory.length === 1 && territory[0] === 'none') {
        return { ...label, ischemia: { stage: 'none', territory } };
      }
      // A territory belongs to a stage: with none chosen yet (or "none"), nothing changes.
      if (!label.ischemia || label.ischemia.stage === 'none') return label;
      return { ...label, ischemia: { stage: label.ischemia.stage, territory } };
    }
    case 'conduction':
      return { ...label, conduction: values as DenseLabel['conduction'] };
    case 'other_findings':
      return { ...label, other_findings: values as DenseLabel['other_findings'] };
    default:
      return { ...label, [axis]: values[0] };
  }
}

/**
 * Chooses `value` on a one-value axis, or toggles it in a set; the same object back when the
 * choice cannot be made yet (a territory before its ischemia stage).
 */
export function chooseValue(label: DraftLabel, axis: AxisSpec, value: string): DraftLabel {
  if (axis.kind === 'one') return withAxis(label, axis.id, [value]);
  return withAxis(label, axis.id, toggledSet(axisValues(label, axis.id), value, axis.values));
}

/** The label with keys in taxonomy.md's order (sets sorted), as it is saved. */
export function orderedDraft(label: DraftLabel): DraftLabel {
  const out: DraftLabel = {};
  if (label.rate !== undefined) out.rate = label.rate;
  if (label.rhythm !== undefined) out.rhythm = label.rhythm;
  if (label.axis !== undefined) out.axis = label.axis;
  if (label.conduction !== undefined)
    out.conduction = sorted(label.conduction, SET_ORDERS.conduction) as DenseLabel['conduction'];
  if (label.ischemia !== undefined)
    out.ischemia = {
      stage: label.ischemia.stage,
      territory: sorted(label.ischemia.territory, SET_ORDERS.territory) as Territory,
    };
  if (label.other_findings !== undefined)
    out.other_findings = sorted(
      label.other_findings,
      SET_ORDERS.other_findings,
    ) as DenseLabel['other_findings'];
  if (label.diagnosis !== undefined) out.diagnosis = label.diagnosis;
  return out;
}

/** The label as a complete dense label once axes 1-7 are set (diagnosis may still be empty). */
export function completeAxes(label: DraftLabel): DenseLabel | null {
  const parsed = DenseLabelSchema.safeParse({ diagnosis: '', ...label });
  return parsed.success ? parsed.data : null;
}

/** The diagnosis proposed from axes 1-7; null until all seven are set. */
export function proposedDiagnosis(label: DraftLabel): string | null {
  const complete = completeAxes(label);
  return complete ? proposeDiagnosis(complete) : null;
}

/**
 * An axis edit, with the diagnosis following the proposal while the labeller has not written
 * their own (empty, or the text proposed before this edit); the same object when nothing changes.
 */
export function editAxis(label: DraftLabel, axis: AxisSpec, value: string): DraftLabel {
  const next = chooseValue(label, axis, value);
  return next === label ? label : followingDiagnosis(label, next);
}

/**
 * `next` in order, its diagnosis following the proposal from the axes unless the labeller wrote
 * their own in `label` (anything but empty or the text proposed for `label`).
 */
export function followingDiagnosis(label: DraftLabel, next: DraftLabel): DraftLabel {
  const before = proposedDiagnosis(label);
  const own = label.diagnosis !== undefined && label.diagnosis !== '' && label.diagnosis !== before;
  const proposal = proposedDiagnosis(next);
  if (own || proposal === null) return orderedDraft(next);
  return orderedDraft({ ...next, diagnosis: proposal });
}
