/** The overlay legend: each style's colour and its second cue, plus the calipers' readings. */
import { memo } from 'react';
import { useStore } from 'zustand';
import { readCaliper } from './calipers';
import { bandStyle, highlightStyle, type OverlayStyle } from './overlays/overlay-style';
import type { PlotStore } from './viewport-store';

function Swatch({ style }: { style: OverlayStyle }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        aria-hidden
        className="inline-block h-3 w-5 rounded-sm"
        style={{
          border: `2px ${style.dash ? (style.dash[0]! <= 2 ? 'dotted' : 'dashed') : 'solid'} ${style.stroke}`,
          background: style.fill,
        }}
      />
      <span style={{ color: style.stroke }} className="font-bold">
        {style.mark}
      </span>
      {style.name}
    </span>
  );
}

/** Legend under the plot; caliper readings are listed so they can be read and copied (memoised). */
export const PlotLegend = memo(function PlotLegend({ store }: { store: PlotStore }) {
  const calipers = useStore(store, (s) => s.calipers);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 bg-white px-2 py-1 text-[12px] text-slate-700">
      <Swatch style={highlightStyle('right')} />
      <Swatch style={highlightStyle('distractor')} />
      <Swatch style={highlightStyle('selected')} />
      <Swatch style={bandStyle('right')} />
      <Swatch style={bandStyle('distractor')} />
      {calipers.length > 0 && (
        <span className="ml-auto font-mono tabular-nums" aria-label="Caliper readings">
          {calipers.map((c, i) => `${i + 1}: ${c.lead} ${readCaliper(c).text}`).join('   ')}
        </span>
      )}
    </div>
  );
});
