/** Measurement ranges beside the plot: the options, the right one marked, and what the plot measured. */
import { useStore } from 'zustand';
import { rangeContains } from '../../domain/benchmark/options';
import { readCaliper } from '../../plot/calipers';
import type { PlotStore } from '../../plot/viewport-store';
import type { AppMeasurement } from '../app-measurement';
import { amplitudeBeatLead } from '../app-measurement';
import type { RangeOption } from '../grounding-overlays';

/** What the app measured for a unit: the engine's value, then the caliper readings. */
function measuredValues(unit: string, store: PlotStore, app: AppMeasurement | null) {
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
  if (app && app.value !== null)
    values.unshift({
      source: `App: ${app.label}`,
      value: app.value,
      text: `${app.value} ${unit === 'degrees' ? '°' : unit}`,
    });
  return values;
}

/** The ranges of the drawn measurement question next to the plot's own measurements. */
export function MeasurementRanges({
  ranges,
  store,
  app,
}: {
  ranges: readonly RangeOption[];
  store: PlotStore;
  app: AppMeasurement | null;
}) {
  useStore(store, (s) => s.calipers);
  const layoutKind = useStore(store, (s) => s.layoutKind);
  // In 3x4 a lead shows only its own 2.5 s column, which may not hold the measured beat.
  const leadOutOfColumn = layoutKind === '3x4' ? amplitudeBeatLead(app) : null;
  const unit = ranges[0]?.range.unit ?? 'ms';
  const values = measuredValues(unit, store, app);
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
              className={`rounded border px-1.5 tabular-nums ${r.isRight ? 'border-2 border-solid border-ok-right bg-emerald-50 font-semibold' : 'border-dashed border-ok-distractor'}`}
            >
              {r.letter} {r.text}
              {r.isRight ? ' ✓' : ''}
              {hits.length > 0 ? ` ← ${hits.map((h) => h.text).join(', ')}` : ''}
            </span>
          );
        })}
      </div>
      {leadOutOfColumn && (
        <p className="mt-1">
          In 3×4, {leadOutOfColumn} shows only its own 2.5 s column.{' '}
          <button
            type="button"
            className="rounded border border-slate-300 bg-white px-1.5 text-[12px] hover:bg-slate-100"
            onClick={() => {
              store.getState().setSingleLead(leadOutOfColumn);
              store.getState().setLayoutKind('single');
            }}
          >
            Show {leadOutOfColumn} over the whole record
          </button>
        </p>
      )}
      <p className="mt-1 text-slate-600">
        {values.length > 0
          ? `Measured here: ${values.map((v) => `${v.source} ${v.text}`).join('; ')}.`
          : app?.note
            ? `${app.label}: not measured (${app.note}). Press ${hint} and drag on the plot to measure it.`
            : `No measurement yet: press ${hint} and drag across the ${unit === 'mV' ? 'wave' : 'interval'} on the plot.`}
      </p>
    </div>
  );
}
