/**
 * measurement-outside-bins: a measurement answer that is neither the bin holding the engine's
 * value nor a bin next to it. Neighbours are allowed because the engine's values carry error
 * (README "Measurement checks": 100% of the real answers are exact or a neighbour).
 */
import { formatTimeWindow } from '../../benchmark/options';
import { measureGrounding, neighbourBins } from '../../benchmark/grounding';
import type { PreflagRuleFn } from './preflag';
import { at, nth, preflag } from './preflag';

const QUANTITY_NAMES: Readonly<Record<string, string>> = {
  qrs_duration: 'QRS duration',
  premature_qrs_duration: "premature beat's QRS duration",
  pr_interval: 'PR interval',
  qrs_axis: 'QRS axis',
  heart_rate: 'heart rate',
  r_amplitude: 'R amplitude',
  s_amplitude: 'S amplitude',
};

/** Flags measurement answers two bins or more from the engine's value. */
export const measurementRule: PreflagRuleFn = ({ sample, m }) => {
  if (!m) return [];
  const steps = sample.data.reasoning;
  return steps.flatMap((step, s) =>
    step.ecg_grounding.flatMap((g, index) => {
      if (g.question_type !== 'measurement_grounding') return [];
      const checked = measureGrounding(steps, { step: s, index }, m);
      if (!checked || checked.verdict !== 'miss') return [];
      const { measured, target } = checked;
      const answerIdx = target.read.answerIdx[0] ?? -1;
      const holding = checked.place?.holding ?? null;
      const accepted = [answerIdx, ...neighbourBins(target.read.options, answerIdx)]
        .sort((a, b) => a - b)
        .map((i) => g.options[i]!);
      const name = QUANTITY_NAMES[measured.quantity ?? ''] ?? 'value';
      const where =
        measured.basis === 'beat' && measured.beatIndex !== null
          ? ` on the ${nth(measured.beatIndex + 1)} detected beat${measured.window ? ` (the selected segment ${formatTimeWindow(measured.window.startS, measured.window.endS)})` : ''}`
          : measured.basis === 'median-beat'
            ? ` on the median beat${measured.note ? ` (${measured.note})` : ''}`
            : '';
      const lead = measured.lead ? ` in lead ${measured.lead}` : '';
      const valueIn =
        holding === null ? 'which no option holds' : `which falls in ${g.options[holding]}`;
      return [
        preflag(
          'measurement-outside-bins',
          `The engine measures the ${name}${lead} at ${measured.value} ${measured.unit}${where}, ${valueIn}; the answer ${g.options[answerIdx]} is not that bin nor a bin next to it (neighbours are allowed for the engine's error).`,
          at.grounding(s, index, answerIdx),
          {
            value: measured.value,
            unit: measured.unit ?? '',
            answer: g.options[answerIdx] ?? '',
            valueOption: holding === null ? null : g.options[holding]!,
            accepted,
            lead: measured.lead,
            beatIndex: measured.beatIndex,
            basis: measured.basis,
            ...(measured.window ? { window: measured.window } : {}),
          },
        ),
      ];
    }),
  );
};
