import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ECG_ROOT, ptbxlDatabaseRows } from '../../../testing/benchmark-records';
import { readRecord } from '../../../testing/read-record';
import { measureRecord } from '../../measure/measure-record';
import { qrsShapes } from '../../measure/qrs-shape';
import { ptbxlRecordPath } from '../../wfdb/paths';
import type { FindingContext } from './finding-rules';
import { findingRule } from './finding-rules';

// The bundle-branch-block findings, worded as the benchmark's questions word them.
const ASK = 'Regarding the criterion you selected, does this ECG show';
const Q = {
  rsrPrime: `${ASK} an RSR' pattern in lead V1 or V2, where there is an additional positive deflection (r' or R') following the initial r or R wave?`,
  v1BroadR: `${ASK} broad monophasic R waves or qR pattern in lead V1? Note that a broad monophasic R wave is defined as an R wave with a duration greater than 120 milliseconds and an R wave peak time greater than 55 milliseconds.`,
  slurredS: `${ASK} slurred S waves in at least two of the lateral leads, including leads I, aVL, V5, and V6? Note that a slurred S wave is defined as an S wave with a duration greater than that of the preceding R wave or greater than 40 milliseconds when there is a preceding R wave.`,
  dominantS: `${ASK} dominant S waves in leads V1 and V2, where the amplitude of the negative deflection in the QRS complex is greater than the amplitude of the positive deflection?`,
  broadR: `${ASK} broad monophasic R waves, with an R wave peak time of at least 55 ms, in any of leads V5 and V6?`,
  notched: `${ASK} notched QRS complexes in any of the lateral leads, including leads I, aVL, V5, and V6?`,
} as const;

/** Whether the engine finds each finding (margin > 0) on a record; null where it cannot tell. */
type Findings = Record<keyof typeof Q, boolean | null>;

/**
 * The PTB-XL records in ../shared whose cardiologists' statements say complete RBBB, complete
 * LBBB, or normal (NORM without a conduction statement), judged by the same finding rules that
 * rank re-sampling candidates. Their statements are the reference here, not the benchmark.
 */
describe('bundle-branch-block findings on the PTB-XL records in ../shared, against their statements', () => {
  const judged: { ecgId: string; group: 'CRBBB' | 'CLBBB' | 'NORM'; found: Findings }[] = [];
  beforeAll(async () => {
    for (const [ecgId, row] of ptbxlDatabaseRows()) {
      const codes = row.scp_codes;
      const conduction = ['CRBBB', 'CLBBB', 'IRBBB', 'ILBBB', 'IVCD', 'LAFB', 'LPFB', 'WPW'];
      const group =
        (codes['CRBBB'] ?? 0) >= 100
          ? 'CRBBB'
          : (codes['CLBBB'] ?? 0) >= 100
            ? 'CLBBB'
            : (codes['NORM'] ?? 0) >= 80 && !conduction.some((c) => c in codes)
              ? 'NORM'
              : null;
      if (!group) continue;
      const base = path.join(ECG_ROOT, 'ptbxl', ptbxlRecordPath(ecgId, 500));
      let record;
      try {
        record = await readRecord(base);
      } catch {
        continue; // The csv lists 500 ids; ../shared holds 55 of their records.
      }
      const m = measureRecord(record);
      const ctx: FindingContext = { m, shapes: qrsShapes(m.medianBeat), label: null };
      const found = Object.fromEntries(
        Object.entries(Q).map(([key, question]) => {
          const margin = findingRule(question)!.margin(ctx);
          return [key, margin === null ? null : margin > 0];
        }),
      ) as Findings;
      judged.push({ ecgId, group, found });
    }
  }, 120_000);

  const of = (group: string) => judged.filter((j) => j.group === group);

  it('holds 5 complete RBBB, 2 complete LBBB and 20 normal records', () => {
    expect([of('CRBBB').length, of('CLBBB').length]).toEqual([5, 2]);
    expect(of('NORM').length).toBe(20);
  });

  it("complete RBBB: an RSR' in V1 or V2 or a broad R / qR in V1, slurred lateral S waves, no dominant S in V1-V2", () => {
    for (const { ecgId, found } of of('CRBBB')) {
      expect({ ecgId, terminalR: found.rsrPrime === true || found.v1BroadR === true }).toEqual({
        ecgId,
        terminalR: true,
      });
      expect({ ecgId, slurredS: found.slurredS, dominantS: found.dominantS }).toEqual({
        ecgId,
        slurredS: true,
        dominantS: false,
      });
    }
  });

  it('complete LBBB: dominant S waves in V1 and V2 (a QS ending in ST elevation), broad monophasic R in V5 or V6, notched lateral QRS, no broad R in V1', () => {
    for (const { ecgId, found } of of('CLBBB')) {
      expect({ ecgId, ...found, rsrPrime: undefined, slurredS: undefined }).toEqual({
        ecgId,
        dominantS: true,
        broadR: true,
        notched: true,
        v1BroadR: false,
      });
    }
  });

  it('normal records: no broad monophasic R in V5-V6, no broad R or qR in V1', () => {
    for (const { ecgId, found } of of('NORM')) {
      expect({ ecgId, broadR: found.broadR, v1BroadR: found.v1BroadR }).toEqual({
        ecgId,
        broadR: false,
        v1BroadR: false,
      });
    }
  });
});
