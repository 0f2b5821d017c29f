import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSample } from '../domain/benchmark/convert';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { beatsAt, measurementsWith } from '../testing/measured-beats';
import { groundingOverlays } from './grounding-overlays';

const benchmark = resolve(import.meta.dirname, '../../../shared/data/benchmark/ptbxl.jsonl');
const samples = readFileSync(benchmark, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { metadata: { id: number } });
const sampleById = (id: number) => {
  const raw = samples.find((s) => s.metadata.id === id);
  if (!raw) throw new Error(`sample ${id} not in ptbxl.jsonl`);
  return convertSample(BenchmarkSampleV001Schema.parse(raw), 'list');
};

describe('groundingOverlays on real samples', () => {
  it('bands wave_grounding windows, the right one marked', () => {
    const sample = sampleById(476);
    const wave = sample.data.reasoning[0]!.ecg_grounding[0]!;
    const o = groundingOverlays(wave, null);
    expect(o.bands.map((b) => [b.label, b.startS, b.endS, b.role])).toEqual([
      ['A', 1.34, 1.59, 'distractor'],
      ['B', 1.93, 2.08, 'right'],
      ['C', 2.5, 2.65, 'distractor'],
      ['D', 5.34, 5.53, 'distractor'],
    ]);
    expect(o.problems).toEqual([]);
  });

  it('turns measurement options into ranges with the right one marked', () => {
    const m = sampleById(476).data.reasoning[0]!.ecg_grounding[1]!;
    const o = groundingOverlays(m, null);
    expect(o.ranges.map((r) => [r.letter, r.range.lo, r.range.hi, r.isRight])).toEqual([
      ['A', 120, 130, false],
      ['B', 130, 140, false],
      ['C', 140, 150, false],
      ['D', 150, 160, true],
      ['E', 160, null, false],
    ]);
  });

  it('highlights lead options, several right answers allowed', () => {
    const sample = sampleById(476);
    const lead = sample.data.reasoning
      .flatMap((s) => s.ecg_grounding)
      .find((g) => g.question_type === 'lead_grounding')!;
    const o = groundingOverlays(lead, null);
    const rightLeads = lead.answer_idx.map((i) => lead.options[i]!.replace('Lead ', ''));
    expect(o.highlights.filter((h) => h.role === 'right').map((h) => h.lead)).toEqual(rightLeads);
    expect(o.highlights).toHaveLength(lead.options.length);
  });

  it('resolves beat ranges through detected beats, anchored on the 1st QRS hint, QRS onset to offset', () => {
    const sample = sampleById(200);
    const g = sample.data.reasoning
      .flatMap((s) => s.ecg_grounding)
      .find((x) => x.options.some((t) => t.includes('QRS wave')))!;
    const waiting = groundingOverlays(g, null);
    expect(waiting.usesBeats).toBe(true);
    expect(waiting.problems[0]).toMatch(/waits for beat detection/);
    // Beats at 0.2 (an extra one before the hinted 1st QRS at 0.38-0.49 s), then 0.43, 1.5, 2.6,
    // 4.9, 6.0, 7.1; each QRS runs 50 ms either side of its R peak.
    const m = measurementsWith(beatsAt([0.2, 0.43, 1.5, 2.6, 4.9, 6.0, 7.1]));
    const o = groundingOverlays(g, m);
    expect(o.problems).toEqual([]);
    const right = o.bands.find((b) => b.role === 'right')!;
    expect(g.options[g.answer_idx[0]]).toBe('[3rd QRS wave - 4th QRS wave]');
    expect(right.label).toBe('C');
    expect(right.startS).toBe(2.55);
    expect(right.endS).toBe(4.95);
  });
});
