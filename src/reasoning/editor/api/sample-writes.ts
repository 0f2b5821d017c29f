/**
 * Writing samples: a fix in place (PUT, If-Match on the version it was edited from, an
 * Idempotency-Key so a retried save applies once) and a new sample (POST). A 412 comes back as
 * the server's current sample, for the merge view.
 */
import { ApiRequestError, apiSend } from '../../../lib/api-client';
import {
  SampleResponseSchema,
  SampleWriteResponseSchema,
  type CreateSampleRequest,
  type PutSampleRequest,
  type SampleResponse,
  type SampleWriteResponse,
} from '../../../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';

/** Saves a sample's edit on top of `baseVersion`; the saved sample with its rules' warnings. */
export function putSample(
  id: string,
  sample: BenchmarkSampleV002,
  baseVersion: number,
  idempotencyKey: string,
): Promise<SampleWriteResponse> {
  const body: PutSampleRequest = { sample };
  return apiSend('PUT', `/api/samples/${encodeURIComponent(id)}`, body, SampleWriteResponseSchema, {
    ifMatch: baseVersion,
    idempotencyKey,
  });
}

/** Writes a new sample (the server gives it its id); the stored sample. */
export function postSample(
  sample: BenchmarkSampleV002,
  idempotencyKey: string,
): Promise<SampleWriteResponse> {
  const body: CreateSampleRequest = { sample };
  return apiSend('POST', '/api/samples', body, SampleWriteResponseSchema, { idempotencyKey });
}

/** The server's current sample carried by a 412 (someone saved first); null for other errors. */
export function conflictCurrent(error: unknown): SampleResponse | null {
  if (!(error instanceof ApiRequestError) || error.status !== 412) return null;
  const body = error.body as { current?: unknown } | undefined;
  const parsed = SampleResponseSchema.safeParse(body?.current);
  return parsed.success ? parsed.data : null;
}
