/**
 * The shared 12-lead plot, as a composition: a Konva host with a scene layer (paper grid and
 * decimated traces) under an overlay layer (bands, highlights, beats and the plugins' overlays),
 * a pointer machine driving registered tools, a keymap, a toolbar and a legend. Features extend it
 * through props (overlays as data, `plugins` for tools, keys and overlays), never by editing it.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { PAGE_SCOPE } from '../components/keymap/keymap';
import { useKeymap } from '../components/keymap/use-keymap';
import type { EcgRecord } from '../domain/wfdb/record';
import { PlotStage } from './host/plot-stage';
import { usePlotDrawing } from './host/use-plot-drawing';
import { useStageSize } from './host/use-stage-size';
import { withDefaultPlugins } from './interactions/default-plugins';
import type { PlotPlugin } from './interactions/plot-plugin';
import { PLOT_SCOPE } from './interactions/scopes';
import { usePlotPointer } from './interactions/use-plot-pointer';
import { plotKeymap } from './keymap';
import { computeLayout } from './layout';
import { BeatMarkers } from './overlays/beat-markers';
import { LeadHighlights } from './overlays/lead-highlights';
import { TimeBands } from './overlays/time-bands';
import type { LeadHighlight, TimeBand } from './overlays/types';
import { PlotLegend } from './plot-legend';
import { PlotRuntime } from './plot-runtime';
import { usePlotTestApi } from './plot-test-api';
import { PlotToolbar } from './plot-toolbar';
import { useScreenPxPerMm } from './screen-scale-store';
import { OVERLAY } from './theme';
import { createPlotStore, type PlotStore } from './viewport-store';

/** Props of the plot; overlays are plain data, drawn in record time. */
export interface EcgPlotProps {
  readonly record: EcgRecord;
  readonly highlights?: readonly LeadHighlight[];
  readonly bands?: readonly TimeBand[];
  readonly beatTimesS?: readonly number[];
  /**
   * Tools, keys and overlays a feature adds, after the plot's own (pan, lead selection, calipers);
   * one with the id of one of the plot's own takes its place (e.g. calipers on other keys).
   */
  readonly plugins?: readonly PlotPlugin[];
  /** A store owned by the caller (to read selection or calipers); the plot makes its own otherwise. */
  readonly store?: PlotStore;
  /** CSS px per mm of the screen (defaults to this browser's calibration, else 96 dpi). */
  readonly pxPerMm?: number;
  /**
   * Rows take the height that lets the paper fill the stage (default); false keeps them at their
   * printed height (3 mV in 3x4, 2 mV in 12x1), as the bench's reference drawers lay them out.
   */
  readonly fillStage?: boolean;
  /**
   * Whether the plot's page keys (tools, zoom, fit) work anywhere on the page (default) or only
   * while it has focus: a second plot on one screen leaves the page's keys to the first.
   */
  readonly pageKeys?: boolean;
  /** The plot's id (`data-plot-id`, the key of its test API); a generated one otherwise. */
  readonly plotId?: string;
  /** Installs the test API where the build allows it (default true; see test-api-registry.ts). */
  readonly installTestApi?: boolean;
  readonly className?: string;
}

/** The absent overlay list: one array, so a render without overlays does not look like a change. */
const NONE: readonly never[] = [];

