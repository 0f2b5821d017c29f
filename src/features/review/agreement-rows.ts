/** A pass's agreement as chart rows: overall, per reviewer pair, per diagnosis, per step type. */
import { TARGET_DX_NAMES } from '../../domain/benchmark/target-dx-names';
import type { AgreementResponse, KappaResultResponse } from '../../schemas/api/review-agreement';

/** The groups of the chart, in order. */
export const AGREEMENT_SECTIONS = ['Overall', 'Reviewer pair', 'Diagnosis', 'Step type'] as const;
/** One group of the chart. */
export type AgreementSection = (typeof AGREEMENT_SECTIONS)[number];

/** One bar of the agreement chart with the counts behind it. */
export interface AgreementRow {
  readonly section: AgreementSection;
  /** The bar's label, unique in the chart ("Dx: First-degree AV block"). */
  readonly label: string;
  readonly kappa: number | null;
  readonly n: number;
  readonly passPass: number;
  readonly passFlag: number;
  readonly flagPass: number;
  readonly flagFlag: number;
  readonly observedAgreement: number | null;
  readonly expectedAgreement: number | null;
  /** Why kappa is undefined ('' when it is a number). */
  readonly note: string;
}

const row = (section: AgreementSection, label: string, k: KappaResultResponse): AgreementRow => ({
  section,
  label,
  kappa: k.kappa,
  n: k.n,
  ...k.table,
  observedAgreement: k.observedAgreement,
  expectedAgreement: k.expectedAgreement,
  note: k.undefinedReason ?? '',
});

const dxName = (key: string) => (TARGET_DX_NAMES as Readonly<Record<string, string>>)[key] ?? key;

/** The chart's rows, in section order. */
export function agreementRows(report: AgreementResponse): AgreementRow[] {
  return [
    row('Overall', 'Overall', report.overall),
    ...report.byPair.map((p) =>
      row('Reviewer pair', `Pair: ${p.reviewers[0].username} & ${p.reviewers[1].username}`, p),
    ),
    ...report.byDiagnosis.map((g) => row('Diagnosis', `Dx: ${dxName(g.key)}`, g)),
    ...report.byStepType.map((g) => row('Step type', `Step: ${g.key}`, g)),
  ];
}

/** A kappa as read: two decimals, or "undefined". */
export const kappaText = (kappa: number | null) =>
  kappa === null ? 'undefined' : kappa.toFixed(2);

/** The counts beside a bar: "κ 0.62 · n 10 · PP 6 PF 1 FP 2 FF 1". */
export function countsText(r: AgreementRow): string {
  return `κ ${kappaText(r.kappa)} · n ${r.n} · PP ${r.passPass} PF ${r.passFlag} FP ${r.flagPass} FF ${r.flagFlag}`;
}
