import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ECG_ROOT, benchmarkRecordPaths, ptbxlDatabaseRows } from '../../testing/benchmark-records';
import { readRecord } from '../../testing/read-record';
import type { SynthCondition, SynthTruth } from '../synth';
import { generateSyntheticEcg, synthParams } from '../synth';
import { measureRecord } from './measure-record';
import type { Measurements } from './types';

const SEEDS = [1, 2, 3, 4, 5];
/** A found wave is a true one when their peaks are this close (s). */
const PEAK_S = 0.05;
/** ...or this close, for one half hidden by a QRS. */
const EDGE_PEAK_S = 0.08;

function measured(condition: SynthCondition, seed: number, over = {}) {
  const { record, truth } = generateSyntheticEcg(synthParams(condition, { seed, ...over }));
  return { m: measureRecord(record), truth };
}

/** The true P waves no QRS follows, between the record's first and last QRS (the only ones a reader can call so). */
function trueBlocked(truth: SynthTruth) {
  const first = truth.beats[0]!.qrsOffsetS;
  const last = truth.beats[truth.beats.length - 1]!.qrsOnsetS;
  return truth.atrialWaves.filter((w) => !w.conducted && w.peakS > first && w.peakS < last);
}

describe('atrial activity on synthetic records with known P waves', () => {
  it.each([
    'normal_sinus_rhythm',
    'sinus_bradycardia',
    'sinus_tachycardia',
    'first_degree_av_block',
    'lbbb',
    'rbbb',
    'inferior_infarct',
    'ventricular_premature_beats',
  ] as const)('%s: every P wave conducts, at the sinus rate', (condition) => {
    for (const seed of SEEDS) {
      const { m, truth } = measured(condition, seed);
      expect(m.atrial.associated).toBe(true);
      expect(m.beats.filter((b) => b.nonConductedP)).toEqual([]);
      // With premature ventricular beats a sinus P hides in their T waves: the rate still counts it.
      expect(
        Math.abs(m.atrial.rate.value! - truth.atrialRateBpm!),
        `seed ${seed}`,
      ).toBeLessThanOrEqual(2);
    }
  });

  it('second-degree block: finds each P wave no QRS follows, and no other', () => {
    for (const seed of SEEDS) {
      const { m, truth } = measured('second_degree_av_block', seed);
      const blocked = trueBlocked(truth);
      expect(blocked.length).toBeGreaterThanOrEqual(2);
      const found = m.beats.flatMap((b) => (b.nonConductedP ? [b.nonConductedP] : []));
      expect(found).toHaveLength(blocked.length);
      for (const w of blocked)
        expect(
          found.some((f) => Math.abs(f.peakS - w.peakS) <= PEAK_S),
          `seed ${seed}: P at ${w.peakS} s`,
        ).toBe(true);
      expect(m.atrial.associated).toBe(true);
      expect(m.atrial.rate.value).toBe(Math.round(truth.atrialRateBpm!));
      // The P wave window is a P wave's width, not the band-passed peak's.
      for (const f of found) expect(f.offsetS - f.onsetS).toBeGreaterThanOrEqual(0.08);
    }
  });

  it.each([
    [90, 40],
    // Not a whole multiple of the QRS rate: at exactly 2:1 every P wave falls at the same point of
    // every cycle, as in conduction, and the median beat takes it for the beats' own.
    [80, 35],
    [110, 45],
  ])(
    'third-degree block, P waves at %i bpm and QRS at %i: the atrial rate, dissociation, no PR',
    (atrial, ventricular) => {
      for (const seed of SEEDS) {
        const { m, truth } = measured('third_degree_av_block', seed, {
          atrialRateBpm: atrial,
          heartRateBpm: ventricular,
        });
        expect(m.atrial.associated, `seed ${seed}`).toBe(false);
        expect(Math.abs(m.atrial.rate.value! - atrial), `seed ${seed}`).toBeLessThanOrEqual(3);
        expect(m.global.pr.value).toBeNull();
        expect(m.global.pr.note).toMatch(/dissociated/);
        // Most P waves are found (those inside a QRS are hidden, and those at its edge peak a
        // little off), and nearly all found are true.
        const hits = m.atrial.waves.filter((w) =>
          truth.atrialWaves.some((t) => Math.abs(t.peakS - w.peakS) <= EDGE_PEAK_S),
        );
        expect(hits.length / truth.atrialWaves.length).toBeGreaterThanOrEqual(0.75);
        expect(m.atrial.waves.length - hits.length).toBeLessThanOrEqual(1);
      }
    },
  );

  it('atrial fibrillation: no atrial rate, and why', () => {
    for (const seed of SEEDS) {
      const { m } = measured('atrial_fibrillation', seed);
      expect(m.atrial.rate.value).toBeNull();
      expect(m.atrial.rate.note).toBeTruthy();
      expect(m.beats.filter((b) => b.nonConductedP)).toEqual([]);
    }
  });
});

