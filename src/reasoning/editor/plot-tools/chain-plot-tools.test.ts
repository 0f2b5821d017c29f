/**
 * The chain editor's plot tools driven through the plot's own pointer machine (real layout,
 * real plugins, client px = world px): clicks on leads set a lead answer, drags make, move and
 * resize window options, Esc drops a drag; only the draft window changes while dragging.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Autosaver, AutosaveJournal } from '../../../lib/autosave';
import { questionAt } from '../../../domain/benchmark/edit';
import { STANDARD_LEADS } from '../../../domain/leads';
import { DEFAULT_PLUGINS } from '../../../plot/interactions/default-plugins';
import type { PlotPointer, PlotToolContext } from '../../../plot/interactions/plot-plugin';
import { PointerMachine } from '../../../plot/interactions/pointer-machine';
import { cellAt, cellsShowingTime, cellTimeToX, computeLayout } from '../../../plot/layout';
import { createPlotStore } from '../../../plot/viewport-store';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { createReasoningStore } from '../../reasoning-store';
import { createChainEditorStore } from '../chain-editor-store';
import { createChainPlotPlugin, LEAD_PICK_TOOL, WINDOW_TOOL } from './chain-plot-tools';
import { createWindowDragStore } from './window-drag-store';

// Sample 476 (LBBB, ECG 338): step 1 asks for a QRS window, step 3 for the leads of a notched R.
const sample = loadRealSamples(3084).find((s) => s.metadata.id === 476)!;
const WAVE = { step: 0, index: 0 };
const LEADS = { step: 2, index: 0 };

const opened: { journal: AutosaveJournal; saver: Autosaver<typeof sample> }[] = [];
afterEach(async () => {
  for (const { journal, saver } of opened.splice(0)) {
    await saver.journalled();
    saver.dispose();
    journal.close();
  }
});

/** The tools over an editor on a real autosaver (journal in fake IndexedDB, saves never due). */
async function setup(drawn: { step: number; index: number }) {
  const journal = await AutosaveJournal.open(`chain-tools-${opened.length}-${Math.random()}`);
  const saver = await Autosaver.start(
    {
      key: 'sample:test',
      journal,
      save: async () => ({ kind: 'offline', message: 'not in this test' }),
      merge: async (c) => c.mine,
      debounceMs: 3_600_000,
    },
    { version: 1, content: sample },
  );
  opened.push({ journal, saver });
  const editor = createChainEditorStore(saver);
  const reasoning = createReasoningStore();
  reasoning.getState().selectGrounding(drawn);
  const drag = createWindowDragStore();
  const store = createPlotStore({ layoutKind: '12x1' });
  const layout = computeLayout({
    kind: '12x1',
    leadNames: STANDARD_LEADS,
    durationS: 10,
    scale: { speedMmPerS: 25, gainMmPerMv: 10, pxPerMm: 4 },
  });
  const ctx: PlotToolContext = {
    store,
    layout: () => layout,
    stageSize: () => ({ width: layout.width, height: layout.height }),
    setViewport: (vp) => store.getState().setViewport(vp),
    pointerAt: (clientX, clientY): PlotPointer => ({
      clientX,
      clientY,
      sx: clientX,
      sy: clientY,
      wx: clientX,
      wy: clientY,
      cell: cellAt(layout, clientX, clientY),
    }),
    cancelGesture: () => machine.cancel(),
  };
  const plugin = createChainPlotPlugin({ editor, reasoning, drag, durationS: () => 10 });
  const machine = new PointerMachine(() => [...DEFAULT_PLUGINS, plugin], ctx);
  /** Client point of a lead at a second. */
  const at = (lead: string, tS: number) => {
    const cell = cellsShowingTime(layout, lead, tS)[0]!;
    return { x: cellTimeToX(layout, cell, tS), y: cell.baselineY };
  };
  const options = (ref: { step: number; index: number }) =>
    questionAt(editor.getState().sample(), { kind: 'grounding', ...ref })!;
  const dragFrom = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    machine.down(from.x, from.y);
    machine.move((from.x + to.x) / 2, from.y);
    const during = drag.getState().draft;
    machine.move(to.x, to.y);
    machine.up(to.x, to.y);
    return during;
  };
  return { editor, saver, store, drag, machine, at, options, dragFrom, ctx };
}

