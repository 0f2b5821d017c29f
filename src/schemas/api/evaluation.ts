/** API shapes of evaluation: model answer imports, runs, reports, drill-down, label predictions, the dataset dashboard. */
import { z } from 'zod';
import { DATA_SOURCES, BenchmarkSampleV002Schema } from '../benchmark-sample';
import { INFERENCE_MODES } from '../model-answers';
import { ModelRepliesSchema } from '../model-replies';
import { PublicIdSchema, TimestampSchema } from './common';

/** A model's name as a CSV row and the charts show it. */
export const ModelNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100)
  .refine(
    (name) => ![...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '/' || ch === '\\'),
    'must be a name without control characters or slashes',
  );

/** POST /api/evaluation/imports body: announce an answers JSONL (the file follows with PUT). */
export const StartAnswerImportRequestSchema = z.strictObject({
  fileName: z
    .string()
    .min(1, 'is required')
    .max(200)
    .regex(/^[^/\\\0]+$/, 'must be a file name without folders'),
  /** The model the answers are from (a folder name of the official layout). */
  model: ModelNameSchema,
  sizeBytes: z.int().min(0).optional(),
});
/** POST /api/evaluation/imports body. */
export type StartAnswerImportRequest = z.infer<typeof StartAnswerImportRequestSchema>;

/** One answer file (or JSONL line) the import could not use, or a warning about one. */
export const AnswerImportProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  file: z.string(),
  lineNumber: z.int().nullable(),
  sampleId: z.int().nullable(),
  message: z.string(),
});
/** One answer import problem. */
export type AnswerImportProblem = z.infer<typeof AnswerImportProblemSchema>;

/** What an answer import stored, and every line it left out. */
export const AnswerImportReportSchema = z.object({
  outcome: z.enum(['imported', 'refused']),
  file: z.string(),
  model: z.string(),
  /** Runs replaced by this import, with how many answers each holds now. */
  runs: z.array(z.object({ mode: z.enum(INFERENCE_MODES), answers: z.int() })),
  counts: z.object({
    lines: z.int(),
    scored: z.int(),
    leftOut: z.int(),
    warnings: z.int(),
  }),
  /** At most MAX_REPORTED_PROBLEMS; problemsTotal says how many there were. */
  problems: z.array(AnswerImportProblemSchema),
  problemsTotal: z.int(),
});
/** An answer import report. */
export type AnswerImportReport = z.infer<typeof AnswerImportReportSchema>;

/** Where an answer import is. */
export const AnswerImportJobSchema = z.object({
  id: PublicIdSchema,
  fileName: z.string(),
  model: z.string(),
  status: z.enum(['waiting', 'running', 'imported', 'refused', 'failed']),
  bytesReceived: z.int(),
  totalBytes: z.int().nullable(),
  linesRead: z.int(),
  createdAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
  report: AnswerImportReportSchema.nullable(),
  error: z.string().nullable(),
});
/** An answer import job. */
export type AnswerImportJob = z.infer<typeof AnswerImportJobSchema>;

/** One stored run: a model's answers under one protocol. */
export const ModelRunSchema = z.object({
  id: PublicIdSchema,
  model: z.string(),
  mode: z.enum(INFERENCE_MODES),
  fileName: z.string(),
  answers: z.int(),
  importedAt: TimestampSchema,
  importedBy: z.string().nullable(),
});
/** A stored run. */
export type ModelRun = z.infer<typeof ModelRunSchema>;

/** GET /api/evaluation/runs response. */
export const ModelRunListSchema = z.object({ items: z.array(ModelRunSchema) });

/** Official metrics of one pool, by the official CSV column names (the model column aside). */
export const MetricRowSchema = z.record(z.string(), z.number());
/** One pool's official metrics. */
export type MetricRow = z.infer<typeof MetricRowSchema>;

/** One position of the completion funnel (0-based loop). */
export const FunnelStepSchema = z.object({
  loop: z.int(),
  part: z.enum(['criterion', 'finding', 'grounding', 'decision']),
  reached: z.int(),
  survived: z.int(),
});

