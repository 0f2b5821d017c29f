/** Page side of the measurement worker: `measureInWorker(record)` resolves to the record's Measurements. */
import type { Measurements } from '../domain/measure/types';
import type { EcgRecord } from '../domain/wfdb/record';
import type { MeasureRequest, MeasureResponse } from './measure-worker';

/** The part of a Worker the client uses (a real Worker, or a stand-in in tests). */
export interface MeasureWorkerPort {
  postMessage(message: MeasureRequest, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: MeasureResponse }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}

type Pending = { resolve: (m: Measurements) => void; reject: (e: Error) => void };

/** A client bound to one worker; requests are matched to answers by id. */
export interface MeasureClient {
  measure(record: EcgRecord): Promise<Measurements>;
}

/** Wraps a worker port: copies each signal (the caller keeps its arrays) and transfers the copies. */
export function createMeasureClient(port: MeasureWorkerPort): MeasureClient {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  port.addEventListener('message', (event) => {
    const response = event.data;
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if (response.ok) waiting.resolve(response.measurements);
    else waiting.reject(new Error(response.error));
  });
  port.addEventListener('error', (event) => {
    const error = new Error(`measurement worker failed: ${event.message ?? 'unknown error'}`);
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  return {
    measure(record) {
      const id = nextId++;
      const signals = record.signals.map((s) => ({ name: s.name, mv: new Float32Array(s.mv) }));
      const request: MeasureRequest = {
        id,
        recordName: record.recordName,
        fsHz: record.fsHz,
        nSamples: record.nSamples,
        signals,
      };
      return new Promise<Measurements>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        port.postMessage(
          request,
          signals.map((s) => s.mv.buffer as ArrayBuffer),
        );
      });
    },
  };
}

// The module-scoped declaration keeps this file type-checkable without DOM typings (tests run in
// Node); in the browser it is the global Worker, and Vite bundles the worker from this exact form.
declare const Worker: new (url: URL, options: { type: 'module' }) => MeasureWorkerPort;

let shared: MeasureClient | null = null;

/** Measures a record in the shared measurement worker (started on first use); the page never stalls. */
export function measureInWorker(record: EcgRecord): Promise<Measurements> {
  if (!shared) {
    const worker = new Worker(new URL('./measure-worker.ts', import.meta.url), { type: 'module' });
    shared = createMeasureClient(worker);
  }
  return shared.measure(record);
}