/** The 12-lead plot with its toolbar, legend, keyboard, wheel and pointer handling. */
export function EcgPlot(props: EcgPlotProps) {
  const { record, highlights = NONE, bands = NONE, beatTimesS = NONE, plugins = NONE } = props;
  const fillStage = props.fillStage ?? true;
  const [ownStore] = useState(() => createPlotStore());
  const store = props.store ?? ownStore;
  const generatedId = useId();
  const plotId = props.plotId ?? `plot${generatedId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const layoutKind = useStore(store, (s) => s.layoutKind);
  const speedMmPerS = useStore(store, (s) => s.speedMmPerS);
  const gainMmPerMv = useStore(store, (s) => s.gainMmPerMv);
  const singleLead = useStore(store, (s) => s.singleLead);
  const selectedLeads = useStore(store, (s) => s.selectedLeads);
  const autoFit = useStore(store, (s) => s.autoFit);
  const screenPxPerMm = useScreenPxPerMm();
  const pxPerMm = props.pxPerMm ?? screenPxPerMm;
  const allPlugins = useMemo(() => withDefaultPlugins(plugins), [plugins]);

  const hostRef = useRef<HTMLDivElement>(null);
  const cursorLineRef = useRef<HTMLDivElement>(null);
  const size = useStageSize(hostRef);
  const leadNames = useMemo(() => record.signals.map((s) => s.name), [record]);
  // The stage shapes the paper only when the rows fill it: otherwise a resize keeps the layout.
  const fitTo = fillStage ? size : null;
  const layout = useMemo(
    () =>
      computeLayout({
        kind: layoutKind,
        leadNames,
        durationS: record.nSamples / record.fsHz,
        scale: { speedMmPerS, gainMmPerMv, pxPerMm },
        singleLead,
        fitTo: fitTo ?? undefined,
      }),
    [record, leadNames, layoutKind, speedMmPerS, gainMmPerMv, pxPerMm, singleLead, fitTo],
  );

  // Live values for imperative drawing and tools, updated in effects so renders stay pure.
  const [runtime] = useState(
    () => new PlotRuntime({ layout, record, size, plugins: allPlugins, store }),
  );
  const { scheduler, ctx, machine } = runtime;
  useLayoutEffect(() => {
    runtime.update({ layout, record, size, plugins: allPlugins, store }, hostRef.current);
  }, [runtime, layout, record, size, allPlugins, store]);
  useEffect(() => () => scheduler.dispose(), [scheduler]);

  const pointerHandlers = usePlotPointer({
    host: hostRef,
    cursorLine: cursorLineRef,
    machine,
    ctx,
    store,
  });

  const keymap = useMemo(() => plotKeymap(allPlugins), [allPlugins]);
  useKeymap(keymap, ctx, {
    pageScopes: (props.pageKeys ?? true) ? [PAGE_SCOPE] : [],
    element: hostRef,
    elementScopes: [PAGE_SCOPE, PLOT_SCOPE],
  });

  usePlotDrawing(scheduler, store, layout, size, autoFit);

  const allHighlights = useMemo<LeadHighlight[]>(
    () => [...highlights, ...selectedLeads.map((lead) => ({ lead, role: 'selected' as const }))],
    [highlights, selectedLeads],
  );

  usePlotTestApi(props.installTestApi ?? true, plotId, runtime, store, hostRef, {
    highlights: allHighlights,
    bands,
    beatTimesS,
  });

  return (
    <div
      className={`flex min-h-0 flex-col ${props.className ?? ''}`}
      data-testid="ecg-plot"
      data-plot-id={plotId}
    >
      <PlotToolbar store={store} leadNames={leadNames} plugins={allPlugins} />
      <div
        ref={hostRef}
        tabIndex={0}
        role="application"
        aria-label={`ECG plot of record ${record.recordName}: arrows pan, + and - zoom, 0 resets, C time caliper, M amplitude caliper, click a lead to select it`}
        className="relative min-h-0 flex-1 cursor-crosshair touch-none overflow-hidden bg-slate-200 outline-none focus-visible:ring-2 focus-visible:ring-ok-selected"
        {...pointerHandlers}
      >
        {size && (
          <PlotStage
            width={size.width}
            height={size.height}
            scheduler={scheduler}
            sceneFunc={runtime.sceneFunc}
            onWorldGroup={runtime.attachWorldGroup}
          >
            <TimeBands layout={layout} bands={bands} />
            <LeadHighlights layout={layout} highlights={allHighlights} />
            {beatTimesS.length > 0 && <BeatMarkers layout={layout} beatTimesS={beatTimesS} />}
            {allPlugins.map(
              ({ id, Overlay }) => Overlay && <Overlay key={id} layout={layout} store={store} />,
            )}
          </PlotStage>
        )}
        <div
          ref={cursorLineRef}
          data-testid="plot-cursor"
          aria-hidden="true"
          className="pointer-events-none absolute top-0 left-0 hidden w-px opacity-60"
          style={{ backgroundColor: OVERLAY.cursor }}
        />
      </div>
      <PlotLegend store={store} />
    </div>
  );
}
