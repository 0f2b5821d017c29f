/**
 * One rule, two readers: over every grounding option of ptbxl.jsonl whose record is in ../shared,
 * the bands the sample view draws are the windows the CLI's benchmark check uses, and the value
 * the sample view shows is the value the check bins. The view reads the sample as the app serves
 * it (list shape), the check reads the file's own lines (scalar shape).
 */
import { describe, expect, it } from 'vitest';
import { convertSample } from '../domain/benchmark/convert';
import { optionWindows, readGrounding } from '../domain/benchmark/grounding';
import type { CheckedSample } from '../domain/measure/benchmark-check';
import { checkSample } from '../domain/measure/benchmark-check';
import { BenchmarkSampleV001Schema } from '../schemas/benchmark-sample';
import { measuredBenchmarkSamples } from '../testing/benchmark-records';
import { appMeasurement } from './app-measurement';
import { groundingOverlays, measurementContext } from './grounding-overlays';

describe('the sample view and the benchmark check agree on real samples', () => {
  it('draws the windows the check uses and shows the values it bins', async () => {
    const counts = {
      samples: 0,
      questions: 0,
      options: 0,
      waveOptionsBanded: 0,
      answerWindowsChecked: 0,
      beatRangeOptionsChecked: 0,
      leadOptionsHighlighted: 0,
      rangeOptionsShown: 0,
      measurementQuestions: 0,
      measuredValues: 0,
    };
    for (const { raw, measurements: m } of await measuredBenchmarkSamples()) {
      counts.samples++;
      const check = checkSample(raw as CheckedSample, m);
      const sample = convertSample(BenchmarkSampleV001Schema.parse(raw), 'list');
      const steps = sample.data.reasoning;
      const id = `sample ${sample.metadata.id}`;
      let measurementIndex = 0;
      let answerWindowIndex = 0;
      let beatRangeIndex = 0;
      steps.forEach((step, s) =>
        step.ecg_grounding.forEach((g, index) => {
          counts.questions++;
          counts.options += g.options.length;
          const at = { step: s, index };
          const where = `${id} step ${s + 1} question ${index + 1}`;
          const view = groundingOverlays(g, m);
          expect(view.problems, where).toEqual([]);
          if (g.question_type === 'lead_grounding') {
            counts.leadOptionsHighlighted += view.highlights.length;
            expect(view.highlights, where).toHaveLength(g.options.length);
          } else if (g.question_type === 'measurement_grounding') {
            counts.rangeOptionsShown += view.ranges.length;
            expect(view.ranges, where).toHaveLength(g.options.length);
          } else {
            const read = readGrounding(g);
            if (read.type !== 'wave_grounding') throw new Error(where);
            const bandOf = (i: number) => {
              const band = view.bands.find((b) => b.id === `opt-${i}`)!;
              return { startS: band.startS, endS: band.endS };
            };
            // Every option's band is the module's window for it.
            optionWindows(read, m.beats).forEach((w, i) => {
              if (!w.ok) throw new Error(`${where}: ${w.reason}`);
              expect(bandOf(i), where).toEqual(w.window);
              counts.waveOptionsBanded++;
            });
            // The answer window the check tests for its wave, and every beat range it resolves.
            const answer = g.answer_idx[0];
            if (read.options[answer]?.kind === 'window') {
              const checked = check.windows[answerWindowIndex++]!;
              expect(checked.question).toBe(g.question);
              expect(bandOf(answer), where).toEqual(checked.windowS);
              counts.answerWindowsChecked++;
            }
            g.options.forEach((text, i) => {
              if (read.options[i]?.kind !== 'beats') return;
              const checked = check.beatRanges[beatRangeIndex++]!;
              expect(checked.option).toBe(text);
              expect(checked.resolved, where).not.toBeNull();
              expect(bandOf(i), where).toEqual({
                startS: checked.resolved!.startS,
                endS: checked.resolved!.endS,
              });
              counts.beatRangeOptionsChecked++;
            });
          }
          if (g.question_type !== 'measurement_grounding') return;
          counts.measurementQuestions++;
          const checked = check.measurements[measurementIndex++]!;
          expect(checked.question).toBe(g.question);
          const shown = appMeasurement(steps, at, m)!;
          expect(
            { value: shown.value, beatIndex: shown.beatIndex, lead: shown.lead },
            where,
          ).toEqual({ value: checked.value, beatIndex: checked.beatIndex, lead: checked.lead });
          if (shown.value !== null) counts.measuredValues++;
          // The "measured" band and lead are the window and lead the check measured in.
          const context = measurementContext(steps, at);
          expect(
            context.bands.map((b) => ({ startS: b.startS, endS: b.endS })),
            where,
          ).toEqual(checked.windowS ? [checked.windowS] : []);
          expect(
            context.highlights.map((h) => h.lead),
            where,
          ).toEqual(checked.lead ? [checked.lead] : []);
        }),
      );
      expect(measurementIndex).toBe(check.measurements.length);
      expect(answerWindowIndex).toBe(check.windows.length);
      expect(beatRangeIndex).toBe(check.beatRanges.length);
    }
    console.log('grounding agreement covered', counts);
    expect(counts).toEqual({
      samples: 44,
      questions: 118,
      options: 505,
      waveOptionsBanded: 306,
      answerWindowsChecked: 73,
      beatRangeOptionsChecked: 8,
      leadOptionsHighlighted: 62,
      rangeOptionsShown: 137,
      measurementQuestions: 30,
      measuredValues: 30,
    });
  });
});
