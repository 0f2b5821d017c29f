/** Rules of grounding questions: lead options and answers, time windows and beat ranges, measurement ranges. */
import type { Grounding } from '../../schemas/benchmark-sample';
import type { Problem } from '../../schemas/issues';
import { describeValue } from '../../schemas/issues';
import { STANDARD_LEADS } from '../leads';
import type { MeasurementRangeOption } from './options';
import { parseBeatRange, parseLeadOption, parseMeasurementRange, parseTimeWindow } from './options';
import { checkAnswer, checkOptions, checkQuestionText } from './question-rules';
import type { Path } from './sample-rule-catalog';
import { RECORD_DURATION_S, report } from './sample-rule-catalog';

/** Checks one grounding question: text, options, answer, and the options' own format rules. */
export function checkGrounding(g: Grounding, base: Path, out: Problem[]): void {
  checkQuestionText(g.question, base, out);
  const distinct = checkOptions(g.options, base, out);
  if (g.question_type === 'lead_grounding') {
    checkLeads(g.options, g.answer, g.answer_idx, base, distinct, out);
    return;
  }
  if (Array.isArray(g.answer) && Array.isArray(g.answer_idx)) {
    checkAnswer(g.options, g.answer[0], g.answer_idx[0], base, 0, distinct, out);
  } else if (typeof g.answer === 'string' && typeof g.answer_idx === 'number') {
    checkAnswer(g.options, g.answer, g.answer_idx, base, null, distinct, out);
  }
  if (g.question_type === 'wave_grounding') checkWaveOptions(g.options, base, out);
  else checkMeasurementOptions(g.options, base, out);
}

function checkLeads(
  options: readonly string[],
  answers: readonly string[],
  idxs: readonly number[],
  base: Path,
  distinct: boolean,
  out: Problem[],
): void {
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    if (parseLeadOption(option) === null) {
      report(
        out,
        'lead-option',
        [...base, 'options', k],
        `expected "Lead X" with X one of ${STANDARD_LEADS.join(', ')}, found ${describeValue(option)}`,
      );
    }
  }
  if (answers.length === 0) {
    report(
      out,
      'lead-answer-empty',
      [...base, 'answer'],
      'expected at least one lead, found an empty list',
    );
  }
  if (answers.length !== idxs.length) {
    report(
      out,
      'lead-answer-lengths',
      [...base, 'answer_idx'],
      `expected ${answers.length} positions (one per answer), found ${idxs.length}`,
    );
    return;
  }
  for (let k = 0; k < idxs.length; k++) {
    const idx = idxs[k]!;
    const first = idxs.indexOf(idx);
    if (first < k) {
      report(
        out,
        'lead-answer-repeat',
        [...base, 'answer_idx', k],
        `expected each lead once, found position ${idx} again (it is also answer_idx[${first}])`,
      );
      continue;
    }
    checkAnswer(options, answers[k]!, idx, base, k, distinct, out);
  }
}

function checkWaveOptions(options: readonly string[], base: Path, out: Problem[]): void {
  let windows = 0;
  let beats = 0;
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    const window = parseTimeWindow(option);
    if (window) {
      windows++;
      if (!(window.startS < window.endS)) {
        report(
          out,
          'window-order',
          [...base, 'options', k],
          `expected the start before the end, found ${describeValue(option)}`,
        );
      } else if (window.startS < 0 || window.endS > RECORD_DURATION_S) {
        report(
          out,
          'window-in-record',
          [...base, 'options', k],
          `expected a window inside the ${RECORD_DURATION_S} s record (0s to ${RECORD_DURATION_S}s), found ${describeValue(option)}`,
        );
      }
      continue;
    }
    const range = parseBeatRange(option);
    if (range) {
      beats++;
      if (range.fromBeat < 1 || !(range.fromBeat < range.toBeat)) {
        report(
          out,
          'beat-order',
          [...base, 'options', k],
          `expected a first beat of 1 or more, before the last beat, found ${describeValue(option)}`,
        );
      }
      if (!range.ordinalsWellSpelled) {
        report(
          out,
          'ordinal-spelling',
          [...base, 'options', k],
          `expected English ordinals (1st, 2nd, 3rd, 4th, 21st), found ${describeValue(option)}`,
        );
      }
      continue;
    }
    report(
      out,
      'wave-option',
      [...base, 'options', k],
      `expected a time window such as "[8.84s - 8.95s]" or a beat range such as "[4th QRS wave - 5th QRS wave]", found ${describeValue(option)}`,
    );
  }
  if (windows > 0 && beats > 0) {
    report(
      out,
      'wave-options-mixed',
      [...base, 'options'],
      `expected all time windows or all beat ranges, found ${windows} windows and ${beats} beat ranges`,
    );
  }
}

function describeRange(r: MeasurementRangeOption): string {
  if (r.lo === null) return `below ${r.hi}${r.unit}`;
  if (r.hi === null) return `above ${r.lo}${r.unit}`;
  return `${r.lo}${r.unit} to ${r.hi}${r.unit}`;
}

function checkMeasurementOptions(options: readonly string[], base: Path, out: Problem[]): void {
  let previous: MeasurementRangeOption | null = null;
  let previousIndex = -1;
  let unit: string | null = null;
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    const r = parseMeasurementRange(option);
    if (!r) {
      report(
        out,
        'measurement-option',
        [...base, 'options', k],
        `expected "Below X", "[X - Y]" or "Above X" with one unit of ms, mV, bpm, degrees, found ${describeValue(option)}`,
      );
      continue;
    }
    if (unit === null) unit = r.unit;
    else if (r.unit !== unit) {
      report(
        out,
        'measurement-unit',
        [...base, 'options', k],
        `expected a range in ${unit} like options[0], found ${describeValue(option)}`,
      );
      continue;
    }
    if (r.lo !== null && r.hi !== null && !(r.lo < r.hi)) {
      report(
        out,
        'measurement-range-order',
        [...base, 'options', k],
        `expected the lower bound first, found ${describeValue(option)}`,
      );
      continue;
    }
    if (r.lo === null && k !== 0) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected "Below ..." only as the first option, found it at position ${k}`,
      );
    } else if (r.hi === null && k !== options.length - 1) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected "Above ..." only as the last option, found it at position ${k}`,
      );
    } else if (previous !== null && previous.hi !== null && r.lo !== null && r.lo < previous.hi) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected a range starting at or above ${previous.hi}${previous.unit} (options[${previousIndex}] is ${describeRange(previous)}), found ${describeValue(option)}`,
      );
    }
    previous = r;
    previousIndex = k;
  }
}
