/** Measurement ranges beside the plot: the options, the right one marked, and what the plot measured. */
import { useStore } from 'zustand';
import { rangeContains } from '../../../domain/benchmark/options';
import { readCaliper } from '../../../plot/calipers';
import type { PlotStore } from '../../../plot/viewport-store';
import type { RangeOption } from '../grounding-overlays';

/** What the plot can measure for a unit: caliper readings, and the detected heart rate for bpm. */
function measuredValues(unit: string, store: PlotStore, heartRateBpm: number | null) {
  const values: { source: string; value: number; text: string }[] = [];
  for (const [i, c] of store.getState().calipers.entries()) {
    const r = readCaliper(c);
    if (unit === 'ms' && c.kind === 'time')
      values.push({
        source: `Caliper ${i + 1} (${c.lead})`,
        value: r.intervalMs,
        text: `${Math.round(r.intervalMs)} ms`,
      });
    if (unit === 'bpm' && c.kind === 'time' && r.bpm !== null)
      values.push({
        source: `Caliper ${i + 1} (${c.lead})`,
        value: r.bpm,
        text: `${Math.round(r.bpm)} bpm`,
      });
    if (unit === 'mV' && c.kind === 'amplitude')
      values.push({
        source: `Caliper ${i + 1} (${c.lead})`,
        value: r.amplitudeMv,
        text: `${r.amplitudeMv.toFixed(2)} mV`,
      });
  }
  if (unit === 'bpm' && heartRateBpm !== null)
    values.unshift({
      source: 'Detected beats (mean RR)',
      value: heartRateBpm,
      text: `${Math.round(heartRateBpm)} bpm`,
    });
  return values;
}

/** The ranges of the drawn measurement question next to the plot's own measurements. */
export function MeasurementRanges({
  ranges,
  store,
  heartRateBpm,
}: {
  ranges: readonly RangeOption[];
  store: PlotStore;
  heartRateBpm: number | null;
}) {
  useStore(store, (s) => s.calipers);
  const unit = ranges[0]?.range.unit ?? 'ms';
  const values = measuredValues(unit, store, heartRateBpm);
  const hint = unit === 'mV' ? 'M (amplitude caliper)' : 'C (time caliper)';
  return (
    <div
      className="border-t border-slate-200 bg-white px-2 py-1.5 text-[13px]"
      data-testid="measurement-ranges"
    >
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-semibold">Ranges ({unit}):</span>
        {ranges.map((r) => {
          const hits = values.filter((v) => rangeContains(r.range, v.value));
          return (
            <span
              key={r.letter}
              className={`rounded border px-1.5 tabular-nums ${r.isRight ? 'border-2 border-solid border-[#009E73] bg-emerald-50 font-semibold' : 'border-dashed border-[#E69F00]'}`}
            >
              {r.letter} {r.text}
              {r.isRight ? ' ✓' : ''}
              {hits.length > 0 ? ` ← ${hits.map((h) => h.text).join(', ')}` : ''}
            </span>
          );
        })}
      </div>
      <p className="mt-1 text-slate-600">
        {values.length > 0
          ? `Measured here: ${values.map((v) => `${v.source} ${v.text}`).join('; ')}.`
          : unit === 'degrees'
            ? 'The axis is not measured here yet; read it from leads I and aVF.'
            : `No measurement yet: press ${hint} and drag across the ${unit === 'mV' ? 'wave' : 'interval'} on the plot.`}
      </p>
    </div>
  );
}
