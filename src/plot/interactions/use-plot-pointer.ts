/**
 * Wires a plot host's pointer and wheel events to its pointer machine, and keeps the hover
 * reading, the HTML cursor line and the CSS cursor in step with the pointer.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { cellXToTime, cellYToMv } from '../layout';
import { panBy, zoomAt } from '../viewport';
import type { PlotStore } from '../viewport-store';
import type { PlotToolContext } from './plot-plugin';
import type { PointerMachine } from './pointer-machine';

/** Wheel zoom factor per 100 px of wheel delta. */
const WHEEL_ZOOM_PER_100PX = 1.25;

/** Shows the cursor line at stage x over a span of stage y (CSS px), or hides it (null). */
function placeCursorLine(
  line: HTMLElement | null,
  at: { x: number; top: number; height: number } | null,
): void {
  if (!line) return;
  if (!at) {
    line.style.display = 'none';
    return;
  }
  // An HTML line, not a Konva node: moving it must not redraw a canvas.
  line.style.transform = `translate(${at.x}px, ${at.top}px)`;
  line.style.height = `${at.height}px`;
  line.style.display = 'block';
}

/** Sets an element's CSS cursor. */
function setCursor(el: HTMLElement | null, cursor: string): void {
  if (el) el.style.cursor = cursor;
}

/** React handlers for the host element, plus the wheel listener it needs (non-passive). */
export function usePlotPointer({
  host,
  cursorLine,
  machine,
  ctx,
  store,
}: {
  host: RefObject<HTMLDivElement | null>;
  cursorLine: RefObject<HTMLDivElement | null>;
  machine: PointerMachine;
  ctx: PlotToolContext;
  store: PlotStore;
}) {
  const lastPointer = useRef<{ clientX: number; clientY: number } | null>(null);

  const hideHover = () => {
    store.getState().setHover(null);
    placeCursorLine(cursorLine.current, null);
  };

  const updateHover = (clientX: number, clientY: number) => {
    const p = ctx.pointerAt(clientX, clientY);
    setCursor(host.current, machine.cursorAt(p));
    const cell = p.cell;
    if (!cell) return hideHover();
    const layout = ctx.layout();
    store.getState().setHover({
      lead: cell.lead,
      tS: cellXToTime(layout, cell, p.wx),
      amplitudeMv: cellYToMv(layout, cell, p.wy),
    });
    const vp = store.getState().viewport;
    placeCursorLine(cursorLine.current, {
      x: p.sx,
      top: cell.rect.y * vp.zoom - vp.panY,
      height: cell.rect.height * vp.zoom,
    });
  };
  const hover = useRef(updateHover);
  useEffect(() => {
    hover.current = updateHover;
  });

  // The cursor line follows the paper when a zoom or pan moves it under a still pointer.
  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const at = lastPointer.current;
        if (state.viewport !== prev.viewport && at) hover.current(at.clientX, at.clientY);
      }),
    [store],
  );

  // Wheel needs a non-passive listener to keep the page from scrolling while zooming.
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const box = el.getBoundingClientRect();
      const vp = store.getState().viewport;
      const deltaPx = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
        ctx.setViewport(panBy(vp, e.shiftKey ? deltaPx : e.deltaX, 0));
        return;
      }
      const factor = Math.pow(WHEEL_ZOOM_PER_100PX, -deltaPx / 100);
      ctx.setViewport(zoomAt(vp, factor, e.clientX - box.left, e.clientY - box.top));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [host, store, ctx]);

  return {
    onPointerDown: (e: React.PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      host.current?.focus();
      if (machine.down(e.clientX, e.clientY)) e.currentTarget.setPointerCapture(e.pointerId);
      updateHover(e.clientX, e.clientY);
    },
    onPointerMove: (e: React.PointerEvent<HTMLDivElement>) => {
      machine.move(e.clientX, e.clientY);
      lastPointer.current = { clientX: e.clientX, clientY: e.clientY };
      updateHover(e.clientX, e.clientY);
    },
    onPointerUp: (e: React.PointerEvent<HTMLDivElement>) => {
      machine.up(e.clientX, e.clientY);
      updateHover(e.clientX, e.clientY);
    },
    onPointerCancel: () => {
      machine.cancel();
    },
    onPointerLeave: () => {
      lastPointer.current = null;
      hideHover();
    },
  };
}
