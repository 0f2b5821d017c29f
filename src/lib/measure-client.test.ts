import { describe, expect, it } from 'vitest';
import { measureRecord } from '../domain/measure/measure-record';
import { generateSyntheticEcg, synthParams } from '../domain/synth';
import type { MeasureWorkerPort } from './measure-client';
import { createMeasureClient } from './measure-client';
import type { MeasureRequest, MeasureResponse } from './measure-worker';
import { handleMeasureRequest } from './measure-worker';

/** A worker stand-in: structured-clones with transfer like postMessage, answers asynchronously. */
function fakeWorker(handler: (r: MeasureRequest) => MeasureResponse = handleMeasureRequest) {
  const listeners: ((event: { data: MeasureResponse }) => void)[] = [];
  const transferred: ArrayBuffer[] = [];
  const port: MeasureWorkerPort = {
    postMessage(message, transfer) {
      transferred.push(...(transfer as ArrayBuffer[]));
      const copy = structuredClone(message, { transfer });
      setTimeout(() => {
        const answer = structuredClone(handler(copy));
        for (const l of listeners) l({ data: answer });
      }, 0);
    },
    addEventListener(type: string, listener: never) {
      if (type === 'message') listeners.push(listener);
    },
  };
  return { port, transferred };
}

describe('measure worker client', () => {
  it('returns what measureRecord returns, keeps the caller arrays, transfers copies', async () => {
    const { record } = generateSyntheticEcg(synthParams('rbbb', { seed: 8 }));
    const { port, transferred } = fakeWorker();
    const client = createMeasureClient(port);
    const before = Float32Array.from(record.signals[0]!.mv);
    const measured = await client.measure(record);
    expect(measured).toEqual(measureRecord(record));
    expect(record.signals[0]!.mv).toEqual(before);
    expect(transferred.length).toBe(12);
    expect(transferred.every((b) => b.byteLength === 0)).toBe(true);
  });

  it('matches concurrent answers to their requests and rejects with the worker error', async () => {
    const a = generateSyntheticEcg(
      synthParams('normal_sinus_rhythm', { seed: 1, heartRateBpm: 50 }),
    ).record;
    const b = generateSyntheticEcg(
      synthParams('normal_sinus_rhythm', { seed: 2, heartRateBpm: 120 }),
    ).record;
    const client = createMeasureClient(fakeWorker().port);
    const [ma, mb] = await Promise.all([client.measure(a), client.measure(b)]);
    expect(ma.recordName).toBe(a.recordName);
    expect(mb.recordName).toBe(b.recordName);
    expect(ma.global.heartRate.value!).toBeLessThan(mb.global.heartRate.value!);
    const failing = createMeasureClient(
      fakeWorker((r) => ({ id: r.id, ok: false, error: `measuring ${r.recordName} failed: boom` }))
        .port,
    );
    await expect(failing.measure(a)).rejects.toThrow(
      /measuring synth-normal_sinus_rhythm-1 failed: boom/,
    );
  });

  it('the worker handler turns a bad record into an error answer, not a throw', () => {
    const answer = handleMeasureRequest({
      id: 7,
      recordName: 'bad',
      fsHz: 500,
      nSamples: 10,
      signals: [{ name: 'I', mv: null as unknown as Float32Array }],
    });
    expect(answer).toMatchObject({
      id: 7,
      ok: false,
      error: expect.stringMatching(/measuring bad failed/),
    });
  });
});
