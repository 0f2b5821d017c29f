/** The shared 12-lead plot: one Konva layer drawing the paper grid, decimated traces and interactive overlays. */
import type Konva from 'konva';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Group, Layer, Shape, Stage } from 'react-konva';
import { useStore } from 'zustand';
import type { EcgRecord } from '../domain/wfdb/record';
import { hitCaliperTarget, moveCaliperEnd, type Caliper, type CaliperEnd } from './calipers';
import {
  cellAt,
  cellXToTime,
  cellYToMv,
  computeLayout,
  type PlotCell,
  type PlotLayout,
} from './layout';
import { drawGrid } from './layers/grid-layer';
import { TraceRenderer } from './layers/trace-layer';
import { BeatMarkers } from './overlays/beat-markers';
import { CALIPER_LABEL_FONT, CalipersOverlay } from './overlays/calipers-overlay';
import { LeadHighlights } from './overlays/lead-highlights';
import { TimeBands } from './overlays/time-bands';
import type { LeadHighlight, TimeBand } from './overlays/types';
import { PlotLegend } from './plot-legend';
import { PlotToolbar } from './plot-toolbar';
import { buildTestApi } from './plot-test-api';
import { useScreenPxPerMm } from './screen-scale-store';
import { measureTextPx } from './text-measure';
import { OVERLAY } from './theme';
import {
  clampViewport,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  screenToWorldX,
  screenToWorldY,
  zoomAt,
  type Viewport,
} from './viewport';
import { createPlotStore, type PlotStore } from './viewport-store';

/** Props of the plot; overlays are plain data, drawn in record time. */
export interface EcgPlotProps {
  readonly record: EcgRecord;
  readonly highlights?: readonly LeadHighlight[];
  readonly bands?: readonly TimeBand[];
  readonly beatTimesS?: readonly number[];
  /** A store owned by the caller (to read selection or calipers); the plot makes its own otherwise. */
  readonly store?: PlotStore;
  /** CSS px per mm of the screen (defaults to this browser's calibration, else 96 dpi). */
  readonly pxPerMm?: number;
  /** Installs window.__ECG_PLOT__ (defaults to true: it is cheap and tests and benches use it). */
  readonly installTestApi?: boolean;
  readonly className?: string;
}

/** The zoom that shows the whole paper in the stage, from its top-left corner. */
function fitViewport(layout: PlotLayout, size: { width: number; height: number }): Viewport {
  const zoom = Math.min(size.width / layout.width, size.height / layout.height);
  return { zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)), panX: 0, panY: 0 };
}

/** The absent overlay list: one array, so a render without overlays does not look like a change. */
const NONE: readonly never[] = [];

/** Pointer movement in CSS px below which a press is a click, not a drag. */
const CLICK_SLOP_PX = 4;
/** Wheel zoom factor per 100 px of wheel delta. */
const WHEEL_ZOOM_PER_100PX = 1.25;
/** Arrow-key pan step in CSS px (Shift: five times). */
const KEY_PAN_PX = 60;

/** Distance in CSS px within which a caliper end can be grabbed. */
const GRAB_RADIUS_PX = 6;
/** World-px width of a caliper reading's text. */
const labelTextWidth = (text: string) => measureTextPx(text, CALIPER_LABEL_FONT);

interface DragState {
  readonly mode: 'pan' | 'caliper' | 'caliper-end';
  /** The caliper end being dragged (mode 'caliper-end'). */
  readonly grabbed?: { readonly id: string; readonly end: CaliperEnd };
  readonly startX: number;
  readonly startY: number;
  readonly startVp: Viewport;
  readonly cell: PlotCell | null;
  moved: boolean;
}

