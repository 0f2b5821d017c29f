import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { MeasuredSample } from '../../../testing/benchmark-records';
import { measuredBenchmarkSamples } from '../../../testing/benchmark-records';
import type { FindingCheck } from './candidates';
import { checkFindings } from './candidates';
import { findingBasis } from './finding-basis';
import { findingRule } from './finding-rules';
import { extractTemplates, fitSample } from '../templates';

describe('what a finding rests on, over the benchmark samples whose records are in ../shared', () => {
  let measured: MeasuredSample[];
  beforeAll(async () => {
    measured = await measuredBenchmarkSamples();
  }, 60_000);

  it('names the leads a lead finding reads, agreeing with the ranking where it judges the record', () => {
    const samples = measured.map((m) => m.raw as BenchmarkSample);
    const set = extractTemplates(samples);
    let leadFindings = 0;
    for (const [i, item] of measured.entries()) {
      const variant = fitSample(samples[i]!, set).variant!;
      const checks: FindingCheck[] = checkFindings(variant, item.measurements, null);
      for (const check of checks) {
        const rule = findingRule(check.question);
        if (!rule?.perLead || check.agrees === null) continue;
        leadFindings++;
        const basis = findingBasis(check.question, check.answer, item.measurements, null);
        expect(basis.leads.every((l) => rule.perLead!.group.includes(l.lead as never))).toBe(true);
        // The ranking says the finding holds when `needed` leads show it: the basis shows which.
        const showing = basis.leads.filter((l) => (check.answer === 'Yes' ? l.agrees : !l.agrees));
        const holds = showing.length >= rule.perLead.needed;
        expect(holds, `${item.ecgId}: ${check.question}`).toBe(
          check.answer === 'Yes' ? check.agrees : !check.agrees,
        );
      }
    }
    expect(leadFindings).toBeGreaterThan(10);
  });

  it('draws the PR interval of a dominant beat for "PR > 200 ms", the QRS for QRS rules, the longest RR for a dropped beat', () => {
    const pr =
      'Regarding the criterion you selected, is the PR interval prolonged on this ECG? Note that a PR interval is considered to be prolonged if it is greater than 200 milliseconds.';
    const qrs =
      'Regarding the criterion you selected, is the QRS duration prolonged on this ECG? Note that a QRS duration is considered to be prolonged if it is greater than 120 milliseconds.';
    const dropped =
      'Regarding the criterion you selected, does this ECG show any possibility of dropped beats, where an RR interval is significantly longer than the preceding RR intervals?';
    expect(findingRule(pr)?.id).toBe('pr-prolonged');
    expect(findingRule(qrs)?.id).toBe('qrs-prolonged');
    expect(findingRule(dropped)?.id).toBe('dropped-beat');
    let prWindows = 0;
    for (const { measurements: m } of measured) {
      const p = findingBasis(pr, 'Yes', m, null);
      if (p.windows.length > 0) {
        prWindows++;
        const w = p.windows[0]!;
        const beat = m.beats.find((b) => Math.abs(b.qrsOnsetS - w.endS) < 0.001)!;
        expect(beat.pOnsetS).not.toBeNull();
        expect(Math.abs(beat.pOnsetS! - w.startS)).toBeLessThan(0.001);
        expect(w.label).toBe(`PR ${m.global.pr.value ?? beat.prMs} ms`);
      }
      const q = findingBasis(qrs, 'No', m, null).windows[0]!;
      expect(q.endS).toBeGreaterThan(q.startS);
      expect(q.label).toMatch(/^QRS \d+ ms$/);
      const d = findingBasis(dropped, 'No', m, null);
      expect(d.beats).toBe(true);
      const longest = Math.max(...m.beats.map((b) => b.rrBeforeMs ?? 0));
      expect(d.windows[0]!.label).toBe(`longest RR ${longest} ms`);
      expect(d.windows[0]!.endS - d.windows[0]!.startS).toBeCloseTo(longest / 1000, 2);
    }
    expect(prWindows).toBeGreaterThan(20);
  });

  it('names the leads of record rules and nothing for findings the engine cannot judge', () => {
    const m = measured[0]!.measurements;
    const sokolow =
      'Regarding the criterion you selected, is the sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than 3.5mV? Note that S amplitude is the amplitude of the negative deflection in the QRS complex.';
    expect(findingBasis(sokolow, 'Yes', m, null).leads).toEqual([
      { lead: 'V1', agrees: null },
      { lead: 'V5', agrees: null },
      { lead: 'V6', agrees: null },
    ]);
    expect(
      findingBasis(
        'Regarding the criterion you selected, is the maximum R amplitude in lead aVL greater than 1.1mV?',
        'No',
        m,
        null,
      ).leads,
    ).toEqual([{ lead: 'aVL', agrees: null }]);
    expect(findingBasis('Is the weather fine on this ECG?', 'Yes', m, null)).toEqual({
      leads: [],
      windows: [],
      beats: false,
    });
  });
});
