import { describe, expect, it } from 'vitest';
import { beatsAt, measurementsWith } from '../../../testing/measured-beats';
import { sampleOf, waveQ } from '../../../testing/preflag-fixtures';
import type { GroundingV002 } from '../../../schemas/benchmark-sample';
import { waveRules } from './wave-rules';

// R peaks 1 s apart from 0.5 s (QRS R-50..R+50 ms; P peak 160 ms before R; median T peak 250 ms after R).
const beats = beatsAt([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);
const m = { ...measurementsWith(beats), medianBeat: { tPeakMs: 250, pPeakMs: -160 } as never };
const run = (g: GroundingV002) =>
  waveRules({ sample: sampleOf([{ finding: 'is it?', yes: true, grounding: [g] }]), m });

const QRS =
  'In which of the following segments can you observe a QRS wave that demonstrates the prolonged QRS duration?';
const PREMATURE = 'In which of the following segments can you observe the premature beat?';
const P =
  'In which of the following segments can you observe a P wave that demonstrates the prolonged PR interval?';
const T =
  'To verify that the anterior leads do not show inverted T waves, in which of the following segments can you locate the T wave in these leads?';

describe('wave-answer-misses and wave-distractor-holds', () => {
  it('QRS: an answer holding a QRS and distractors between beats pass', () => {
    expect(run(waveQ(QRS, ['[0.85s - 1.00s]', '[1.44s - 1.56s]', '[2.10s - 2.30s]'], 1))).toEqual(
      [],
    );
  });

  it('QRS: an answer between beats misses; a distractor holding a QRS holds it too', () => {
    const flags = run(waveQ(QRS, ['[0.85s - 1.00s]', '[1.44s - 1.56s]', '[2.44s - 2.56s]'], 0));
    expect(flags.map((f) => [f.rule, f.at.option])).toEqual([
      ['wave-answer-misses', 0],
      ['wave-distractor-holds', 1],
      ['wave-distractor-holds', 2],
    ]);
    expect(flags[1]).toMatchObject({
      severity: 'warning',
      numbers: {
        beatIndex: 1,
        window: { startS: 1.44, endS: 1.56 },
        waveWindow: { startS: 1.45, endS: 1.55 },
      },
    });
  });

  it('premature beat: the answer must hold a beat that came early; only clearly premature distractors count', () => {
    const early = beats.map((b) => {
      if (b.index === 2) return { ...b, premature: true, prematurity: 0.62 };
      if (b.index === 4) return { ...b, premature: false, prematurity: 0.7 };
      return { ...b, prematurity: 1 };
    });
    const mp = { ...m, beats: early };
    const runP = (g: GroundingV002) =>
      waveRules({ sample: sampleOf([{ finding: 'is it?', yes: true, grounding: [g] }]), m: mp });
    // Right answer; the distractor on beat 4 (early by RR but not premature by the engine) is not counted.
    expect(
      runP(waveQ(PREMATURE, ['[1.44s - 1.56s]', '[2.44s - 2.56s]', '[4.44s - 4.56s]'], 1)),
    ).toEqual([]);
    const flags = runP(waveQ(PREMATURE, ['[1.44s - 1.56s]', '[2.44s - 2.56s]'], 0));
    expect(flags.map((f) => [f.rule, f.at.option])).toEqual([
      ['wave-answer-misses', 0],
      ['wave-distractor-holds', 1],
    ]);
    expect(flags[0]?.message).toContain('came on time');
    expect(flags[1]?.numbers.extra).toEqual({ prematurity: 0.62 });
  });

  it('P wave: an answer on the T wave misses; a distractor holding a P peak holds one too', () => {
    expect(run(waveQ(P, ['[1.25s - 1.40s]', '[1.60s - 1.80s]'], 0))).toEqual([]);
    const flags = run(waveQ(P, ['[1.60s - 1.80s]', '[2.25s - 2.40s]'], 0));
    expect(flags.map((f) => [f.rule, f.at.option])).toEqual([
      ['wave-answer-misses', 0],
      ['wave-distractor-holds', 1],
    ]);
  });

  it("T wave: a distractor holds one when a beat's T peaks inside it", () => {
    expect(run(waveQ(T, ['[0.65s - 0.90s]', '[1.20s - 1.35s]'], 0))).toEqual([]);
    const flags = run(waveQ(T, ['[0.65s - 0.90s]', '[2.65s - 2.85s]'], 0));
    expect(flags.map((f) => [f.rule, f.at.option, f.numbers.beatIndex])).toEqual([
      ['wave-distractor-holds', 1, 2],
    ]);
  });

  it('non-conducted P: where the engine found one, the answer must hold it and no distractor may', () => {
    // The engine found a P wave no QRS follows at 1.95-2.05 s, between the beats at 1.5 and 2.5 s.
    const blocked = beats.map((b) =>
      b.index === 1 ? { ...b, nonConductedP: { onsetS: 1.95, peakS: 2.0, offsetS: 2.05 } } : b,
    );
    const mb = { ...m, beats: blocked };
    const runB = (g: GroundingV002) =>
      waveRules({ sample: sampleOf([{ finding: 'is it?', yes: true, grounding: [g] }]), m: mb });
    const NC = 'In which of the following segments can you observe a non-conducted P wave?';
    expect(runB(waveQ(NC, ['[1.90s - 2.10s]', '[3.10s - 3.25s]'], 0))).toEqual([]);
    // Between the same two beats but off the P wave found: a miss; the distractor on it holds it.
    const flags = runB(waveQ(NC, ['[1.62s - 1.80s]', '[1.90s - 2.10s]'], 0));
    expect(flags.map((f) => [f.rule, f.at.option])).toEqual([
      ['wave-answer-misses', 0],
      ['wave-distractor-holds', 1],
    ]);
    expect(flags[1]!.message).toMatch(/no QRS follows at 1.95-2.05 s/);
    // Where the engine found none, being between two QRS complexes is all that is checked.
    expect(run(waveQ(NC, ['[1.62s - 1.80s]', '[3.10s - 3.25s]'], 0))).toEqual([]);
  });

  it('beat ranges: the answer must span the longest RR', () => {
    // A dropped beat: no QRS at 3.5 s, so beats 3 and 4 (2.5 s and 4.5 s) are 2 s apart.
    const dropped = beatsAt([0.5, 1.5, 2.5, 4.5, 5.5]);
    const md = measurementsWith(dropped);
    const question = `Which of the following intervals between two consecutive QRS waves represents this significantly longer interval? To ensure clear indexing, the '1st QRS wave' refers to the QRS wave located at [0.45s - 0.55s] in the ECG signal.`;
    const options = [
      '[1st QRS wave - 2nd QRS wave]',
      '[2nd QRS wave - 3rd QRS wave]',
      '[3rd QRS wave - 4th QRS wave]',
    ];
    const runR = (answer: number) =>
      waveRules({
        sample: sampleOf([
          { finding: 'is it?', yes: true, grounding: [waveQ(question, options, answer)] },
        ]),
        m: md,
      });
    expect(runR(2)).toEqual([]);
    const [flag, ...rest] = runR(0);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      rule: 'wave-answer-misses',
      at: { option: 0 },
      numbers: {
        extra: { rrMs: 1000, longestRrMs: 2000, longestOption: '[3rd QRS wave - 4th QRS wave]' },
      },
    });
  });

  it('stays silent without a record', () => {
    const sample = sampleOf([
      { finding: 'is it?', yes: true, grounding: [waveQ(QRS, ['[0.85s - 1.00s]'], 0)] },
    ]);
    expect(waveRules({ sample, m: null })).toEqual([]);
  });
});
