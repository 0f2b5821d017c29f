import { describe, expect, it } from 'vitest';
import { benchmarkRecordPaths } from '../../testing/benchmark-records';
import { readRecord } from '../../testing/read-record';
import { measureRecord } from './measure-record';

describe("a beat's T wave", () => {
  it('is the T after its QRS, not the next P wave when that is larger (ecg 300, small inverted T)', async () => {
    const m = measureRecord(await readRecord(benchmarkRecordPaths().get('300')!));
    const median = m.medianBeat!;
    expect(m.beats.length).toBeGreaterThan(10);
    for (const [i, b] of m.beats.entries()) {
      const next = m.beats[i + 1];
      if (b.tPeakS === null) continue;
      // The T peak lies within 100 ms of where the median beat puts it, before the next P wave.
      expect(Math.abs(b.tPeakS - (b.rPeakS + median.tPeakMs! / 1000)), `beat ${i}`).toBeLessThan(
        0.1,
      );
      if (next?.pOnsetS != null) expect(b.tOffsetS!, `beat ${i}`).toBeLessThanOrEqual(next.pOnsetS);
    }
    // The benchmark's inverted T of sample 2635 is [2.58s - 2.76s]: beat 3's T.
    const beat3 = m.beats[3]!;
    expect(beat3.tOnsetS).toBeCloseTo(2.58, 1);
  });
});
