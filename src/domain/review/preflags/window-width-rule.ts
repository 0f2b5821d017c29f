/**
 * measurement-against-window: a QRS-duration answer whose range cannot hold the length of the
 * selected segment it is asked "for". The benchmark writes a QRS window as the delineated QRS,
 * its edges to 10 ms, and bins that same QRS's duration; a window holding a QRS of lo..hi ms is
 * then lo..hi ms long (each edge moves under 5 ms, the length by under 10, and lengths are
 * whole tens). So it is in ptbxl.jsonl: all 400 QRS-duration answers of the bundle branch block
 * samples hold their window's length. The rule reads the sample alone, no signal.
 */
import { formatTimeWindow } from '../../benchmark/options';
import { measurementTarget } from '../../benchmark/grounding';
import type { PreflagRuleFn } from './preflag';
import { at, preflag } from './preflag';

/** Milliseconds in a window written to two decimals of a second (a whole number of tens). */
function windowLengthMs(window: { readonly startS: number; readonly endS: number }) {
  return Math.round((window.endS - window.startS) * 1000);
}

/** Flags QRS-duration answers whose range does not hold their selected segment's length. */
export const windowWidthRule: PreflagRuleFn = ({ sample }) => {
  const steps = sample.data.reasoning;
  return steps.flatMap((step, s) =>
    step.ecg_grounding.flatMap((g, index) => {
      const target = measurementTarget(steps, { step: s, index });
      const segment = target?.segment;
      if (target?.quantity !== 'qrs_duration' || !segment?.window) return [];
      if (segment.wave.waveKind !== 'qrs') return [];
      const answerIdx = target.read.answerIdx[0] ?? -1;
      const range = target.read.options[answerIdx];
      if (!range || range.kind !== 'range' || range.unit !== 'ms') return [];
      const length = windowLengthMs(segment.window);
      const holds =
        (range.lo === null || length >= range.lo) && (range.hi === null || length <= range.hi);
      if (holds) return [];
      const lead = segment.wave.leadsNamed.length
        ? ` The window was located in lead ${segment.wave.leadsNamed.join(', ')}, and one lead's QRS can be shorter than the QRS over all leads: if the answer is the latter, it is not the selected segment's.`
        : '';
      const shown = formatTimeWindow(segment.window.startS, segment.window.endS);
      return [
        preflag(
          'measurement-against-window',
          `The QRS duration is asked for the selected segment ${shown}, which is ${length} ms long, but the answer is ${g.options[answerIdx]}: written to 10 ms, a window holding that QRS would be as long as the answer says. Either the window or the answer is off.${lead}`,
          at.grounding(s, index, answerIdx),
          {
            // Not `value`: that is the engine's, and no signal is read here.
            answer: g.options[answerIdx] ?? '',
            window: segment.window,
            lead: segment.wave.leadsNamed[0] ?? null,
            extra: { 'Window length': `${length} ms` },
          },
        ),
      ];
    }),
  );
};
