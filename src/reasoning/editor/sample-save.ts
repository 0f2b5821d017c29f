/**
 * The chain editor's side of the autosave library (src/lib/autosave): how a sample draft is
 * saved (PUT with If-Match and the journalled Idempotency-Key; a draft the write gate would
 * refuse stays in the journal, not sent), how a 412's `current` reads, and the version both sides
 * of a conflict were edited from (for the merge view).
 */
import { draftProblems } from '../../domain/benchmark/edit';
import { apiGet } from '../../lib/api-client';
import type { SaveRequest, SaveResult } from '../../lib/autosave';
import { saveOverHttp } from '../../lib/autosave';
import type { SampleResponse } from '../../schemas/api/samples';
import { SampleResponseSchema, SampleRevisionsResponseSchema } from '../../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import { putSample } from './api/sample-writes';

/** The autosave key of a sample (its journal entries are filed under it). */
export const sampleAutosaveKey = (sampleId: string): string => `sample:${sampleId}`;

/** A 412's `current` as the autosaver's conflict: their version and sample; undefined if unreadable. */
export function readCurrentSample(
  current: unknown,
): { readonly version: number; readonly content: BenchmarkSampleV002 } | undefined {
  const parsed = SampleResponseSchema.safeParse(current);
  return parsed.success ? { version: parsed.data.version, content: parsed.data.sample } : undefined;
}

/**
 * The save function for one sample: the rules first (errors keep the draft here, said in the
 * status line), then the PUT; `onSaved` gets the stored sample (to refresh caches).
 */
export function sampleSaveFunction(
  sampleId: string,
  onSaved: (saved: SampleResponse) => void = () => {},
): (request: SaveRequest<BenchmarkSampleV002>) => Promise<SaveResult<BenchmarkSampleV002>> {
  return async ({ content, baseVersion, idempotencyKey }) => {
    const errors = draftProblems(content).filter((p) => p.severity === 'error').length;
    if (errors > 0) {
      return {
        kind: 'error',
        message: `not sent: ${errors} rule error${errors === 1 ? '' : 's'} to fix first`,
      };
    }
    return saveOverHttp(async () => {
      const { warnings: _warnings, ...saved } = await putSample(
        sampleId,
        content,
        baseVersion,
        idempotencyKey,
      );
      onSaved(saved);
      return saved;
    }, readCurrentSample);
  };
}

/** The sample as stored at `version` (the base of a conflict); null when it cannot be read. */
export async function sampleAtVersion(
  sampleId: string,
  version: number,
): Promise<BenchmarkSampleV002 | null> {
  try {
    const { items } = await apiGet(
      `/api/samples/${encodeURIComponent(sampleId)}/revisions`,
      SampleRevisionsResponseSchema,
    );
    return items.find((r) => r.version === version)?.sample ?? null;
  } catch {
    return null;
  }
}
