import { readFileSync } from 'node:fs';
import path from 'node:path';
import { measureRecord } from '../domain/measure/measure-record';
import { decodeWfdbRecord } from '../domain/wfdb/decode';
import { parseWfdbHeader } from '../domain/wfdb/header';
import type { BenchSuite } from './suite';
import { median, quantile, timeRuns } from './suite';

const recordsDir = path.resolve(
  import.meta.dirname,
  '../../../shared/data/ecg/ptbxl/records500/00000',
);
/** Real 12 x 5000 records (500 Hz, 10 s): a normal one, an LBBB, an RBBB, one with PVCs. */
const RECORD_IDS = ['00001', '00338', '00424', '00170'];
/** The goal: a 12 x 5000 record measured in under 20 ms in Node (median). */
const GOAL_MEASURE_MS = 20;

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * Suite `measure`: measuring a decoded 12 x 5000 PTB-XL record (beats, fiducials, median beat,
 * all measurements), beside decoding the same record from its bytes in memory (reference),
 * interleaved in the same run so machine load hits both alike.
 */
export const measureSuite: BenchSuite = {
  name: 'measure',
  async run() {
    const inputs = RECORD_IDS.map((id) => {
      const name = `${id}_hr`;
      const header = parseWfdbHeader(
        readFileSync(path.join(recordsDir, `${name}.hea`), 'utf8'),
        `${name}.hea`,
      );
      const files = new Map([
        [`${name}.dat`, new Uint8Array(readFileSync(path.join(recordsDir, `${name}.dat`)))],
      ]);
      return { id, header, files };
    });
    const decoded = inputs.map((i) => decodeWfdbRecord(i.header, i.files));
    const runs = 40;
    const warmup = 5;
    const decodeMs: number[] = [];
    const measureMs: number[] = [];
    // CPU time beside wall time: on a loaded machine wall time also counts waiting for a core.
    const measureCpuMs: number[] = [];
    let beats = 0;
    for (let r = 0; r < warmup + runs; r++) {
      const k = r % inputs.length;
      const input = inputs[k]!;
      const [d] = await timeRuns(() => decodeWfdbRecord(input.header, input.files), {
        runs: 1,
        warmup: 0,
      });
      const cpuBefore = process.cpuUsage();
      const [m] = await timeRuns(() => (beats = measureRecord(decoded[k]!).beats.length), {
        runs: 1,
        warmup: 0,
      });
      const cpu = process.cpuUsage(cpuBefore);
      if (r >= warmup) {
        decodeMs.push(d!);
        measureMs.push(m!);
        measureCpuMs.push((cpu.user + cpu.system) / 1000);
      }
    }
    const medianMeasureMs = median(measureMs);
    const medianDecodeMs = median(decodeMs);
    return {
      records: RECORD_IDS.map((id) => `${id}_hr (12 x 5000, 500 Hz)`),
      runs,
      medianMeasureMs: round(medianMeasureMs),
      p90MeasureMs: round(quantile(measureMs, 0.9)),
      medianMeasureCpuMs: round(median(measureCpuMs)),
      medianDecodeMs: round(medianDecodeMs),
      measureToDecodeRatio: round(medianMeasureMs / medianDecodeMs),
      lastBeatCount: beats,
      goal: `median measure < ${GOAL_MEASURE_MS} ms`,
      goalMet: medianMeasureMs < GOAL_MEASURE_MS,
    };
  },
};