/** One run's figures: the official row in total and per diagnosis, and its funnel (default protocol). */
export const RunReportSchema = z.object({
  run: ModelRunSchema,
  total: MetricRowSchema,
  byDx: z.record(z.string(), MetricRowSchema),
  funnel: z.array(FunnelStepSchema),
  /** Answers scored against an older version of their sample than the workspace holds now. */
  stale: z.int(),
});
/** One run's figures. */
export type RunReport = z.infer<typeof RunReportSchema>;

/** GET /api/evaluation/report response. */
export const EvaluationReportSchema = z.object({
  dataset: z.enum(DATA_SOURCES),
  runs: z.array(RunReportSchema),
  /** Chance level per stage (and forced Yes/No), for the charts. */
  chance: z.record(z.string(), z.number()),
});
/** GET /api/evaluation/report response. */
export type EvaluationReport = z.infer<typeof EvaluationReportSchema>;

/** GET /api/evaluation/report query. */
export const EvaluationReportQuerySchema = z.strictObject({
  dataset: z.enum(DATA_SOURCES).default('ptbxl'),
});

/** Which figure a list of samples stands behind. */
export const FIGURES = [
  'idq',
  'gt_rda',
  'self_rda',
  'completion_hard',
  'completion_soft',
  'stage',
  'funnel',
  'bin',
] as const;