describe('atrial activity on the PTB-XL records in ../shared (none with an AV block)', () => {
  const rows = ptbxlDatabaseRows();
  const records: { ecgId: string; codes: Record<string, number>; m: Measurements }[] = [];
  beforeAll(async () => {
    for (const [ecgId, base] of benchmarkRecordPaths()) {
      records.push({
        ecgId,
        codes: rows.get(ecgId)?.scp_codes ?? {},
        m: measureRecord(await readRecord(base)),
      });
    }
  }, 120_000);

  it('calls no P wave non-conducted', () => {
    expect(records.length).toBeGreaterThanOrEqual(40);
    const blocked = records.filter((r) => r.m.beats.some((b) => b.nonConductedP));
    expect(blocked.map((r) => r.ecgId)).toEqual([]);
  });

  it('gives sinus rhythm records an atrial rate within 5 bpm of the heart rate (30 of 32; the two others have PACs and say so)', () => {
    const sinus = records.filter((r) => 'SR' in r.codes);
    const agree = sinus.filter(
      (r) =>
        r.m.atrial.rate.value !== null &&
        Math.abs(r.m.atrial.rate.value - r.m.global.heartRate.value!) <= 5,
    );
    expect(agree.length / sinus.length).toBeGreaterThanOrEqual(0.9);
    for (const r of sinus.filter((x) => !agree.includes(x)))
      expect(r.m.atrial.rate.note, r.ecgId).toMatch(/irregular/);
  });
});

describe('P waves and atrial activity agree, on the 55 PTB-XL records in ../shared', () => {
  const records: { ecgId: string; m: Measurements }[] = [];
  beforeAll(async () => {
    const dir = path.join(ECG_ROOT, 'ptbxl', 'records500', '00000');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('_hr.hea'))) {
      const base = path.join(dir, file.replace(/\.hea$/, ''));
      records.push({
        ecgId: String(Number(file.slice(0, 5))),
        m: measureRecord(await readRecord(base)),
      });
    }
  }, 120_000);

  it('where no P wave stands out once each QRS-T is taken off, no beat has one and there is no PR', () => {
    expect(records.length).toBe(55);
    const without = records.filter((r) => r.m.atrial.waves.length === 0);
    // Before, ecg 26 and 39 read PR 72 ms (a notch left by a flat T's tail) and ecg 477, an
    // escape rhythm at 31 bpm with no P wave, PR 322 ms.
    expect(without.map((r) => r.ecgId)).toEqual(expect.arrayContaining(['26', '39', '477']));
    for (const { ecgId, m } of without) {
      expect({
        ecgId,
        beatsWithP: m.beats.filter((b) => b.pOnsetS !== null || b.prMs !== null).length,
        pr: m.global.pr.value,
      }).toEqual({ ecgId, beatsWithP: 0, pr: null });
      expect(m.medianBeat?.pOnsetMs ?? null).toBeNull();
    }
    const escape = records.find((r) => r.ecgId === '477')!.m;
    expect(escape.global.pr.note).toMatch(/no P wave/);
  });
});
