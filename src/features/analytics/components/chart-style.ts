/** Shared Observable Plot settings of the analytics charts. */
import { TARGET_DX_NAMES } from '../../../domain/benchmark/target-dx-names';
import { MODEL_COLORS } from '../analytics-store';

/** Chance and baselines: dark grey dashes, so they never read as a model. */
export const CHANCE_STROKE = '#374151';
/** Dash of chance levels. */
export const CHANCE_DASH = '4,3';

/** A colour scale for the models in order (legend drawn beside the chart). */
export function modelColor(models: readonly string[]) {
  return {
    domain: [...models],
    range: MODEL_COLORS.slice(0, Math.max(models.length, 1)),
    legend: true,
  };
}

/** A 0-1 share drawn as 0-100% (Plot's percent option multiplies the values by 100). */
export const percentAxis = (label: string) => ({
  domain: [0, 100],
  percent: true,
  grid: true,
  label,
});

/** People's name of a diagnosis code (the code itself when unknown). */
export const dxName = (dx: string) =>
  (TARGET_DX_NAMES as Readonly<Record<string, string>>)[dx] ?? dx;

/** A share as "73.4%". */
export const pct = (value: unknown) => `${(Number(value) * 100).toFixed(1)}%`;

/** Distinct values in first-seen order. */
export const distinct = <T>(values: readonly T[]) => [...new Set(values)];
