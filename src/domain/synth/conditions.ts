/** Rhythm and conduction patterns the synthetic generator can draw. */
export const SYNTH_CONDITIONS = [
  'normal_sinus_rhythm',
  'sinus_bradycardia',
  'sinus_tachycardia',
  'atrial_fibrillation',
  'first_degree_av_block',
  'lbbb',
  'rbbb',
  'ventricular_premature_beats',
  'inferior_infarct',
  'second_degree_av_block',
  'third_degree_av_block',
] as const;

/** One of the patterns in SYNTH_CONDITIONS. */
export type SynthCondition = (typeof SYNTH_CONDITIONS)[number];

/** Everything the generator needs: timing in ms, axes in degrees, amplitudes in mV. */
export interface SynthParams {
  readonly seed: number;
  readonly condition: SynthCondition;
  readonly fsHz: number;
  readonly durationS: number;
  readonly heartRateBpm: number;
  /** P onset to QRS onset. */
  readonly prMs: number;
  /** QRS onset to QRS offset of conducted beats. */
  readonly qrsMs: number;
  /** QRS onset to T offset of conducted beats. */
  readonly qtMs: number;
  /** Direction of the main QRS vector in the frontal plane (0 = lead I, +90 = aVF). */
  readonly qrsAxisDeg: number;
  readonly pAxisDeg: number;
  readonly tAxisDeg: number;
  /** Peak of the main QRS vector's frontal projection. */
  readonly rAmplitudeMv: number;
  readonly pAmplitudeMv: number;
  readonly tAmplitudeMv: number;
  /** Standard deviation of white noise added to every independent lead. */
  readonly noiseMv: number;
  /** Amplitude of the slow (0.1-0.5 Hz) baseline drift per lead. */
  readonly baselineWanderMv: number;
  /**
   * AV blocks only. Third degree: the sinus (P wave) rate, independent of heartRateBpm (the escape
   * rhythm). Second degree: ignored; the P waves come at heartRateBpm and every droppedEvery-th
   * is not conducted.
   */
  readonly atrialRateBpm?: number;
  readonly droppedEvery?: number;
}

/** QT in ms that fits an RR interval (a QTc near 410 ms, Bazett). */
export const typicalQtMs = (heartRateBpm: number): number =>
  Math.round(410 * Math.sqrt(60 / heartRateBpm));

const timing = (heartRateBpm: number, prMs: number, qrsMs: number) => ({
  heartRateBpm,
  prMs,
  qrsMs,
  qtMs: typicalQtMs(heartRateBpm) + Math.max(0, qrsMs - 100),
});

const conditionTiming: Record<
  SynthCondition,
  { heartRateBpm: number; prMs: number; qrsMs: number; qtMs: number }
> = {
  normal_sinus_rhythm: timing(72, 160, 90),
  sinus_bradycardia: timing(48, 170, 90),
  sinus_tachycardia: timing(118, 140, 86),
  atrial_fibrillation: timing(95, 0, 90),
  first_degree_av_block: timing(68, 260, 92),
  lbbb: timing(75, 170, 150),
  rbbb: timing(72, 160, 140),
  ventricular_premature_beats: timing(70, 160, 90),
  inferior_infarct: timing(70, 160, 100),
  // Mobitz II: P waves at 75 bpm, every 4th not conducted.
  second_degree_av_block: timing(75, 180, 100),
  // A junctional escape at 40 bpm under P waves at 90 bpm.
  third_degree_av_block: timing(40, 0, 110),
};

/** Second-degree block: every this-many-th P wave is not conducted (4:3 Mobitz II)... */
export const DEFAULT_DROPPED_EVERY = 4;
/** ...third-degree block: the P waves' own rate under the escape rhythm. */
export const DEFAULT_ATRIAL_RATE_BPM = 90;

const avBlockDefaults: Partial<Record<SynthCondition, Partial<SynthParams>>> = {
  second_degree_av_block: { droppedEvery: DEFAULT_DROPPED_EVERY },
  third_degree_av_block: { atrialRateBpm: DEFAULT_ATRIAL_RATE_BPM },
};

/** Typical parameters for a condition; any field given in `overrides` wins. */
export function synthParams(
  condition: SynthCondition,
  overrides: Partial<Omit<SynthParams, 'condition'>> = {},
): SynthParams {
  const base: SynthParams = {
    seed: 1,
    condition,
    fsHz: 500,
    durationS: 10,
    ...conditionTiming[condition],
    qrsAxisDeg: 50,
    pAxisDeg: 55,
    tAxisDeg: 40,
    rAmplitudeMv: 1.2,
    pAmplitudeMv: 0.15,
    tAmplitudeMv: 0.35,
    noiseMv: 0.01,
    baselineWanderMv: 0.05,
    ...avBlockDefaults[condition],
  };
  const merged = { ...base, ...overrides };
  if (overrides.heartRateBpm !== undefined && overrides.qtMs === undefined) {
    return {
      ...merged,
      qtMs: typicalQtMs(merged.heartRateBpm) + Math.max(0, merged.qrsMs - 100),
    };
  }
  return merged;
}
