/**
 * Web Worker that runs the measurement engine off the page's thread. Protocol: the page posts a
 * MeasureRequest (signals as transferred Float32Arrays), the worker answers with a
 * MeasureResponse carrying the JSON-serialisable Measurements or an error message.
 */
import { measureRecord } from '../domain/measure/measure-record';
import type { Measurements } from '../domain/measure/types';
import { hz } from '../domain/units';

/** What the page sends: a decoded record, its sample arrays transferred. */
export interface MeasureRequest {
  readonly id: number;
  readonly recordName: string;
  readonly fsHz: number;
  readonly nSamples: number;
  readonly signals: readonly { readonly name: string; readonly mv: Float32Array }[];
}

/** What the worker answers, matched to the request by id. */
export type MeasureResponse =
  | { readonly id: number; readonly ok: true; readonly measurements: Measurements }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Measures one request; never throws (a failure becomes an error response naming the record). */
export function handleMeasureRequest(request: MeasureRequest): MeasureResponse {
  try {
    const measurements = measureRecord({
      recordName: request.recordName,
      fsHz: hz(request.fsHz),
      nSamples: request.nSamples,
      signals: request.signals,
    });
    return { id: request.id, ok: true, measurements };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { id: request.id, ok: false, error: `measuring ${request.recordName} failed: ${why}` };
  }
}

interface WorkerScope {
  postMessage(message: MeasureResponse): void;
  addEventListener(type: 'message', listener: (event: { data: MeasureRequest }) => void): void;
}

// Only inside a worker: importing this module elsewhere (tests, the client's types) does nothing.
const scope = (globalThis as { self?: unknown }).self as WorkerScope | undefined;
const inWorker =
  scope !== undefined &&
  typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
if (inWorker) {
  scope.addEventListener('message', (event) => scope.postMessage(handleMeasureRequest(event.data)));
}
