import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeWfdbRecord } from '../domain/wfdb/decode';
import { parseWfdbHeader } from '../domain/wfdb/header';
import { readWfdbRecord } from '../server/io/read-wfdb';
import type { BenchSuite } from './suite';
import { median, quantile } from './suite';

const recordBase = resolve(
  import.meta.dirname,
  '../../../shared/data/ecg/ptbxl/records500/00000/00024_hr',
);

/** Decoding a 12 x 5000 format-16 record must take under 1 ms (median). */
const GOAL_MS = 1;

const round = (v: number, digits = 4) => Number(v.toFixed(digits));

/**
 * Suite `wfdb`: decodes the real 12 x 5000 PTB-XL record 00024_hr from memory, with and without
 * verification, interleaved in the same run with two references: copying the bytes into an
 * Int16Array (memcpy floor) and a plain de-interleave to Float32 mV per lead (the minimum work).
 */
export const wfdbSuite: BenchSuite = {
  name: 'wfdb',
  async run() {
    const headerText = readFileSync(`${recordBase}.hea`, 'utf8');
    const dat = new Uint8Array(readFileSync(`${recordBase}.dat`));
    const header = parseWfdbHeader(headerText, '00024_hr.hea');
    const files = new Map([['00024_hr.dat', dat]]);
    const nSig = header.nSignals;
    const n = header.nSamples;
    let sink = 0;

    const steps: Record<string, () => void> = {
      decodeVerified: () => {
        sink += decodeWfdbRecord(header, files).signals.length;
      },
      decodeUnverified: () => {
        sink += decodeWfdbRecord(header, files, { verify: false }).signals.length;
      },
      parseHeader: () => {
        sink += parseWfdbHeader(headerText, '00024_hr.hea').nSignals;
      },
      parseAndDecode: () => {
        sink += decodeWfdbRecord(parseWfdbHeader(headerText, '00024_hr.hea'), files).nSamples;
      },
      referenceCopyInt16: () => {
        const copy = new Int16Array(dat.length / 2);
        copy.set(new Int16Array(dat.buffer, dat.byteOffset, dat.length / 2));
        sink += copy[1]!;
      },
      referencePlainFloat32: () => {
        const view = new Int16Array(dat.buffer, dat.byteOffset, dat.length / 2);
        for (let s = 0; s < nSig; s++) {
          const mv = new Float32Array(n);
          for (let t = 0; t < n; t++) mv[t] = view[t * nSig + s]! / 1000;
          sink += mv[0]!;
        }
      },
    };
    const names = Object.keys(steps);
    const times: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
    const runs = 400;
    const warmup = 50;
    // Interleaved, so a change in machine load hits every variant alike.
    for (let i = 0; i < warmup + runs; i++) {
      for (const name of names) {
        const start = performance.now();
        steps[name]!();
        const ms = performance.now() - start;
        if (i >= warmup) times[name]!.push(ms);
      }
    }
    const fromDisk: number[] = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      sink += (await readWfdbRecord(recordBase)).nSamples;
      if (i >= 10) fromDisk.push(performance.now() - start);
    }
    const med = (name: string) => median(times[name]!);
    const decodeMs = med('decodeVerified');
    return {
      record: '../shared/data/ecg/ptbxl/records500/00000/00024_hr (12 x 5000, format 16)',
      runs,
      medianMs: Object.fromEntries(names.map((k) => [k, round(med(k))])),
      p90Ms: Object.fromEntries(names.map((k) => [k, round(quantile(times[k]!, 0.9))])),
      readFromDiskMedianMs: round(median(fromDisk)),
      ratioDecodeToCopyInt16: round(decodeMs / med('referenceCopyInt16'), 2),
      ratioDecodeToPlainFloat32: round(decodeMs / med('referencePlainFloat32'), 2),
      ratioVerifiedToUnverified: round(decodeMs / med('decodeUnverified'), 2),
      goal: `median decode (verified) < ${GOAL_MS} ms`,
      met: decodeMs < GOAL_MS,
      sink: sink > 0,
    };
  },
};