describe('the chain editor plot tools', () => {
  it('toggles a clicked lead in the drawn lead question answer, in the Leads tool', async () => {
    const t = await setup(LEADS);
    t.store.getState().setTool(LEAD_PICK_TOOL);
    const before = t.options(LEADS);
    const distractor = before.options.find((o) => !(before.answer as string[]).includes(o))!;
    const lead = distractor.replace('Lead ', '');
    const p = t.at(lead, 5);
    t.machine.down(p.x, p.y);
    t.machine.up(p.x, p.y);
    expect(t.options(LEADS).answer).toContain(distractor);
    // The plot's own lead selection did not take the click.
    expect(t.store.getState().selectedLeads).toEqual([]);
    t.machine.down(p.x, p.y);
    t.machine.up(p.x, p.y);
    expect(t.options(LEADS)).toEqual(before);
    // A lead that is no option says so and changes nothing.
    const missing = STANDARD_LEADS.find((l) => !before.options.includes(`Lead ${l}`))!;
    const q = t.at(missing, 5);
    t.machine.down(q.x, q.y);
    t.machine.up(q.x, q.y);
    expect(t.editor.getState().notice).toBe(`Lead ${missing} is not an option of this question`);
    expect(t.options(LEADS)).toEqual(before);
  });

  it('makes a window option by dragging along a lead, snapped to 10 ms, sorted, answer kept', async () => {
    const t = await setup(WAVE);
    t.store.getState().setTool(WINDOW_TOOL);
    const during = t.dragFrom(t.at('V2', 3.0034), t.at('V2', 3.2017));
    expect(during).toMatchObject({ optionIndex: null });
    expect(during!.startS).toBeCloseTo(3.0034, 2);
    expect(t.drag.getState().draft).toBeNull();
    expect(t.options(WAVE)).toMatchObject({
      options: [
        '[1.34s - 1.59s]',
        '[1.93s - 2.08s]',
        '[2.50s - 2.65s]',
        '[3.00s - 3.20s]',
        '[5.34s - 5.53s]',
      ],
      answer: ['[1.93s - 2.08s]'],
      answer_idx: [1],
    });
    expect(t.saver.getSnapshot().canUndo).toBe(true);
    expect(t.editor.getState().undo()).toBe(true);
    expect(t.options(WAVE).options).toHaveLength(4);
  });

  it('moves an option by its band and resizes it by an edge, in any tool', async () => {
    const t = await setup(WAVE);
    expect(t.store.getState().tool).toBe('pan');
    t.dragFrom(t.at('I', 2.0), t.at('I', 6.0));
    expect(t.options(WAVE)).toMatchObject({
      options: ['[1.34s - 1.59s]', '[2.50s - 2.65s]', '[5.34s - 5.53s]', '[5.93s - 6.08s]'],
      answer: ['[5.93s - 6.08s]'],
    });
    t.dragFrom(t.at('I', 1.59), t.at('I', 1.7));
    expect(t.options(WAVE).options[0]).toBe('[1.34s - 1.70s]');
    // The paper did not pan under either drag.
    expect(t.store.getState().viewport).toEqual({ zoom: 1, panX: 0, panY: 0 });
  });

  it('drops a drag on Esc, and only pans outside the bands in the pan tool', async () => {
    const t = await setup(WAVE);
    const from = t.at('I', 2.0);
    t.machine.down(from.x, from.y);
    t.machine.move(from.x + 40, from.y);
    expect(t.drag.getState().draft).not.toBeNull();
    // Esc on the plot cancels the gesture first (plot keymap), undoing what the drag showed.
    expect(t.ctx.cancelGesture()).toBe(true);
    t.machine.up(from.x + 40, from.y);
    expect(t.drag.getState().draft).toBeNull();
    expect(t.options(WAVE).options).toEqual(sample.data.reasoning[0]!.ecg_grounding[0]!.options);
    const off = t.at('I', 4);
    t.machine.down(off.x, off.y);
    t.machine.move(off.x + 30, off.y);
    t.machine.up(off.x + 30, off.y);
    expect(t.store.getState().viewport.panX).not.toBe(0);
    expect(t.saver.getSnapshot().canUndo).toBe(false);
  });
});
