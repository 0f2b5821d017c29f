import { z } from 'zod';
import { DATA_SOURCES, TARGET_DX } from '../benchmark-sample';
import { DenseLabelSchema } from '../dense-label';
import { PublicIdSchema, TimestampSchema } from './common';
import { EcgSummarySchema } from './ecgs';

/** One row of the labelling worklist (GET /api/ecg-worklist), for the signed-in user. */
export const WorklistRowSchema = z.object({
  id: PublicIdSchema,
  source: z.enum(DATA_SOURCES),
  ecgId: z.string(),
  recordAvailable: z.boolean(),
  /** The caller's own label: none, draft or submitted. */
  myStatus: z.enum(['none', 'draft', 'submitted']),
  /** Submitted labels of other labellers. */
  othersLabels: z.int().min(0),
  /** Current benchmark samples about this ECG. */
  samples: z.int().min(0),
  /** The caller's open (not dismissed) check warnings on this ECG. */
  openChecks: z.int().min(0),
});
/** One worklist row. */
export type WorklistRow = z.infer<typeof WorklistRowSchema>;

/** GET /api/ecg-worklist response: every ECG of the workspace, by source then ecg id. */
export const WorklistResponseSchema = z.object({ items: z.array(WorklistRowSchema) });
/** GET /api/ecg-worklist response. */
export type WorklistResponse = z.infer<typeof WorklistResponseSchema>;

/** A benchmark sample about an ECG, as the ECG page lists it. */
export const EcgSampleRefSchema = z.object({
  id: PublicIdSchema,
  sampleId: z.int(),
  targetDx: z.enum(TARGET_DX),
  dxLabel: z.boolean(),
  pathIdx: z.int(),
  status: z.string(),
});
/** A sample on an ECG. */
export type EcgSampleRef = z.infer<typeof EcgSampleRefSchema>;

/** Stored state of one label check for the caller's label of an ECG. */
export const CheckStateSchema = z.object({
  checkId: z.string(),
  axis: z.string(),
  message: z.string(),
  /** The label and measured values the check failed for; a dismissal holds only for these. */
  fingerprint: z.string(),
  state: z.enum(['open', 'dismissed']),
  reason: z.string().nullable(),
  dismissedBy: z.string().nullable(),
  dismissedAt: TimestampSchema.nullable(),
});
/** A check's stored state. */
export type CheckState = z.infer<typeof CheckStateSchema>;

/** GET /api/ecg-refs/:source/:ecgId response: what the ECG page needs besides the record. */
export const EcgWorkbenchResponseSchema = z.object({
  ecg: EcgSummarySchema,
  /** PTB-XL sex (for the QTc threshold), null when not known. */
  sex: z.enum(['male', 'female']).nullable(),
  /** A label drafted from PTB-XL scp_codes and heart_axis, when the metadata has them. */
  ptbxlDraft: z.object({ label: DenseLabelSchema, notes: z.array(z.string()) }).nullable(),
  samples: z.array(EcgSampleRefSchema),
  /** The caller's stored check states on this ECG (empty for non-labellers). */
  checks: z.array(CheckStateSchema),
});
/** GET /api/ecg-refs/:source/:ecgId response. */
export type EcgWorkbenchResponse = z.infer<typeof EcgWorkbenchResponseSchema>;

const FingerprintSchema = z.string().min(1).max(500);

/** One failing check as the page computed it (PUT /api/ecgs/:id/label/checks). */
export const FailingCheckSchema = z.strictObject({
  checkId: z.string().min(1).max(100),
  axis: z.string().min(1).max(40),
  message: z.string().min(1).max(1000),
  fingerprint: FingerprintSchema,
});
/** A failing check. */
export type FailingCheck = z.infer<typeof FailingCheckSchema>;

/** PUT /api/ecgs/:id/label/checks body: the checks failing now (the others pass). */
export const ReportChecksRequestSchema = z.strictObject({
  checks: z.array(FailingCheckSchema).max(50),
});

/** POST /api/ecgs/:id/label/checks/:checkId/dismissal body. */
export const DismissCheckRequestSchema = z.strictObject({
  fingerprint: FingerprintSchema,
  reason: z.string().trim().min(1, 'say why the check does not apply').max(500),
});

/** Check states response. */
export const CheckStatesResponseSchema = z.object({ items: z.array(CheckStateSchema) });
/** Check states response. */
export type CheckStatesResponse = z.infer<typeof CheckStatesResponseSchema>;

/** Presence event (server-sent): who has this ECG open now. */
export const PresenceEventSchema = z.object({
  /** The caller's own user id (to tell others from oneself). */
  you: z.string(),
  viewers: z.array(z.object({ userId: z.string(), username: z.string(), role: z.string() })),
});
/** Presence event. */
export type PresenceEvent = z.infer<typeof PresenceEventSchema>;

/** GET /api/labels/export query. */
export const LabelExportQuerySchema = z.strictObject({
  source: z.enum(DATA_SOURCES).optional(),
});

/** POST /api/labels/import response: what landed (all or nothing). */
export const LabelImportResponseSchema = z.object({
  outcome: z.enum(['imported', 'refused']),
  counts: z.object({
    lines: z.int(),
    created: z.int(),
    updated: z.int(),
    unchanged: z.int(),
  }),
  /** Every problem, "line N: path: message"; the import is refused when any is an error. */
  problems: z.array(
    z.object({
      lineNumber: z.int().nullable(),
      severity: z.enum(['error', 'warning']),
      rule: z.string(),
      message: z.string(),
    }),
  ),
});
/** POST /api/labels/import response. */
export type LabelImportResponse = z.infer<typeof LabelImportResponseSchema>;
