/** The plot's toolbar: layout, lead, speed, gain, tool and zoom, plus the cursor readout. */
import { memo, useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../components/ui/button';
import { Segmented } from '../components/ui/segmented';
import { keyDisplay } from '../components/keymap/keymap';
import { pluginTools, type PlotPlugin } from './interactions/plot-plugin';
import { LAYOUT_KINDS } from './layout';
import { GAINS_MM_PER_MV, SPEEDS_MM_PER_S } from './paper';
import { ScreenCalibration } from './screen-calibration';
import type { PlotStore } from './viewport-store';

/**
 * Toolbar above the plot; keys named here are handled by the plot when it has focus. Memoised:
 * it reads the store itself, so the plot's own re-renders (its size, its overlays) skip it.
 */
export const PlotToolbar = memo(function PlotToolbar({
  store,
  leadNames,
  plugins,
}: {
  store: PlotStore;
  leadNames: readonly string[];
  plugins: readonly PlotPlugin[];
}) {
  // Narrow subscriptions: a pan or a pointer move must not re-render the whole toolbar.
  const s = useStore(
    store,
    useShallow((x) => ({
      layoutKind: x.layoutKind,
      singleLead: x.singleLead,
      speedMmPerS: x.speedMmPerS,
      gainMmPerMv: x.gainMmPerMv,
      tool: x.tool,
      autoFit: x.autoFit,
      trueSize: !x.autoFit && x.viewport.zoom === 1,
      setLayoutKind: x.setLayoutKind,
      setSingleLead: x.setSingleLead,
      setSpeed: x.setSpeed,
      setGain: x.setGain,
      setTool: x.setTool,
      fit: x.fit,
      setViewport: x.setViewport,
    })),
  );
  const layoutText = { '3x4': '3×4 + II', '12x1': '12×1', single: 'One lead' } as const;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-2 py-1">
      <Segmented
        label="Layout"
        value={s.layoutKind}
        options={LAYOUT_KINDS.map((k) => ({ value: k, text: layoutText[k] }))}
        onChange={s.setLayoutKind}
      />
      {s.layoutKind === 'single' && (
        <label className="text-[12px] text-slate-500">
          Lead{' '}
          <select
            className="rounded border border-slate-300 px-1 text-[12px] text-slate-800"
            value={s.singleLead}
            onChange={(e) => s.setSingleLead(e.target.value)}
          >
            {leadNames.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
      )}
      <Segmented
        label="Speed"
        value={s.speedMmPerS}
        options={SPEEDS_MM_PER_S.map((v) => ({ value: v, text: `${v} mm/s` }))}
        onChange={s.setSpeed}
      />
      <Segmented
        label="Gain"
        value={s.gainMmPerMv}
        options={GAINS_MM_PER_MV.map((v) => ({ value: v, text: `${v} mm/mV` }))}
        onChange={s.setGain}
      />
      <div className="inline-flex items-center gap-1">
        {pluginTools(plugins).map((tool) => (
          <Button
            key={tool.id}
            shortcut={tool.key ? keyDisplay(tool.key) : undefined}
            pressed={s.tool === tool.id}
            onClick={() => s.setTool(tool.id)}
          >
            {tool.label}
          </Button>
        ))}
        {plugins.map(
          ({ id, ToolbarItems }) => ToolbarItems && <ToolbarItems key={id} store={store} />,
        )}
        <Button shortcut="0" pressed={s.autoFit} onClick={s.fit}>
          Fit
        </Button>
        <Button
          shortcut="1"
          pressed={s.trueSize}
          onClick={() => s.setViewport({ zoom: 1, panX: 0, panY: 0 })}
        >
          True size
        </Button>
        <ZoomPercent store={store} />
        <ScreenCalibration />
      </div>
      <CursorReading store={store} />
    </div>
  );
});

/** How long the zoom must rest before the percentage is rewritten (ms). */
const ZOOM_TEXT_SETTLE_MS = 150;

/**
 * The zoom in percent, rewritten once the zoom has rested: rewriting text in the toolbar costs
 * style, layout and paint (~2 ms), which a frame of a zoom gesture cannot spare.
 */
function ZoomPercent({ store }: { store: PlotStore }) {
  const [percent, setPercent] = useState(() => Math.round(store.getState().viewport.zoom * 100));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.viewport.zoom === prev.viewport.zoom) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        setPercent(Math.round(store.getState().viewport.zoom * 100));
      }, ZOOM_TEXT_SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [store]);
  return <span className="text-[12px] tabular-nums text-slate-500">{percent}%</span>;
}

/** Lead, time and amplitude under the pointer. */
function CursorReading({ store }: { store: PlotStore }) {
  const hover = useStore(store, (x) => x.hover);
  return (
    <output
      aria-label="Cursor reading"
      className="ml-auto min-w-[16rem] text-right font-mono text-[12px] tabular-nums text-slate-700"
    >
      {hover
        ? `${hover.lead}  t ${hover.tS.toFixed(3)} s  ${hover.amplitudeMv >= 0 ? '+' : ''}${hover.amplitudeMv.toFixed(2)} mV`
        : 'Point at a trace to read time and amplitude'}
    </output>
  );
}
