/** Hand-built engine output for tests of the grounding rules: beats where a test puts them. */
import type { Measured, MeasuredBeat, Measurements } from '../domain/measure/types';

/** One beat by its R peak (s); QRS 50 ms either side, P 160-60 ms before the QRS, T 100-350 ms after. */
export function beatAt(
  index: number,
  rPeakS: number,
  over: Partial<MeasuredBeat> = {},
): MeasuredBeat {
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const qrsOnsetS = r(rPeakS - 0.05);
  const qrsOffsetS = r(rPeakS + 0.05);
  return {
    index,
    rPeakS,
    qrsOnsetS,
    qrsOffsetS,
    qrsMs: 100,
    pOnsetS: r(qrsOnsetS - 0.16),
    pPeakS: r(qrsOnsetS - 0.11),
    pOffsetS: r(qrsOnsetS - 0.06),
    prMs: 160,
    tOnsetS: r(qrsOffsetS + 0.1),
    tPeakS: r(qrsOffsetS + 0.2),
    tOffsetS: r(qrsOffsetS + 0.35),
    rrBeforeMs: null,
    prematurity: null,
    morphologyCorrelation: 1,
    premature: false,
    origin: null,
    qrsAxisDeg: 60,
    leads: { V1: { rMv: 0.3, sMv: 1.1 }, aVL: { rMv: 0.6, sMv: 0.2 }, V5: { rMv: 1.9, sMv: 0.3 } },
    nonConductedP: null,
    ...over,
  };
}

const measured = (value: number | null, unit: Measured['unit'], note?: string): Measured => ({
  value,
  unit,
  from: { beats: [], leads: [], method: 'test' },
  ...(note ? { note } : {}),
});

/** Measurements holding `beats`, with median-beat values a test can tell apart from any beat's. */
export function measurementsWith(beats: readonly MeasuredBeat[]): Measurements {
  const lead = (name: string, rMv: number, sMv: number) => ({
    lead: name,
    fromBeats: [],
    rMv,
    sMv,
    qMs: 0,
    qMv: 0,
    stJMv: 0,
    stJ60Mv: 0,
    tMv: 0.2,
    notes: [],
  });
  return {
    recordName: 'test',
    fsHz: 500,
    durationS: 10,
    leadsUsed: ['aVL', 'V1', 'V5'],
    beats,
    dominantBeats: beats.map((b) => b.index),
    medianBeat: null,
    global: {
      heartRate: measured(72.4, 'bpm'),
      rrMean: measured(829, 'ms'),
      rrMin: measured(800, 'ms'),
      rrMax: measured(850, 'ms'),
      rrSd: measured(10, 'ms'),
      pr: measured(150, 'ms'),
      qrs: measured(96, 'ms'),
      qt: measured(400, 'ms'),
      qtcBazett: measured(420, 'ms'),
      qtcFridericia: measured(410, 'ms'),
      qrsAxis: measured(45.4, 'deg'),
      pAxis: measured(50, 'deg'),
      tAxis: measured(40, 'deg'),
    },
    leads: { aVL: lead('aVL', 0.55, 0.25), V1: lead('V1', 0.25, 1.05), V5: lead('V5', 1.85, 0.35) },
    // Each beat's P wave, conducted, at a rate the median-beat values can be told apart from.
    atrial: {
      waves: beats.flatMap((b) =>
        b.pOnsetS === null || b.pPeakS === null || b.pOffsetS === null
          ? []
          : [
              {
                onsetS: b.pOnsetS,
                peakS: b.pPeakS,
                offsetS: b.pOffsetS,
                magnitudeMv: 0.15,
                conductsTo: b.index,
              },
            ],
      ),
      associated: true,
      rate: measured(73, 'bpm'),
    },
    notes: [],
  };
}

/** Beats at the given R peaks (s), indexed in order. */
export function beatsAt(rPeaksS: readonly number[]): MeasuredBeat[] {
  return rPeaksS.map((t, i) => beatAt(i, t));
}
