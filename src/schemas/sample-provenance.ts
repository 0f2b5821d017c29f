import { z } from 'zod';
import { DATA_SOURCES, TARGET_DX } from './benchmark-sample';

/**
 * What a generated sample was built from (a re-sample or a regeneration): its template key and
 * variant, the ECG, the seed of its draws and the measurement engine's version. Stored with the
 * revision it made.
 */
export const SampleProvenanceSchema = z.strictObject({
  template: z.strictObject({
    targetDx: z.enum(TARGET_DX),
    dxLabel: z.boolean(),
    pathIdx: z.int().min(0),
    variant: z.int().min(0),
  }),
  ecg: z.strictObject({ source: z.enum(DATA_SOURCES), ecgId: z.string().regex(/^\d+$/) }),
  seed: z.int().min(0).max(0xffffffff),
  engineVersion: z.string().min(1).max(40),
});
/** What a generated sample was built from. */
export type SampleProvenance = z.infer<typeof SampleProvenanceSchema>;
