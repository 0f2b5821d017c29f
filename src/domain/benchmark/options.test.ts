import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    // The one misspelling in the real data, which validation reports as a warning.
    expect([...misspelled]).toEqual(['[20th QRS wave - 21th QRS wave]']);
  });
});
