import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BenchmarkSample, BenchmarkSampleV001 } from '../../../schemas/benchmark-sample';
import { PTBXL_JSONL } from '../../../testing/sample-fixtures';
import { convertSample } from '../convert';
import type { LeadSlot, MeasurementSlot, TemplateSet, WaveSlot } from './index';
import {
  ANCHOR_PLACEHOLDER,
  extractTemplates,
  findTemplate,
  fitSample,
  templateKeyText,
} from './index';

const raw = readFileSync(PTBXL_JSONL, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as BenchmarkSampleV001);
const set: TemplateSet = extractTemplates(raw);
const copy = <T>(value: T): T => structuredClone(value);
const template = (targetDx: string, dxLabel: boolean, pathIdx: number) =>
  findTemplate(set, { targetDx, dxLabel, pathIdx } as never)!;

describe('templates of ptbxl.jsonl', () => {
  it('has one template per key with the counts of the file, counted apart', () => {
    const counts = new Map<string, number>();
    for (const s of raw) {
      const k = `${s.metadata.target_dx} ${String(s.metadata.dx_label)} ${s.metadata.path_idx}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    expect(set.samples).toBe(3084);
    expect(set.templates).toHaveLength(73);
    expect(new Map(set.templates.map((t) => [templateKeyText(t.key), t.count]))).toEqual(counts);
    for (const t of set.templates) expect(t.bySource).toEqual({ ptbxl: t.count });
  });

  it('fits every one of the 3,084 samples to its template, in either answer shape', () => {
    const misfits = raw.flatMap((s) => {
      const fit = fitSample(s, set);
      return fit.problems.length > 0 ? [`${s.metadata.id}: ${fit.problems.join('; ')}`] : [];
    });
    expect(misfits).toEqual([]);
    for (const s of raw.slice(0, 400)) {
      expect(fitSample(convertSample(s, 'list'), set).problems).toEqual([]);
    }
  });

  it('finds one chain shape per key: the 3AVB atrial-rate window slides instead of making variants', () => {
    // templates.md expects variants under LVH, LPFB negatives and 3AVB positives; in this file
    // every key has one shape, and 3AVB positives differ only in where the atrial-rate bins start.
    expect(set.templates.filter((t) => t.variants.length !== 1)).toEqual([]);
    const atrial = template('third_degree_av_block', true, 1).variants[0]!.steps[3]!
      .grounding[0] as MeasurementSlot;
    expect(atrial.quantity).toBe('atrial_rate');
    expect(atrial.bins).toEqual({
      kind: 'sliding',
      unit: 'bpm',
      width: 15,
      count: 5,
      offsets: [50, 55, 60],
    });
  });

  it('reads lead groups from the leads every sample offers and its finding names', () => {
    const leadSlots = (t: ReturnType<typeof template>) =>
      t.variants[0]!.steps.flatMap((s) =>
        s.grounding.filter((g): g is LeadSlot => g.type === 'lead_grounding'),
      );
    const clbbb = leadSlots(template('complete_left_bundle_branch_block', true, 0));
    expect(clbbb.map((s) => s.group)).toEqual([
      ['I', 'aVL', 'V6'],
      ['V5', 'V6'],
    ]);
    const lvh = leadSlots(template('left_ventricular_hypertrophy', true, 1));
    expect(lvh.map((s) => [s.group, s.optionCount, s.selectOne])).toEqual([
      [['V5', 'V6'], 2, true],
      [['I', 'aVL', 'V5', 'V6'], 5, false],
    ]);
  });

  it('keeps the criterion pools of a diagnosis free of its other criteria, 13 to 30 strings each', () => {
    for (const t of set.templates) {
      const criteria = new Set(
        set.templates
          .filter((u) => u.key.targetDx === t.key.targetDx)
          .flatMap((u) => u.variants.flatMap((v) => v.steps.map((s) => s.criterion.answer))),
      );
      for (const step of t.variants[0]!.steps) {
        expect(step.criterion.pool.filter((o) => criteria.has(o))).toEqual([]);
        expect(step.criterion.pool.length).toBeGreaterThanOrEqual(13);
        expect(step.criterion.pool.length).toBeLessThanOrEqual(30);
      }
    }
  });

  it('holds the same pools whatever order the samples are read in', () => {
    const reversed = extractTemplates([...raw].reverse());
    const pools = (t: TemplateSet) =>
      t.templates.flatMap((x) =>
        x.variants.flatMap((v) => v.steps.map((st) => st.criterion.pool.join('|'))),
      );
    expect(pools(reversed)).toEqual(pools(set));
    // Not merely equal because nothing was read: every pool is in code-unit order.
    const first = set.templates[0]!.variants[0]!.steps[0]!.criterion.pool;
    expect(first.length).toBeGreaterThan(4);
    expect(first).toEqual([...first].sort());
  });

  it('keeps a placeholder where a "1st QRS wave" question pins its window', () => {
    const slot = template('second_degree_av_block', true, 0).variants[0]!.steps[0]!
      .grounding[0] as WaveSlot;
    expect(slot.form).toBe('beats');
    expect(slot.waveKind).toBe('rr_interval');
    expect(slot.question).toContain(`located at ${ANCHOR_PLACEHOLDER} in the ECG signal`);
  });
});

describe('fitSample', () => {
  const first = raw.find(
    (s) => s.metadata.target_dx === 'complete_left_bundle_branch_block' && s.metadata.dx_label,
  )!;

  it('names a distractor outside the pool, a lead answer outside the group and a wrong option count', () => {
    const s = copy(first);
    const step = s.data.reasoning[0]!;
    const distractor = step.criterion_selection.options.findIndex(
      (o) => o !== step.criterion_selection.answer,
    );
    step.criterion_selection.options[distractor] = 'Presence of a purple QRS';
    const leadAt = s.data.reasoning.findIndex((r) =>
      r.ecg_grounding.some((g) => g.question_type === 'lead_grounding'),
    );
    const lead = s.data.reasoning[leadAt]!.ecg_grounding.find(
      (g) => g.question_type === 'lead_grounding',
    )!;
    const padding = lead.options.findIndex((o) => !['Lead I', 'Lead aVL', 'Lead V6'].includes(o));
    (lead.answer as string[]).push(lead.options[padding]!);
    (lead.answer_idx as number[]).push(padding);
    const wave = s.data.reasoning[0]!.ecg_grounding.find(
      (g) => g.question_type === 'wave_grounding',
    )!;
    wave.options = wave.options.slice(0, 3);
    const problems = fitSample(s as BenchmarkSample, set).problems;
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/distractor "Presence of a purple QRS" is not in the pool/);
    expect(problems.some((p) => /answer leads .* are outside the group/.test(p))).toBe(true);
    expect(problems.some((p) => /3 options, the template has 4 or 5/.test(p))).toBe(true);
  });

  it('finds no variant for another chain shape, and no template for an unknown path', () => {
    const s = copy(first);
    s.data.reasoning[0]!.finding_identification.answer = 'No';
    expect(fitSample(s, set).problems).toEqual([
      'its chain shape is none of the 1 of complete_left_bundle_branch_block true 0',
    ]);
    const t = copy(first);
    t.metadata.path_idx = 9;
    expect(fitSample(t, set).problems).toEqual([
      'no template for complete_left_bundle_branch_block true 9',
    ]);
  });

  it('accepts an atrial-rate window on the grid of the offsets seen and refuses one off it', () => {
    const avb = raw.find(
      (s) => s.metadata.target_dx === 'third_degree_av_block' && s.metadata.dx_label,
    )!;
    const withOffset = (lo: number) => {
      const s = copy(avb);
      const g = s.data.reasoning[3]!.ecg_grounding[0]!;
      g.options = [0, 1, 2, 3, 4].map((i) => `[${lo + 15 * i} bpm - ${lo + 15 * (i + 1)} bpm]`);
      g.answer = g.options[1]!;
      g.answer_idx = 1;
      return fitSample(s, set).problems;
    };
    expect(withOffset(65)).toEqual([]);
    expect(withOffset(52)).toEqual([
      'data.reasoning[3].ecg_grounding[0]: the first bin starts at 52 bpm, off the 5 bpm grid of the offsets seen (50, 55, 60)',
    ]);
  });

  it('tells two chain shapes under one key apart as two variants', () => {
    const other = copy(first);
    other.data.reasoning[0]!.finding_identification.question += ' (reworded)';
    const two = extractTemplates([first, other, copy(first)]);
    expect(two.templates[0]!.variants.map((v) => v.count)).toEqual([2, 1]);
    expect(fitSample(other, two).variant?.index).toBe(1);
  });
});