/** GET /api/evaluation/samples query: the samples behind one bar or point of a chart. */
export const EvaluationSamplesQuerySchema = z.strictObject({
  run: PublicIdSchema,
  figure: z.enum(FIGURES),
  outcome: z.enum(['wrong', 'right']).default('wrong'),
  dx: z
    .string()
    .regex(/^[a-z0-9_]+$/)
    .optional(),
  /** For figure=stage: the stage (question_type). */
  stage: z
    .enum([
      'criterion_selection',
      'finding_identification',
      'lead_grounding',
      'wave_grounding',
      'measurement_grounding',
      'diagnostic_decision',
    ])
    .optional(),
  /** For figure=funnel: the 0-based loop and part where the chains first broke. */
  loop: z.coerce.number().int().min(0).max(50).optional(),
  part: z.enum(['criterion', 'finding', 'grounding', 'decision']).optional(),
  /** For figure=bin: 1-4. */
  bin: z.coerce.number().int().min(1).max(4).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
/** GET /api/evaluation/samples query. */
export type EvaluationSamplesQuery = z.infer<typeof EvaluationSamplesQuerySchema>;

/** One sample behind a figure, with the steps that decided it. */
export const EvaluationSampleItemSchema = z.object({
  samplePk: PublicIdSchema,
  sampleId: z.int(),
  dataSource: z.enum(DATA_SOURCES),
  targetDx: z.string(),
  dxLabel: z.boolean(),
  /** The steps behind the figure (e.g. the wrong wave_grounding items), as "loop 2 wave_grounding 1". */
  steps: z.array(z.object({ loop: z.int(), stage: z.string(), item: z.int().nullable() })),
});

/** GET /api/evaluation/samples response. */
export const EvaluationSamplesSchema = z.object({
  items: z.array(EvaluationSampleItemSchema),
  total: z.int(),
});
/** GET /api/evaluation/samples response. */
export type EvaluationSamples = z.infer<typeof EvaluationSamplesSchema>;

/** One scored step of a stored answer. */
export const ScoredStepSchema = z.object({
  stage: z.string(),
  loop: z.int(),
  item: z.int().nullable(),
  correct: z.boolean(),
});

/** GET /api/evaluation/runs/:runId/answers/:samplePk response: a model's replies beside the sample. */
export const AnswerDetailSchema = z.object({
  run: ModelRunSchema,
  samplePk: PublicIdSchema,
  sampleVersion: z.int(),
  /** The sample as the workspace holds it now. */
  sample: BenchmarkSampleV002Schema,
  /** The sample changed since the replies were scored. */
  stale: z.boolean(),
  ecg: z.object({ source: z.enum(DATA_SOURCES), ecgId: z.string(), recordAvailable: z.boolean() }),
  replies: ModelRepliesSchema,
  idqCorrect: z.boolean().nullable(),
  steps: z.array(ScoredStepSchema),
});
/** A stored answer beside its sample. */
export type AnswerDetail = z.infer<typeof AnswerDetailSchema>;

/** A predictor's name (imported file name or the built-in reference). */
export const PredictorNameSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(100)
  .regex(/^[A-Za-z0-9._ -]+$/, 'may hold letters, digits, space, dot, dash and underscore');

/** PUT /api/evaluation/label-predictions query: the predictor's name. */
export const LabelImportQuerySchema = z.strictObject({ name: PredictorNameSchema });

/** One stored label predictor. */
export const LabelPredictorSchema = z.object({
  id: PublicIdSchema,
  name: z.string(),
  kind: z.enum(['imported', 'reference']),
  predictions: z.int(),
  createdAt: TimestampSchema,
  /** Lines left out at import (problems), or ECGs without a record for the reference. */
  problems: z.array(z.string()),
});
/** A stored label predictor. */
export type LabelPredictor = z.infer<typeof LabelPredictorSchema>;

/** GET /api/evaluation/label-predictors response. */
export const LabelPredictorListSchema = z.object({ items: z.array(LabelPredictorSchema) });

/** GET /api/evaluation/label-report query. */
export const LabelReportQuerySchema = z.strictObject({ predictor: PublicIdSchema });

/** One axis's scores against the workspace's submitted labels. */
export const AxisScoreSchema = z.object({
  axis: z.string(),
  group: z.enum(['measurement', 'waveform']),
  n: z.int(),
  accuracy: z.number(),
  macroF1: z.number(),
  majorityValue: z.string(),
  majorityAccuracy: z.number(),
  majorityMacroF1: z.number(),
  classes: z.array(z.string()),
  confusion: z.array(z.array(z.int())),
});

/** GET /api/evaluation/label-report response. */
export const LabelReportSchema = z.object({
  predictor: LabelPredictorSchema,
  /** ECGs with a submitted label in the workspace (the truth). */
  truthLabels: z.int(),
  /** ECGs with several submitted labels: the latest one is the truth. */
  severalLabels: z.int(),
  scored: z.int(),
  unpredicted: z.array(z.string()),
  withoutTruth: z.array(z.string()),
  axes: z.array(AxisScoreSchema),
  findings: z.object({
    truth: z.record(z.string(), z.int()),
    predicted: z.record(z.string(), z.int()),
    meanTruth: z.number(),
    meanPredicted: z.number(),
  }),
  /** Every scored ECG ("source/ecg_id") with its class per axis, truth and predicted. */
  pairs: z.array(
    z.object({
      key: z.string(),
      truth: z.record(z.string(), z.string()),
      predicted: z.record(z.string(), z.string()),
      truthFindings: z.int(),
      predictedFindings: z.int(),
    }),
  ),
});
/** GET /api/evaluation/label-report response. */
export type LabelReportBody = z.infer<typeof LabelReportSchema>;

/** GET /api/evaluation/dataset response: the dataset dashboard's figures. */
export const DatasetDashboardSchema = z.object({
  cells: z.array(
    z.object({
      dataSource: z.enum(DATA_SOURCES),
      targetDx: z.string(),
      dxLabel: z.boolean(),
      pathIdx: z.int(),
      count: z.int(),
      /** About 100 per (source, diagnosis, label), split evenly over its paths. */
      target: z.number(),
    }),
  ),
  labels: z.object({
    submitted: z.int(),
    axes: z.array(
      z.object({
        axis: z.string(),
        group: z.enum(['measurement', 'waveform']),
        /** Each value with its labels' ECGs ("source/ecg_id"). */
        counts: z.array(z.object({ value: z.string(), count: z.int(), ecgs: z.array(z.string()) })),
        majorityValue: z.string(),
        majorityShare: z.number(),
      }),
    ),
    findings: z.array(z.object({ findings: z.int(), ecgs: z.int(), keys: z.array(z.string()) })),
  }),
  review: z.object({
    /** Verdicts per day (UTC), with the running total. */
    progress: z.array(
      z.object({
        day: z.string(),
        verdicts: z.int(),
        cumulative: z.int(),
        /** The samples judged that day (at most 200). */
        samples: z.array(z.object({ id: PublicIdSchema, sampleId: z.int() })),
      }),
    ),
    /** Samples two reviewers judged in the same pass; null when none. */
    agreement: z
      .object({
        pairs: z.int(),
        agreeing: z.int(),
        percent: z.number(),
        kappa: z.number().nullable(),
      })
      .nullable(),
  }),
});
/** The dataset dashboard's figures. */
export type DatasetDashboard = z.infer<typeof DatasetDashboardSchema>;
