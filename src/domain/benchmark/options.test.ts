import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isStandardLead } from '../leads';
import {
  formatBeatRange,
  formatMeasurementRange,
  formatTimeWindow,
  ordinalSuffix,
  parseBeatRange,
  parseLeadOption,
  parseMeasurementRange,
  parseTimeWindow,
  rangeContains,
} from './options';
import type { MeasurementUnit } from './options';

const benchmarkPath = resolve(import.meta.dirname, '../../../../shared/data/benchmark/ptbxl.jsonl');

interface Grounding {
  question_type: string;
  options: string[];
}

function realGroundings(): Grounding[] {
  const out: Grounding[] = [];
  for (const line of readFileSync(benchmarkPath, 'utf8').split('\n')) {
    if (!line) continue;
    const sample = JSON.parse(line) as { data: { reasoning: { ecg_grounding: Grounding[] }[] } };
    for (const step of sample.data.reasoning) out.push(...step.ecg_grounding);
  }
  return out;
}

describe('grounding options', () => {
  it('parses windows, beat ranges, measurement ranges and leads', () => {
    expect(parseTimeWindow('[8.84s - 8.95s]')).toEqual({
      kind: 'window',
      startS: 8.84,
      endS: 8.95,
    });
    expect(parseBeatRange('[4th QRS wave - 5th QRS wave]')).toEqual({
      kind: 'beats',
      fromBeat: 4,
      toBeat: 5,
      ordinalsWellSpelled: true,
    });
    expect(parseBeatRange('[2th QRS wave - 3rd QRS wave]')?.ordinalsWellSpelled).toBe(false);
    expect(parseBeatRange('[4th QRS - 5th QRS wave]')).toBeNull();
    expect(parseMeasurementRange('[100ms - 110ms]')).toEqual({
      kind: 'range',
      lo: 100,
      hi: 110,
      unit: 'ms',
    });
    expect(parseMeasurementRange('Below 0.5mV')).toEqual({
      kind: 'range',
      lo: null,
      hi: 0.5,
      unit: 'mV',
    });
    expect(parseMeasurementRange('Above 100 bpm')).toEqual({
      kind: 'range',
      lo: 100,
      hi: null,
      unit: 'bpm',
    });
    expect(parseMeasurementRange('[-30 degrees - -15 degrees]')).toEqual({
      kind: 'range',
      lo: -30,
      hi: -15,
      unit: 'degrees',
    });
    expect(parseMeasurementRange('[100ms - 1.0mV]')).toBeNull();
    expect(parseLeadOption('Lead aVR')).toEqual({ kind: 'lead', lead: 'aVR' });
    expect(parseLeadOption('Lead AVR')).toBeNull();
  });

  it('spells ordinals as English does', () => {
    expect(
      [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map((n) => `${n}${ordinalSuffix(n)}`),
    ).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '101st',
      '111th',
    ]);
  });

  it('treats ranges as half-open so neighbours never share a value', () => {
    const a = parseMeasurementRange('[200ms - 210ms]')!;
    const b = parseMeasurementRange('[210ms - 220ms]')!;
    expect(rangeContains(a, 210)).toBe(false);
    expect(rangeContains(b, 210)).toBe(true);
    expect(rangeContains(parseMeasurementRange('Below 100ms')!, 99.9)).toBe(true);
    expect(rangeContains(parseMeasurementRange('Above 130ms')!, 129)).toBe(false);
  });

  it('parses and re-formats every grounding option of the real benchmark unchanged', () => {
    const groundings = realGroundings();
    expect(groundings.length).toBeGreaterThan(10_000);
    const failures: string[] = [];
    const misspelled = new Set<string>();
    for (const g of groundings) {
      for (const option of g.options) {
        let again: string | null;
        if (g.question_type === 'lead_grounding') {
          again = parseLeadOption(option) ? option : null;
        } else if (g.question_type === 'wave_grounding') {
          const w = parseTimeWindow(option);
          const b = parseBeatRange(option);
          if (b && !b.ordinalsWellSpelled) misspelled.add(option);
          if (w) again = formatTimeWindow(w.startS, w.endS);
          else if (b)
            again = b.ordinalsWellSpelled ? formatBeatRange(b.fromBeat, b.toBeat) : option;
          else again = null;
        } else {
          const r = parseMeasurementRange(option);
          again = r ? formatMeasurementRange(r) : null;
        }
        if (again !== option) failures.push(`${g.question_type}: ${option} -> ${again}`);
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // The one misspelling in the real data, which validation reports as a warning.
    expect([...misspelled]).toEqual(['[20th QRS wave - 21th QRS wave]']);
  });
});

// The option languages as regular expressions: the definition the hand-written scanners in
// options.ts must agree with, value for value (Object.is, so -0 and NaN count).
const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const UNIT = String.raw`(ms|mV|bpm|degrees)`;
const windowPattern = new RegExp(String.raw`^\[(${NUMBER})s - (${NUMBER})s\]$`);
const beatsPattern = /^\[(\d+)(st|nd|rd|th) QRS wave - (\d+)(st|nd|rd|th) QRS wave\]$/;
const rangePattern = new RegExp(String.raw`^\[(${NUMBER}) ?${UNIT} - (${NUMBER}) ?${UNIT}\]$`);
const boundPattern = new RegExp(String.raw`^(Below|Above) (${NUMBER}) ?${UNIT}$`);
const leadPattern = /^Lead (\S+)$/;

const byRegex = {
  window(text: string) {
    const m = windowPattern.exec(text);
    return m ? { kind: 'window', startS: Number(m[1]), endS: Number(m[2]) } : null;
  },
  beats(text: string) {
    const m = beatsPattern.exec(text);
    if (!m) return null;
    const fromBeat = Number(m[1]);
    const toBeat = Number(m[3]);
    const ordinalsWellSpelled = ordinalSuffix(fromBeat) === m[2] && ordinalSuffix(toBeat) === m[4];
    return { kind: 'beats', fromBeat, toBeat, ordinalsWellSpelled };
  },
  range(text: string) {
    const closed = rangePattern.exec(text);
    if (closed) {
      if (closed[2] !== closed[4]) return null;
      const unit = closed[2] as MeasurementUnit;
      return { kind: 'range', lo: Number(closed[1]), hi: Number(closed[3]), unit };
    }
    const bound = boundPattern.exec(text);
    if (!bound) return null;
    const value = Number(bound[2]);
    const unit = bound[3] as MeasurementUnit;
    return bound[1] === 'Below'
      ? { kind: 'range', lo: null, hi: value, unit }
      : { kind: 'range', lo: value, hi: null, unit };
  },
  lead(text: string) {
    const m = leadPattern.exec(text);
    return m && isStandardLead(m[1]!) ? { kind: 'lead', lead: m[1] } : null;
  },
};

function agrees(text: string): string[] {
  const pairs: [string, unknown, unknown][] = [
    ['window', parseTimeWindow(text), byRegex.window(text)],
    ['beats', parseBeatRange(text), byRegex.beats(text)],
    ['range', parseMeasurementRange(text), byRegex.range(text)],
    ['lead', parseLeadOption(text), byRegex.lead(text)],
  ];
  const out: string[] = [];
  for (const [name, scanned, matched] of pairs) {
    const same =
      scanned === null || matched === null
        ? scanned === matched
        : Object.entries(matched as object).every(([k, v]) =>
            Object.is((scanned as Record<string, unknown>)[k], v),
          ) && Object.keys(scanned as object).length === Object.keys(matched as object).length;
    if (!same)
      out.push(
        `${name} ${JSON.stringify(text)}: ${JSON.stringify(scanned)} vs ${JSON.stringify(matched)}`,
      );
  }
  return out;
}

const digitRun = fc
  .array(fc.constantFrom('0', '1', '2', '5', '7', '9'), { minLength: 0, maxLength: 20 })
  .map((d) => d.join(''));
const numberText = fc
  .tuple(
    fc.constantFrom('', '', '-', '+', '--'),
    digitRun,
    fc.constantFrom('', '', '.', ','),
    digitRun,
  )
  .map(([sign, whole, dot, fraction]) => `${sign}${whole}${dot}${dot ? fraction : ''}`);
const unitText = fc.constantFrom(
  'ms',
  'mV',
  'bpm',
  'degrees',
  's',
  'm',
  'mv',
  'bp',
  'degree',
  'MS',
  '',
);
const gap = fc.constantFrom('', ' ', ' ', '  ', '\t');
const ordinal = fc.constantFrom('st', 'nd', 'rd', 'th', 's', 'TH', 'rdx', '');
const piece = fc.oneof(
  fc.constantFrom(
    '[',
    ']',
    ' - ',
    '-',
    ' ',
    's',
    'QRS wave',
    ' QRS wave',
    'Below ',
    'Above ',
    'Lead ',
  ),
  numberText,
  unitText,
  fc.string({ maxLength: 3 }),
);

/** Valid texts of each option kind, then damaged by one edit at a random place. */
const validOption = fc.oneof(
  fc.tuple(numberText, numberText).map(([a, b]) => `[${a}s - ${b}s]`),
  fc
    .tuple(digitRun, ordinal, digitRun, ordinal)
    .map(([a, x, b, y]) => `[${a}${x} QRS wave - ${b}${y} QRS wave]`),
  fc
    .tuple(numberText, gap, unitText, numberText, gap, unitText)
    .map(([a, g, u, b, h, v]) => `[${a}${g}${u} - ${b}${h}${v}]`),
  fc
    .tuple(fc.constantFrom('Below', 'Above', 'below', 'Below  '), numberText, gap, unitText)
    .map(([w, a, g, u]) => `${w} ${a}${g}${u}`),
  fc
    .constantFrom('I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V6', 'V7', 'avr', 'I ', '', 'V1\n')
    .map((l) => `Lead ${l}`),
);
const nearValid = fc
  .tuple(validOption, fc.nat(), fc.constantFrom('delete', 'insert', 'replace', 'none'), piece)
  .map(([text, at, edit, inserted]) => {
    const i = text.length === 0 ? 0 : at % text.length;
    if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (edit === 'insert') return text.slice(0, i) + inserted + text.slice(i);
    if (edit === 'replace') return text.slice(0, i) + inserted + text.slice(i + inserted.length);
    return text;
  });

describe('option scanners agree with the regular-expression definition', () => {
  it('on every real option', () => {
    const failures: string[] = [];
    for (const g of realGroundings())
      for (const option of g.options) failures.push(...agrees(option));
    expect(failures.slice(0, 10)).toEqual([]);
  });

  it('on hand-picked edge cases', () => {
    const edge = [
      '[-0s - 0s]',
      '[1.s - 2s]',
      '[.5s - 2s]',
      '[1s - 2s] ',
      '[1s - 2s]\n',
      '[1s - 2s',
      '[1s -2s]',
      '[123456789012345678s - 1.00000000000000000001s]',
      '[0.1234567890123456s - 9s]',
      '[100 ms - 110ms]',
      '[100ms - 110 ms]',
      '[100  ms - 110ms]',
      '[100ms - 110mV]',
      '[1e3ms - 2ms]',
      'Below 0.5mV',
      'Below 0.5 mV',
      'Above -1.25 degrees',
      'Above 5degrees ',
      'Below5ms',
      'Above ms',
      '[1st QRS wave - 2nd QRS wave]',
      '[01st QRS wave - 002nd QRS wave]',
      '[99999999999999999999th QRS wave - 1st QRS wave]',
      '[1st QRS wave - 2nd QRS wave]]',
      '[1st QRS wave - 2ndQRS wave]',
      'Lead aVR',
      'Lead  aVR',
      'Lead aVR ',
      'Lead',
    ];
    expect(edge.flatMap(agrees)).toEqual([]);
  });

  it('on generated valid and near-valid texts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          validOption,
          nearValid,
          fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
        ),
        (text) => {
          expect(agrees(text)).toEqual([]);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
