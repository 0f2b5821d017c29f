import type { DenseLabel, DenseLabelLine } from '../../schemas/dense-label';
import { SET_ORDERS } from '../../schemas/dense-label';

function sortedSet<T extends string>(values: readonly T[], order: readonly string[]): T[] {
  return [...new Set(values)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/** A label rebuilt in the documented key order with every set sorted and without repeats. */
export function canonicalLabel(label: DenseLabel): DenseLabel {
  return {
    rate: label.rate,
    rhythm: label.rhythm,
    axis: label.axis,
    conduction: sortedSet(label.conduction, SET_ORDERS.conduction),
    ischemia: {
      stage: label.ischemia.stage,
      territory: sortedSet(label.ischemia.territory, SET_ORDERS.territory),
    },
    other_findings: sortedSet(label.other_findings, SET_ORDERS.other_findings),
    diagnosis: label.diagnosis,
  };
}

/** One label-file line as canonical compact JSON, no trailing newline: equal labels, equal bytes. */
export function serializeDenseLabelLine(line: DenseLabelLine): string {
  const out: DenseLabelLine = {
    data_source: line.data_source,
    ecg_id: line.ecg_id,
    label: canonicalLabel(line.label),
  };
  if (line.labeller !== undefined) out.labeller = line.labeller;
  if (line.status !== undefined) out.status = line.status;
  return JSON.stringify(out);
}
