import { describe, expect, it } from 'vitest';
import { STANDARD_LEADS } from '../../domain/leads';
import { plotKeymap } from '../keymap';
import { cellAt, computeLayout } from '../layout';
import { DEFAULT_PAPER } from '../paper';
import { screenToWorldX, screenToWorldY } from '../viewport';
import { createPlotStore } from '../viewport-store';
import { DEFAULT_PLUGINS } from './default-plugins';
import type { PlotPlugin, PlotToolContext } from './plot-plugin';
import { PointerMachine } from './pointer-machine';

/** A plot without a browser: 12x1 paper, identity host offset, the real store and plugins. */
function fakePlot(extra: readonly PlotPlugin[] = []) {
  const layout = computeLayout({
    kind: '12x1',
    leadNames: [...STANDARD_LEADS],
    durationS: 10,
    scale: DEFAULT_PAPER,
  });
  const store = createPlotStore({ layoutKind: '12x1', autoFit: false });
  const plugins = [...DEFAULT_PLUGINS, ...extra];
  const ctx: PlotToolContext = {
    store,
    layout: () => layout,
    stageSize: () => ({ width: 1200, height: 800 }),
    setViewport: (vp) => store.getState().setViewport(vp),
    pointerAt: (clientX, clientY) => {
      const vp = store.getState().viewport;
      const wx = screenToWorldX(vp, clientX);
      const wy = screenToWorldY(vp, clientY);
      return { clientX, clientY, sx: clientX, sy: clientY, wx, wy, cell: cellAt(layout, wx, wy) };
    },
    cancelGesture: () => machine.cancel(),
  };
  const machine = new PointerMachine(() => plugins, ctx);
  /** Client point of a lead at a second, on its baseline. */
  const at = (lead: string, tS: number) => {
    const cell = layout.cells.find((c) => c.lead === lead)!;
    return { x: cell.rect.x + (tS - cell.tStartS) * 25 * DEFAULT_PAPER.pxPerMm, y: cell.baselineY };
  };
  const drag = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    machine.down(from.x, from.y);
    machine.move((from.x + to.x) / 2, (from.y + to.y) / 2);
    machine.move(to.x, to.y);
    machine.up(to.x, to.y);
  };
  return { store, machine, ctx, at, drag, keymap: plotKeymap(plugins) };
}

const press = (key: string) =>
  ({
    key,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    preventDefault() {},
  }) as unknown as KeyboardEvent;

describe('pointer machine', () => {
  it('pans on a drag no tool takes, and a click (within the slop) selects the lead', () => {
    const { store, machine, at, drag } = fakePlot();
    drag({ x: 400, y: 300 }, { x: 340, y: 280 });
    expect(store.getState().viewport).toMatchObject({ panX: 60, panY: 20 });
    expect(store.getState().selectedLeads).toEqual([]);
    const v2 = at('V2', 3);
    const s = store.getState().viewport;
    const p = { x: v2.x - s.panX, y: v2.y - s.panY };
    machine.down(p.x, p.y);
    machine.move(p.x + 2, p.y + 1);
    machine.up(p.x + 2, p.y + 1);
    expect(store.getState().selectedLeads).toEqual(['V2']);
    expect(store.getState().viewport).toEqual(s);
  });

  it('draws a caliper with the time tool, grabs its end in any tool, and Esc undoes a drag', () => {
    const { store, machine, at, drag } = fakePlot();
    store.getState().setTool('time-caliper');
    drag(at('II', 1), at('II', 1.8));
    const [c] = store.getState().calipers;
    expect(c!.t2S - c!.t1S).toBeCloseTo(0.8, 6);
    expect(store.getState().draftCaliper).toBeNull();
    store.getState().setTool('pan');
    // Grab the second end low on its line and move it to 2.2 s; the click does not select a lead.
    const end = at('II', 1.8);
    machine.down(end.x, end.y + 8);
    machine.move(at('II', 2.2).x, end.y + 8);
    expect(store.getState().calipers[0]!.t2S).toBeCloseTo(2.2, 6);
    // Esc mid-drag: the end goes back, the drag is over.
    expect(machine.cancel()).toBe(true);
    expect(store.getState().calipers[0]!.t2S).toBeCloseTo(1.8, 6);
    machine.up(at('II', 2.2).x, end.y + 8);
    expect(store.getState().calipers[0]!.t2S).toBeCloseTo(1.8, 6);
    expect(store.getState().selectedLeads).toEqual([]);
  });

  it('asks the last plugin first: a feature grab wins over a caliper and over the tool', () => {
    const seen: string[] = [];
    const grabAll: PlotPlugin = {
      id: 'grab-all',
      grab: () => {
        seen.push('grab');
        return { move: () => seen.push('move'), end: () => seen.push('end'), keepsClick: true };
      },
    };
    const { store, drag, at } = fakePlot([grabAll]);
    store.getState().setTool('time-caliper');
    drag(at('II', 1), at('II', 2));
    expect(seen).toEqual(['grab', 'move', 'move', 'end']);
    expect(store.getState().calipers).toEqual([]);
    expect(store.getState().viewport.panX).toBe(0);
  });
});

describe('plot keys', () => {
  it('Esc backs out one thing at a time, then leaves the key to the page', () => {
    const { store, machine, keymap, ctx, at } = fakePlot();
    const esc = () =>
      keymap.commands.find((c) => c.keys.includes('Escape'))!.run(ctx, press('Escape'));
    store.getState().setTool('time-caliper');
    const from = at('II', 1);
    machine.down(from.x, from.y);
    machine.move(at('II', 2).x, from.y);
    expect(store.getState().draftCaliper).not.toBeNull();
    expect(esc()).toBe(true); // the drag
    expect(store.getState().draftCaliper).toBeNull();
    store.getState().addCaliper({
      id: 'c1',
      kind: 'time',
      cellId: 'r1c0',
      lead: 'II',
      t1S: 1,
      t2S: 2,
      mv1: 0,
      mv2: 0,
    });
    expect(esc()).toBe(true); // the selected caliper
    expect(store.getState().selectedCaliperId).toBeNull();
    expect(esc()).toBe(true); // the tool
    expect(store.getState().tool).toBe('pan');
    expect(esc()).toBe(false); // nothing left: the page's Esc (clear the grounding) gets it
  });

  it("a tool's key picks it, and again goes back to pan", () => {
    const { store, keymap, ctx } = fakePlot();
    const run = (k: string) => keymap.commands.find((c) => c.keys.includes(k))!.run(ctx, press(k));
    run('m');
    expect(store.getState().tool).toBe('amplitude-caliper');
    run('m');
    expect(store.getState().tool).toBe('pan');
    run('c');
    run('p');
    expect(store.getState().tool).toBe('pan');
  });
});
