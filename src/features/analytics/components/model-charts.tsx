/** The default protocol's charts: headline figures, per stage, per diagnosis, and the completion funnel. */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useCallback, useMemo } from 'react';
import { ChartFrame } from '../../../components/charts/chart-frame';
import { Segmented } from '../../../components/ui/segmented';
import type { EvaluationReport } from '../../../schemas/api/evaluation';
import { samplesQueryString } from '../api/evaluation-api';
import { useAnalyticsStore } from '../analytics-store';
import {
  HEADLINES,
  dxRows,
  funnelRows,
  headlineRows,
  stageRows,
  type DxRow,
  type FunnelRow,
  type HeadlineRow,
  type StageRow,
} from '../chart-data';
import {
  CHANCE_DASH,
  CHANCE_STROKE,
  distinct,
  dxName,
  modelColor,
  pct,
  percentAxis,
} from './chart-style';

const HEADLINE_CHANCE: Readonly<Record<string, number>> = { IDQ: 1 / 2, 'GT-RDA': 1 / 3 };

/** Headline, stage, diagnosis and funnel charts of the default-protocol runs. */
export function ModelCharts({ report }: { report: EvaluationReport }) {
  const setPick = useAnalyticsStore((s) => s.setPick);
  const dxFigure = useAnalyticsStore((s) => s.dxFigure);
  const setDxFigure = useAnalyticsStore((s) => s.setDxFigure);
  const headline = HEADLINES.find((h) => h.key === dxFigure) ?? HEADLINES[0];

  const headlines = useMemo(() => headlineRows(report), [report]);
  const stages = useMemo(() => stageRows(report), [report]);
  const byDx = useMemo(() => dxRows(report, headline), [report, headline]);
  const funnel = useMemo(() => funnelRows(report), [report]);
  const models = useMemo(
    () => distinct(stages.map((r) => r.model).concat(headlines.map((r) => r.model))),
    [stages, headlines],
  );

  const drawHeadlines = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 260,
        marginBottom: 50,
        fx: { label: null, domain: HEADLINES.map((h) => h.label) },
        x: { label: null, tickRotate: -25, domain: models },
        y: percentAxis('share of samples (%)'),
        color: modelColor(models),
        marks: [
          Plot.barY(headlines, { fx: 'label', x: 'model', y: 'value', fill: 'model', tip: true }),
          Plot.tickY(
            Object.entries(HEADLINE_CHANCE).map(([label, chance]) => ({ label, chance })),
            {
              fx: 'label',
              y: 'chance',
              stroke: CHANCE_STROKE,
              strokeDasharray: CHANCE_DASH,
              strokeWidth: 1.5,
            },
          ),
          Plot.ruleY([0]),
        ],
      }),
    [headlines, models],
  );

  const drawStages = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 300,
        marginBottom: 50,
        fx: {
          label: 'stage (with ground-truth history)',
          domain: distinct(stages.map((r) => r.stageLabel)),
        },
        x: { label: null, tickRotate: -25, domain: models },
        y: percentAxis('accuracy (%)'),
        color: modelColor(models),
        marks: [
          Plot.barY(stages, {
            fx: 'stageLabel',
            x: 'model',
            y: 'accuracy',
            fill: 'model',
            tip: true,
            channels: { correct: 'correct', total: 'total' },
          }),
          Plot.tickY(
            distinct(stages.map((r) => r.stageLabel)).map((stageLabel) => ({
              stageLabel,
              chance: stages.find((r) => r.stageLabel === stageLabel)!.chance,
            })),
            {
              fx: 'stageLabel',
              y: 'chance',
              stroke: CHANCE_STROKE,
              strokeDasharray: CHANCE_DASH,
              strokeWidth: 1.5,
            },
          ),
          Plot.ruleY([0]),
        ],
      }),
    [stages, models],
  );

  const dxList = useMemo(() => distinct(byDx.map((r) => r.dx)).sort(), [byDx]);
  const drawDx = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 40 + dxList.length * (models.length * 14 + 10),
        marginLeft: 230,
        fy: { label: null, domain: dxList, tickFormat: dxName },
        y: { axis: null, domain: models },
        x: percentAxis(`${headline.label} (%)`),
        color: modelColor(models),
        marks: [
          Plot.barX(byDx, {
            fy: 'dx',
            y: 'model',
            x: 'value',
            fill: 'model',
            tip: true,
            channels: { samples: 'total' },
          }),
          ...(HEADLINE_CHANCE[headline.label] === undefined
            ? []
            : [
                Plot.ruleX([HEADLINE_CHANCE[headline.label]!], {
                  stroke: CHANCE_STROKE,
                  strokeDasharray: CHANCE_DASH,
                }),
              ]),
          Plot.ruleX([0]),
        ],
      }),
    [byDx, dxList, models, headline],
  );

  const steps = useMemo(
    () => distinct([...funnel].sort((a, b) => a.position - b.position).map((r) => r.step)),
    [funnel],
  );
  const drawFunnel = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 300,
        marginBottom: 70,
        x: { label: 'reasoning step (L = loop)', labelOffset: 62, domain: steps, tickRotate: -35 },
        y: { grid: true, label: 'chains unbroken after the step', zero: true },
        color: modelColor(models),
        marks: [
          Plot.lineY(funnel, { x: 'step', y: 'survived', stroke: 'model' }),
          Plot.dot(funnel, {
            x: 'step',
            y: 'survived',
            fill: 'model',
            r: 4,
            tip: true,
            channels: { reached: 'reached' },
          }),
        ],
      }),
    [funnel, steps, models],
  );

  return (
    <div className="flex flex-col gap-3">
      <ChartFrame<HeadlineRow>
        title="Diagnosis and completion"
        description="Bars per model; dashes: chance (IDQ 1/2, final decision 1/3). Click a bar for the samples it got wrong."
        fileName="headline"
        rows={headlines}
        columns={[
          { key: 'model', label: 'model' },
          { key: 'label', label: 'figure' },
          { key: 'value', label: 'value', format: pct },
          { key: 'total', label: 'samples' },
        ]}
        draw={drawHeadlines}
        pickLabel="Wrong samples"
        onPick={(row) =>
          setPick({
            title: `${row.model}: ${row.label}, wrong`,
            runId: row.runId,
            query: samplesQueryString({ run: row.runId, figure: row.figure }),
          })
        }
      />
      <ChartFrame<StageRow>
        title="Accuracy per stage"
        description="Every step scored on its own (ground-truth history); dashes: chance from the option counts. Click a bar for the samples with a wrong step."
        fileName="stages"
        rows={stages}
        columns={[
          { key: 'model', label: 'model' },
          { key: 'stage', label: 'stage' },
          { key: 'accuracy', label: 'accuracy', format: pct },
          { key: 'correct', label: 'right' },
          { key: 'total', label: 'asked' },
          { key: 'chance', label: 'chance', format: pct },
        ]}
        draw={drawStages}
        pickLabel="Wrong samples"
        onPick={(row) =>
          setPick({
            title: `${row.model}: ${row.stageLabel} wrong`,
            runId: row.runId,
            query: samplesQueryString({ run: row.runId, figure: 'stage', stage: row.stage }),
          })
        }
      />
      <ChartFrame<DxRow>
        title="Per diagnosis"
        description="One figure per diagnosis and model (micro average over its samples). Click a bar for the wrong samples of that diagnosis."
        fileName={`per-diagnosis-${headline.key}`}
        rows={byDx}
        columns={[
          { key: 'model', label: 'model' },
          { key: 'dx', label: 'diagnosis' },
          { key: 'value', label: headline.label, format: pct },
          { key: 'total', label: 'samples' },
        ]}
        draw={drawDx}
        pickLabel="Wrong samples"
        onPick={(row) =>
          setPick({
            title: `${row.model}: ${headline.label} wrong on ${dxName(row.dx)}`,
            runId: row.runId,
            query: samplesQueryString({ run: row.runId, figure: headline.key, dx: row.dx }),
          })
        }
      >
        <Segmented
          label="Figure"
          value={headline.key}
          options={HEADLINES.map((h) => ({ value: h.key, text: h.label }))}
          onChange={setDxFigure}
        />
      </ChartFrame>
      <ChartFrame<FunnelRow>
        title="Completion funnel"
        description="Chains with no wrong step so far, in chain order (a chain without a step passes it; the last point is the completed chains). Click a point for the chains that broke there."
        fileName="funnel"
        rows={funnel}
        columns={[
          { key: 'model', label: 'model' },
          { key: 'step', label: 'step' },
          { key: 'reached', label: 'reached unbroken' },
          { key: 'survived', label: 'survived' },
          { key: 'share', label: 'share of chains', format: pct },
        ]}
        draw={drawFunnel}
        pickLabel="Broke here"
        onPick={(row) =>
          setPick({
            title: `${row.model}: chains that broke at ${row.step}`,
            runId: row.runId,
            query: samplesQueryString({
              run: row.runId,
              figure: 'funnel',
              loop: row.loop,
              part: row.part,
            }),
          })
        }
      />
    </div>
  );
}
