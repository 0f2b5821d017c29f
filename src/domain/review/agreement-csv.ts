/** The agreement report as CSV: one row per group, the counts beside each kappa. */
import type { AgreementReport, GroupAgreement } from './agreement';
import type { KappaResult } from './kappa';

/** The CSV header, in column order. */
export const AGREEMENT_CSV_COLUMNS = [
  'scope',
  'key',
  'n',
  'pass_pass',
  'pass_flag',
  'flag_pass',
  'flag_flag',
  'observed_agreement',
  'expected_agreement',
  'kappa',
  'unrated_steps',
  'note',
] as const;

/** One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
function field(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(scope: string, key: string, result: KappaResult, unrated: number | null): string {
  return [
    scope,
    key,
    result.n,
    result.table.passPass,
    result.table.passFlag,
    result.table.flagPass,
    result.table.flagFlag,
    result.observedAgreement,
    result.expectedAgreement,
    result.kappa,
    unrated,
    result.undefinedReason,
  ]
    .map(field)
    .join(',');
}

/**
 * CSV text with a header: the overall row, then pairs (key as given by `pairLabel`, e.g. the
 * two usernames), diagnoses and step types. Empty fields where a value is undefined.
 */
export function agreementCsv(
  report: AgreementReport,
  pairLabel: (group: GroupAgreement) => string = (group) => group.key,
): string {
  const lines = [
    AGREEMENT_CSV_COLUMNS.join(','),
    row('overall', 'all', report.overall, null),
    ...report.byPair.map((group) => row('pair', pairLabel(group), group, null)),
    ...report.byDiagnosis.map((group) => row('diagnosis', group.key, group, null)),
    ...report.byStepType.map((group) => row('step_type', group.key, group, group.unratedSteps)),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
