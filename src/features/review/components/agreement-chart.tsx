/**
 * Reviewer agreement in a pass (curators): Cohen's kappa on pass/flag as bars from 0, overall,
 * per reviewer pair, per diagnosis and per step type, each with n and its 2x2 counts beside it.
 * Observable Plot: loaded with this module only when the chart is shown.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useCallback, useMemo } from 'react';
import { ChartFrame } from '../../../components/charts/chart-frame';
import { Message } from '../../../components/ui/message';
import { usePassAgreement } from '../api/results';
import {
  AGREEMENT_SECTIONS,
  agreementRows,
  countsText,
  kappaText,
  type AgreementRow,
} from '../agreement-rows';

/** Okabe-Ito, one per section (the section is also written in each label). */
const SECTION_COLOURS = ['#0072B2', '#CC79A7', '#009E73', '#E69F00'];
const ROW_PX = 26;

const share = (value: unknown) =>
  value === null || value === undefined ? '' : `${(Number(value) * 100).toFixed(1)}%`;

/** The agreement chart of one pass, with its saves and data table. */
export function AgreementChart({ passId }: { passId: string }) {
  const agreement = usePassAgreement(passId);
  const report = agreement.data;
  const rows = useMemo(() => (report ? agreementRows(report) : []), [report]);
  const draw = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: rows.length * ROW_PX + 60,
        marginLeft: 250,
        marginRight: 300,
        x: { domain: [-1, 1], grid: true, label: "Cohen's kappa (pass/flag) →" },
        y: { domain: rows.map((r) => r.label), label: null },
        color: {
          domain: [...AGREEMENT_SECTIONS],
          range: SECTION_COLOURS,
          legend: true,
        },
        marks: [
          Plot.ruleX([0], { stroke: '#374151' }),
          Plot.barX(
            rows.filter((r) => r.kappa !== null),
            { x: 'kappa', y: 'label', fill: 'section', tip: true },
          ),
          Plot.text(rows, {
            x: 1,
            y: 'label',
            text: countsText,
            textAnchor: 'start',
            dx: 8,
            fill: '#1f2937',
          }),
        ],
      }),
    [rows],
  );

  if (agreement.error)
    return (
      <Message tone="error" title="The agreement could not be loaded">
        {agreement.error.message}
      </Message>
    );
  if (!report) return <p className="text-slate-600">Loading the agreement…</p>;
  if (report.samplesSeenByTwo === 0)
    return (
      <Message tone="info" title="No agreement yet">
        Agreement needs samples that two reviewers both judged. A blind double pass gives every
        sample to two reviewers; their kappa shows here as their verdicts come in.
      </Message>
    );
  return (
    <ChartFrame<AgreementRow>
      title="Reviewer agreement (Cohen's kappa)"
      description={`${report.samplesSeenByTwo} samples judged by two reviewers. Bars: kappa from 0 (chance) to 1 (full agreement); beside each, n and its 2x2 table: PP both passed, PF first passed and second flagged, FP the reverse, FF both flagged (first = the reviewer with the lower id). Overall κ ${kappaText(report.overall.kappa)}.`}
      fileName={`agreement-${passId}`}
      rows={rows}
      columns={[
        { key: 'section', label: 'group' },
        { key: 'label', label: 'what' },
        { key: 'kappa', label: 'kappa', format: (v) => kappaText(v as number | null) },
        { key: 'n', label: 'n' },
        { key: 'passPass', label: 'PP' },
        { key: 'passFlag', label: 'PF' },
        { key: 'flagPass', label: 'FP' },
        { key: 'flagFlag', label: 'FF' },
        { key: 'observedAgreement', label: 'observed', format: share },
        { key: 'expectedAgreement', label: 'expected', format: share },
        { key: 'note', label: 'note' },
      ]}
      draw={draw}
    />
  );
}