/** The 12-lead plot with its toolbar, legend, keyboard, wheel and pointer handling. */
export function EcgPlot(props: EcgPlotProps) {
  const { record, highlights = NONE, bands = NONE, beatTimesS = NONE } = props;
  const [ownStore] = useState(() => createPlotStore());
  const store = props.store ?? ownStore;
  const layoutKind = useStore(store, (s) => s.layoutKind);
  const speedMmPerS = useStore(store, (s) => s.speedMmPerS);
  const gainMmPerMv = useStore(store, (s) => s.gainMmPerMv);
  const singleLead = useStore(store, (s) => s.singleLead);
  const selectedLeads = useStore(store, (s) => s.selectedLeads);
  const calipers = useStore(store, (s) => s.calipers);
  const selectedCaliperId = useStore(store, (s) => s.selectedCaliperId);
  const autoFit = useStore(store, (s) => s.autoFit);
  const screenPxPerMm = useScreenPxPerMm();
  const pxPerMm = props.pxPerMm ?? screenPxPerMm;

  const leadNames = useMemo(() => record.signals.map((s) => s.name), [record]);
  const layout = useMemo(
    () =>
      computeLayout({
        kind: layoutKind,
        leadNames,
        durationS: record.nSamples / record.fsHz,
        scale: { speedMmPerS, gainMmPerMv, pxPerMm },
        singleLead,
      }),
    [record, leadNames, layoutKind, speedMmPerS, gainMmPerMv, pxPerMm, singleLead],
  );

  const hostRef = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  /** The plot's one layer and Konva's own (synchronous) draw of it. */
  const layerRef = useRef<{ layer: Konva.Layer; draw: () => void } | null>(null);
  const worldGroupRef = useRef<Konva.Group>(null);
  // An HTML line, not a Konva node: moving it must not redraw the layer's grid and traces.
  const cursorRef = useRef<HTMLDivElement>(null);
  const lastPointer = useRef<{ clientX: number; clientY: number } | null>(null);
  const [traceRenderer] = useState(() => new TraceRenderer());
  const counters = useRef({ grid: 0, traces: 0, overlays: 0 });
  const frameRequest = useRef<number | null>(null);
  const drag = useRef<DragState | null>(null);
  const [draft, setDraft] = useState<Caliper | null>(null);

  // Live values for imperative drawing, updated in effects so renders stay pure.
  const live = useRef({ layout, record, size });
  useLayoutEffect(() => {
    live.current = { layout, record, size };
  }, [layout, record, size]);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const measure = () => {
      const box = host.getBoundingClientRect();
      const width = Math.max(100, Math.floor(box.width));
      const height = Math.max(100, Math.floor(box.height));
      setSize((old) =>
        old && old.width === width && old.height === height ? old : { width, height },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(host);
    return () => observer.disconnect();
  }, []);

  const clamp = useCallback((vp: Viewport): Viewport => {
    const { layout: l, size: s } = live.current;
    return s ? clampViewport(vp, l, s) : vp;
  }, []);

  /**
   * Konva scene function of the paper shape, the first child of the plot's one layer: grid and
   * traces in device px on the layer's raw 2D context (identity transform, so every line stays a
   * whole device pixel). The grid covers the whole canvas, so the layer skips its clear.
   */
  const sceneTraces = useCallback(
    (context: Konva.Context) => {
      const { layout: l, size: s, record: r } = live.current;
      if (!s) return;
      const ctx = context._context;
      const viewport = store.getState().viewport;
      const dpr = context.canvas.getPixelRatio();
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      drawGrid(ctx, l, viewport, dpr, s.width, s.height);
      counters.current.grid++;
      traceRenderer.draw(ctx, {
        record: r,
        layout: l,
        viewport,
        dpr,
        stageWidth: s.width,
        stageHeight: s.height,
      });
      ctx.restore();
      counters.current.traces++;
    },
    [traceRenderer, store],
  );

  /** Draws the layer (paper, traces, overlays) now, synchronously, at the store's viewport. */
  const drawNow = useCallback(() => {
    const vp = store.getState().viewport;
    const group = worldGroupRef.current;
    if (group) {
      group.position({ x: -vp.panX, y: -vp.panY });
      group.scale({ x: vp.zoom, y: vp.zoom });
    }
    // Moving the group asked for a frame; this draw makes that frame (and any pending one) moot.
    if (frameRequest.current !== null) {
      cancelAnimationFrame(frameRequest.current);
      frameRequest.current = null;
    }
    layerRef.current?.draw();
    counters.current.overlays++;
  }, [store]);

  const scheduleDraw = useCallback(() => {
    if (frameRequest.current !== null) return;
    frameRequest.current = requestAnimationFrame(() => {
      frameRequest.current = null;
      drawNow();
    });
  }, [drawNow]);

  /** Draws a scheduled frame now (tests and benches), so it is not drawn twice. */
  const flushDraw = useCallback(() => {
    if (frameRequest.current === null) return;
    drawNow();
  }, [drawNow]);

  /**
   * Attaches the layer. Konva draws a layer on its own when it joins the stage and asks for a
   * batched draw whenever a node on it changes (the world group moves every pan frame); those
   * draws join the plot's own frame request instead, so a synchronous draw cancels them rather
   * than grid and traces being drawn again in the next frame.
   */
  const attachLayer = useCallback(
    (layer: Konva.Layer | null) => {
      if (!layer) {
        layerRef.current = null;
        return;
      }
      const konvaDraw = layer.draw.bind(layer);
      layerRef.current = { layer, draw: konvaDraw };
      // Konva queued draws of its own while React built and added the layer (they all run in the
      // next animation frame); the synchronous draw that ends this commit already drew what they
      // were for, so they are skipped rather than drawing grid and traces again.
      let skipKonvaDraws = layer._waitingForDraw;
      if (skipKonvaDraws) requestAnimationFrame(() => (skipKonvaDraws = false));
      layer.batchDraw = () => {
        scheduleDraw();
        return layer;
      };
      layer.draw = () => {
        if (!skipKonvaDraws) scheduleDraw();
        return layer;
      };
    },
    [scheduleDraw],
  );

  useEffect(
    () => () => {
      if (frameRequest.current !== null) cancelAnimationFrame(frameRequest.current);
    },
    [],
  );

  // Zoom and pan never re-render React: they move the world group and redraw the layers.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        if (state.viewport !== prev.viewport) scheduleDraw();
      }),
    [store, scheduleDraw],
  );

  // Paper, size or overlay changes: clamp the viewport and draw synchronously after React commits.
  useLayoutEffect(() => {
    if (!size) return;
    const state = store.getState();
    const current = state.autoFit ? fitViewport(layout, size) : state.viewport;
    const clamped = clamp(current);
    const old = state.viewport;
    if (clamped.zoom !== old.zoom || clamped.panX !== old.panX || clamped.panY !== old.panY) {
      // Written directly: fitting or clamping is not a user zoom, so autoFit stays as it was.
      store.setState({ viewport: clamped });
    }
    drawNow();
  }, [
    size,
    layout,
    autoFit,
    highlights,
    bands,
    beatTimesS,
    selectedLeads,
    calipers,
    selectedCaliperId,
    draft,
    clamp,
    drawNow,
    store,
  ]);

  // The first redraw of a canvas after the compositor has shown it costs ~5 ms more than later
  // ones (the browser allocates the canvas's second buffer then), enough to push the user's first
  // pan or zoom over a frame's budget. Rewriting one pixel with its own value in the frame after
  // the first one is shown has the browser allocate that buffer there, without redrawing.
  useEffect(() => {
    if (!size) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => {
        const ctx = layerRef.current?.layer.getCanvas().getContext()._context;
        if (ctx) ctx.putImageData(ctx.getImageData(0, 0, 1, 1), 0, 0);
      });
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [size]);

  const setViewport = useCallback(
    (vp: Viewport) => store.getState().setViewport(clamp(vp)),
    [store, clamp],
  );

  const pointer = useCallback(
    (clientX: number, clientY: number) => {
      const box = hostRef.current!.getBoundingClientRect();
      const sx = clientX - box.left;
      const sy = clientY - box.top;
      const vp = store.getState().viewport;
      return { sx, sy, wx: screenToWorldX(vp, sx), wy: screenToWorldY(vp, sy) };
    },
    [store],
  );

  const updateHover = useCallback(
    (clientX: number, clientY: number) => {
      const { sx, wx, wy } = pointer(clientX, clientY);
      const l = live.current.layout;
      const s = store.getState();
      const target =
        s.calipers.length > 0
          ? hitCaliperTarget(
              l,
              s.calipers,
              wx,
              wy,
              GRAB_RADIUS_PX / s.viewport.zoom,
              labelTextWidth,
            )
          : null;
      const grabbed = drag.current?.mode === 'caliper-end' ? drag.current.grabbed : undefined;
      const over = grabbed ?? (target?.kind === 'end' ? target : null);
      const kind = over && s.calipers.find((c) => c.id === over.id)?.kind;
      if (hostRef.current)
        hostRef.current.style.cursor =
          target?.kind === 'delete'
            ? 'pointer'
            : kind === 'time'
              ? 'ew-resize'
              : kind === 'amplitude'
                ? 'ns-resize'
                : '';
      const cell = cellAt(l, wx, wy);
      const cursor = cursorRef.current;
      if (!cell) {
        store.getState().setHover(null);
        if (cursor) cursor.style.display = 'none';
      } else {
        store.getState().setHover({
          lead: cell.lead,
          tS: cellXToTime(l, cell, wx),
          amplitudeMv: cellYToMv(l, cell, wy),
        });
        if (cursor) {
          const vp = s.viewport;
          cursor.style.transform = `translate(${sx}px, ${cell.rect.y * vp.zoom - vp.panY}px)`;
          cursor.style.height = `${cell.rect.height * vp.zoom}px`;
          cursor.style.display = 'block';
        }
      }
    },
    [pointer, store],
  );

  // The HTML cursor follows the paper when a zoom or pan moves it under a still pointer.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const at = lastPointer.current;
        if (state.viewport !== prev.viewport && at) updateHover(at.clientX, at.clientY);
      }),
    [store, updateHover],
  );

  const caliperFrom = useCallback(
    (cell: PlotCell, wx0: number, wy0: number, wx1: number, wy1: number): Caliper => {
      const l = live.current.layout;
      const tool = store.getState().tool;
      const kind = tool === 'amplitude-caliper' ? 'amplitude' : 'time';
      const clampX = (x: number) =>
        Math.min(cell.rect.x + cell.rect.width, Math.max(cell.rect.x, x));
      return {
        id: `caliper-${Date.now().toString(36)}-${Math.round(wx0)}`,
        kind,
        cellId: cell.id,
        lead: cell.lead,
        t1S: cellXToTime(l, cell, clampX(wx0)),
        t2S: cellXToTime(l, cell, kind === 'time' ? clampX(wx1) : clampX(wx0)),
        mv1: cellYToMv(l, cell, wy0),
        mv2: cellYToMv(l, cell, kind === 'time' ? wy0 : wy1),
      };
    },
    [store],
  );

  /** Moves a grabbed caliper end to the pointer; the reading updates as it moves. */
  const moveGrabbedEnd = (
    grabbed: { readonly id: string; readonly end: CaliperEnd },
    e: { clientX: number; clientY: number },
  ) => {
    const s = store.getState();
    const c = s.calipers.find((x) => x.id === grabbed.id);
    const l = live.current.layout;
    const cell = c && l.cells.find((x) => x.id === c.cellId);
    if (!c || !cell) return;
    const { wx, wy } = pointer(e.clientX, e.clientY);
    s.updateCaliper(moveCaliperEnd(l, cell, c, grabbed.end, wx, wy));
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    hostRef.current?.focus();
    const { wx, wy } = pointer(e.clientX, e.clientY);
    const state = store.getState();
    const l = live.current.layout;
    // Placed calipers come first in any tool: their delete boxes, then their ends.
    const target = hitCaliperTarget(
      l,
      state.calipers,
      wx,
      wy,
      GRAB_RADIUS_PX / state.viewport.zoom,
      labelTextWidth,
    );
    if (target?.kind === 'delete') {
      state.removeCaliper(target.id);
      return;
    }
    const cell = cellAt(l, wx, wy);
    if (target) state.selectCaliper(target.id);
    const mode = target ? 'caliper-end' : state.tool !== 'pan' && cell ? 'caliper' : 'pan';
    drag.current = {
      mode,
      ...(target ? { grabbed: { id: target.id, end: target.end } } : {}),
      startX: e.clientX,
      startY: e.clientY,
      startVp: store.getState().viewport,
      cell,
      moved: false,
    };
    e.currentTarget.setPointerCapture(e.pointerId);
  };

  const onPointerMove = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (d) {
      const dx = e.clientX - d.startX;
      const dy = e.clientY - d.startY;
      if (!d.moved && Math.hypot(dx, dy) >= CLICK_SLOP_PX) d.moved = true;
      if (d.moved && d.mode === 'pan') setViewport(panBy(d.startVp, -dx, -dy));
      if (d.moved && d.mode === 'caliper-end' && d.grabbed) moveGrabbedEnd(d.grabbed, e);
      if (d.moved && d.mode === 'caliper' && d.cell) {
        const a = pointer(d.startX, d.startY);
        const b = pointer(e.clientX, e.clientY);
        setDraft(caliperFrom(d.cell, a.wx, a.wy, b.wx, b.wy));
      }
    }
    lastPointer.current = { clientX: e.clientX, clientY: e.clientY };
    updateHover(e.clientX, e.clientY);
  };

  const onPointerUp = (e: React.PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d) return;
    if (d.mode === 'caliper-end') {
      if (d.moved && d.grabbed) moveGrabbedEnd(d.grabbed, e);
    } else if (!d.moved) {
      const { wx, wy } = pointer(e.clientX, e.clientY);
      const cell = cellAt(live.current.layout, wx, wy);
      store.getState().selectCaliper(null);
      if (cell) store.getState().toggleLead(cell.lead);
    } else if (d.mode === 'caliper' && d.cell) {
      const a = pointer(d.startX, d.startY);
      const b = pointer(e.clientX, e.clientY);
      store.getState().addCaliper(caliperFrom(d.cell, a.wx, a.wy, b.wx, b.wy));
    }
    setDraft(null);
  };

  // Wheel needs a non-passive listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = host.getBoundingClientRect();
      const vp = store.getState().viewport;
      const deltaPx = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        setViewport(panBy(vp, e.shiftKey ? deltaPx : e.deltaX, 0));
        return;
      }
      const factor = Math.pow(WHEEL_ZOOM_PER_100PX, -deltaPx / 100);
      setViewport(zoomAt(vp, factor, e.clientX - box.left, e.clientY - box.top));
    };
    host.addEventListener('wheel', onWheel, { passive: false });
    return () => host.removeEventListener('wheel', onWheel);
  }, [store, setViewport]);

  /** Handles a plot key; `focused` allows the keys that would clash elsewhere (arrows, delete). */
  const handleKey = (e: KeyboardEvent | React.KeyboardEvent, focused: boolean): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const s = store.getState();
    const vp = s.viewport;
    const step = e.shiftKey ? KEY_PAN_PX * 5 : KEY_PAN_PX;
    const centre = { x: (size?.width ?? 0) / 2, y: (size?.height ?? 0) / 2 };
    const actions: Record<string, () => void> = {
      ArrowLeft: () => setViewport(panBy(vp, -step, 0)),
      ArrowRight: () => setViewport(panBy(vp, step, 0)),
      ArrowUp: () => setViewport(panBy(vp, 0, -step)),
      ArrowDown: () => setViewport(panBy(vp, 0, step)),
      '+': () => setViewport(zoomAt(vp, 1.25, centre.x, centre.y)),
      '=': () => setViewport(zoomAt(vp, 1.25, centre.x, centre.y)),
      '-': () => setViewport(zoomAt(vp, 0.8, centre.x, centre.y)),
      '0': () => s.fit(),
      '1': () => setViewport({ zoom: 1, panX: 0, panY: 0 }),
      c: () => s.setTool(s.tool === 'time-caliper' ? 'pan' : 'time-caliper'),
      m: () => s.setTool(s.tool === 'amplitude-caliper' ? 'pan' : 'amplitude-caliper'),
      p: () => s.setTool('pan'),
      Backspace: () => s.removeLastCaliper(),
      Delete: () => s.removeLastCaliper(),
      Escape: () => {
        if (drag.current) {
          drag.current = null;
          setDraft(null);
        } else if (s.selectedCaliperId !== null) s.selectCaliper(null);
        else s.setTool('pan');
      },
    };
    const focusOnly = [
      'ArrowLeft',
      'ArrowRight',
      'ArrowUp',
      'ArrowDown',
      'Backspace',
      'Delete',
      'Escape',
      '1',
    ];
    const action = actions[e.key];
    if (action && (focused || !focusOnly.includes(e.key))) {
      e.preventDefault();
      e.stopPropagation();
      action();
    }
  };

  const keyHandler = useRef(handleKey);
  useLayoutEffect(() => {
    keyHandler.current = handleKey;
  });
  // Tool and zoom keys work anywhere on the page except while typing; the rest need plot focus.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target;
      if (t instanceof Node && hostRef.current?.contains(t)) return;
      if (
        t instanceof HTMLElement &&
        (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))
      )
        return;
      keyHandler.current(e, false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const allHighlights = useMemo<LeadHighlight[]>(
    () => [...highlights, ...selectedLeads.map((lead) => ({ lead, role: 'selected' as const }))],
    [highlights, selectedLeads],
  );

  const installTestApi = props.installTestApi ?? true;
  useEffect(() => {
    if (!installTestApi) return;
    const api = buildTestApi({
      store,
      host: () => hostRef.current,
      traceCanvas: () => layerRef.current?.layer.getCanvas()._canvas ?? null,
      live: () => live.current,
      highlights: () => allHighlights,
      bands: () => bands,
      beatTimesS: () => beatTimesS,
      counters: () => ({ ...counters.current, gridRenders: counters.current.grid }),
      lastTraceDraw: () => ({ ...traceRenderer.last }),
      panZoomTo: (vp) => {
        setViewport(vp);
        flushDraw();
      },
    });
    window.__ECG_PLOT__ = api;
    return () => {
      if (window.__ECG_PLOT__ === api) delete window.__ECG_PLOT__;
    };
  }, [
    installTestApi,
    store,
    allHighlights,
    bands,
    beatTimesS,
    traceRenderer,
    setViewport,
    flushDraw,
  ]);

  return (
    <div className={`flex min-h-0 flex-col ${props.className ?? ''}`} data-testid="ecg-plot">
      <PlotToolbar store={store} leadNames={leadNames} />
      <div
        ref={hostRef}
        tabIndex={0}
        role="application"
        aria-label={`ECG plot of record ${record.recordName}: arrows pan, + and - zoom, 0 resets, C time caliper, M amplitude caliper, click a lead to select it`}
        className="relative min-h-0 flex-1 cursor-crosshair touch-none overflow-hidden bg-slate-200 outline-none focus-visible:ring-2 focus-visible:ring-[#0072B2]"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => {
          lastPointer.current = null;
          store.getState().setHover(null);
          if (cursorRef.current) cursorRef.current.style.display = 'none';
        }}
        onKeyDown={(e) => handleKey(e, true)}
      >
        {size && (
          <Stage width={size.width} height={size.height} listening={false}>
            <Layer ref={attachLayer} listening={false} clearBeforeDraw={false}>
              <Shape
                sceneFunc={sceneTraces}
                listening={false}
                perfectDrawEnabled={false}
                shadowForStrokeEnabled={false}
              />
              <Group ref={worldGroupRef}>
                <TimeBands layout={layout} bands={bands} />
                <LeadHighlights layout={layout} highlights={allHighlights} />
                {beatTimesS.length > 0 && <BeatMarkers layout={layout} beatTimesS={beatTimesS} />}
                <CalipersOverlay
                  layout={layout}
                  calipers={calipers}
                  draft={draft}
                  selectedId={selectedCaliperId}
                />
              </Group>
            </Layer>
          </Stage>
        )}
        <div
          ref={cursorRef}
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
