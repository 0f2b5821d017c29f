/** The label editor's axes: name (the control's accessible name), key, kind and values in order. */
import {
  AXES,
  CONDUCTIONS,
  ISCHEMIA_STAGES,
  OTHER_FINDINGS,
  RATES,
  RHYTHMS,
  TERRITORIES,
} from '../../schemas/dense-label';

/** The id of an editable choice axis (ischemia split into its stage and territory). */
export type AxisId =
  'rate' | 'rhythm' | 'axis' | 'conduction' | 'stage' | 'territory' | 'other_findings';

/** One choice axis of the editor. */
export interface AxisSpec {
  readonly id: AxisId;
  /** Accessible name of its control, as people say it. */
  readonly name: string;
  /** The key that jumps to it (page scope). */
  readonly key: string;
  /** one: a single value; set: toggled values (sorted in the listed order). */
  readonly kind: 'one' | 'set';
  readonly values: readonly string[];
  /** Which label-check axis its warnings come from. */
  readonly checkAxis: string;
}

/** The axes in taxonomy.md's order (diagnosis, the eighth, is text: key D). */
export const AXIS_SPECS: readonly AxisSpec[] = [
  { id: 'rate', name: 'Rate', key: 'r', kind: 'one', values: RATES, checkAxis: 'rate' },
  { id: 'rhythm', name: 'Rhythm', key: 'h', kind: 'one', values: RHYTHMS, checkAxis: 'rhythm' },
  { id: 'axis', name: 'Axis', key: 'a', kind: 'one', values: AXES, checkAxis: 'axis' },
  {
    id: 'conduction',
    name: 'Conduction',
    key: 'n',
    kind: 'set',
    values: CONDUCTIONS,
    checkAxis: 'conduction',
  },
  {
    id: 'stage',
    name: 'Ischemia stage',
    key: 'i',
    kind: 'one',
    values: ISCHEMIA_STAGES,
    checkAxis: 'ischemia',
  },
  {
    id: 'territory',
    name: 'Ischemia territory',
    key: 't',
    kind: 'set',
    values: TERRITORIES,
    checkAxis: 'ischemia',
  },
  {
    id: 'other_findings',
    name: 'Other findings',
    key: 'o',
    kind: 'set',
    values: OTHER_FINDINGS,
    checkAxis: 'other_findings',
  },
];

/** The key that focuses the diagnosis text. */
export const DIAGNOSIS_KEY = 'd';

/** A value as the editor writes it: underscores as spaces ("first degree av block"). */
export function valueText(value: string): string {
  return value.replace(/_/g, ' ');
}

/** The key for the nth value (1-9, then 0 for the tenth); null past the tenth (type-ahead). */
export function valueDigit(index: number): string | null {
  if (index < 9) return String(index + 1);
  return index === 9 ? '0' : null;
}
