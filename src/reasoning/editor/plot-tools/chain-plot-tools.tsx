/**
 * The chain editor's plot tools, registered as a plugin from outside the plot: "Leads" (L), where
 * a click on a lead toggles it in the drawn lead question's answer, and "Window" (W), where a
 * drag along a lead makes a time-window option of the drawn wave question; in any tool, an
 * option's band drags to move it, and its edges to resize it. Windows snap to 10 ms and are
 * written "[a.bcs - d.efs]" on release; while dragging, only the overlay layer redraws.
 */
import { Group, Rect, Text } from 'react-konva';
import { useStore } from 'zustand';
import type { QuestionRef } from '../../../domain/benchmark/edit';
import {
  placeWindowOption,
  questionAt,
  snappedWindow,
  toggleLeadAnswer,
} from '../../../domain/benchmark/edit';
import { formatTimeWindow, readWaveOption } from '../../../domain/benchmark/grounding';
import { isStandardLead } from '../../../domain/leads';
import type {
  PlotOverlayProps,
  PlotPlugin,
  PlotPointer,
  PlotToolContext,
  PointerGesture,
} from '../../../plot/interactions/plot-plugin';
import { panGesture } from '../../../plot/interactions/pointer-machine';
import type { PlotCell } from '../../../plot/layout';
import { bandPieces, cellXToTime } from '../../../plot/layout';
import { OVERLAY } from '../../../plot/theme';
import type { ReasoningStore } from '../../reasoning-store';
import type { ChainEditorStore } from '../chain-editor-store';
import type { WindowDragStore } from './window-drag-store';

/** Tool ids, for the editor that picks them as questions are drawn. */
export const LEAD_PICK_TOOL = 'lead-pick';
export const WINDOW_TOOL = 'window';

/** CSS px from a band's edge within which a press resizes rather than moves it. */
const EDGE_GRAB_PX = 6;

/** What the tools act on. */
export interface ChainToolDeps {
  readonly editor: ChainEditorStore;
  readonly reasoning: ReasoningStore;
  readonly drag: WindowDragStore;
  /** The record's length in seconds (windows stay inside it). */
  durationS(): number;
}

/** Seconds of record at the pointer, read in `cell` and kept inside the time that cell shows. */
function timeIn(ctx: PlotToolContext, cell: PlotCell, p: PlotPointer): number {
  const t = cellXToTime(ctx.layout(), cell, p.wx);
  return Math.min(cell.tEndS, Math.max(cell.tStartS, t));
}

/** Which part of a band a press takes: its body (move) or one edge (resize). */
type BandHold = 'move' | 'start' | 'end';

/** The creation of the chain editor's plot plugin over its stores. */
export function createChainPlotPlugin(deps: ChainToolDeps): PlotPlugin {
  const { editor, reasoning, drag } = deps;

  /** The drawn grounding question, if it is of `type`. */
  const drawn = (type: string) => {
    const g = reasoning.getState().grounding;
    if (!g) return null;
    const ref: QuestionRef = { kind: 'grounding', step: g.step, index: g.index };
    const q = questionAt(editor.getState().sample(), ref);
    return q && q.question_type === type ? { ref, q } : null;
  };

  /** The window option under the pointer in its cell, and which part of it; null when none. */
  const bandAt = (p: PlotPointer, ctx: PlotToolContext) => {
    const wave = drawn('wave_grounding');
    const cell = p.cell;
    if (!wave || !cell) return null;
    const layout = ctx.layout();
    const t = cellXToTime(layout, cell, p.wx);
    const pxPerS =
      layout.scale.speedMmPerS * layout.scale.pxPerMm * ctx.store.getState().viewport.zoom;
    const slopS = EDGE_GRAB_PX / pxPerS;
    let best: { index: number; startS: number; endS: number; hold: BandHold } | null = null;
    for (const [index, text] of wave.q.options.entries()) {
      const w = readWaveOption(text);
      if (w.kind !== 'window' || t < w.startS - slopS || t > w.endS + slopS) continue;
      const hold: BandHold =
        Math.abs(t - w.startS) <= slopS ? 'start' : Math.abs(t - w.endS) <= slopS ? 'end' : 'move';
      // Of overlapping bands, the narrowest is the one meant.
      if (!best || w.endS - w.startS < best.endS - best.startS)
        best = { index, startS: w.startS, endS: w.endS, hold };
    }
    return best;
  };

  /** Writes a dragged window into the drawn wave question; a refusal is the editor's notice. */
  const commit = (optionIndex: number | null, aS: number, bS: number) => {
    const wave = drawn('wave_grounding');
    if (!wave) return;
    editor
      .getState()
      .apply((sample) =>
        placeWindowOption(sample, wave.ref, optionIndex, aS, bS, deps.durationS()),
      );
  };

  const draftGesture = (
    optionIndex: number | null,
    window: (p: PlotPointer) => { startS: number; endS: number },
    cursor: string,
  ): PointerGesture => {
    const show = (p: PlotPointer) => drag.getState().setDraft({ ...window(p), optionIndex });
    return {
      move: show,
      end: (p, _start, moved) => {
        drag.getState().setDraft(null);
        if (!moved) return;
        const w = window(p);
        commit(optionIndex, w.startS, w.endS);
      },
      cancel: () => drag.getState().setDraft(null),
      keepsClick: true,
      cursor,
    };
  };

  function DraftOverlay({ layout }: PlotOverlayProps) {
    const draft = useStore(drag, (s) => s.draft);
    if (!draft) return null;
    const w = snappedWindow(draft.startS, draft.endS, deps.durationS());
    const text = formatTimeWindow(w.startS, w.endS);
    return bandPieces(layout, w.startS, w.endS).map((piece, i) => (
      <Group key={piece.cellId} listening={false}>
        <Rect
          {...piece.rect}
          fill={`${OVERLAY.selected}33`}
          stroke={OVERLAY.selected}
          strokeWidth={2}
          strokeScaleEnabled={false}
        />
        {i === 0 && (
          <Text
            x={piece.rect.x + 2}
            y={piece.rect.y + 2}
            text={text}
            fontSize={12}
            fontStyle="bold"
            fill={OVERLAY.selected}
          />
        )}
      </Group>
    ));
  }

  return {
    id: 'chain-editor',
    tools: [
      {
        id: LEAD_PICK_TOOL,
        label: 'Leads',
        key: 'l',
        description: "Pick leads: a click on a lead toggles it in the drawn lead question's answer",
        cursor: 'pointer',
        press(start, ctx) {
          const cell = start.cell;
          if (!cell || !drawn('lead_grounding')) return null;
          // A drag still pans; a click toggles the lead.
          return {
            ...panGesture(ctx),
            keepsClick: true,
            end: (_p, _s, moved) => {
              const lead = drawn('lead_grounding');
              if (moved || !lead) return;
              if (!isStandardLead(cell.lead)) {
                editor.getState().setNotice(`${cell.lead} is not one of the twelve standard leads`);
                return;
              }
              const name = cell.lead;
              editor.getState().apply((sample) => toggleLeadAnswer(sample, lead.ref, name));
            },
          };
        },
      },
      {
        id: WINDOW_TOOL,
        label: 'Window',
        key: 'w',
        description: 'Drag along a lead to make a time-window option of the drawn wave question',
        cursor: 'col-resize',
        press(start, ctx) {
          const cell = start.cell;
          if (!cell || !drawn('wave_grounding')) return null;
          const t0 = timeIn(ctx, cell, start);
          return draftGesture(
            null,
            (p) => ({
              startS: Math.min(t0, timeIn(ctx, cell, p)),
              endS: Math.max(t0, timeIn(ctx, cell, p)),
            }),
            'col-resize',
          );
        },
      },
    ],
    grab(start, ctx) {
      const band = bandAt(start, ctx);
      const cell = start.cell;
      if (!band || !cell) return null;
      const t0 = cellXToTime(ctx.layout(), cell, start.wx);
      const at = (p: PlotPointer) => timeIn(ctx, cell, p);
      if (band.hold === 'start')
        return draftGesture(band.index, (p) => ({ startS: at(p), endS: band.endS }), 'ew-resize');
      if (band.hold === 'end')
        return draftGesture(band.index, (p) => ({ startS: band.startS, endS: at(p) }), 'ew-resize');
      return draftGesture(
        band.index,
        (p) => {
          const dt = cellXToTime(ctx.layout(), cell, p.wx) - t0;
          return { startS: band.startS + dt, endS: band.endS + dt };
        },
        'move',
      );
    },
    hoverCursor(p, ctx) {
      const band = bandAt(p, ctx);
      if (!band) return null;
      return band.hold === 'move' ? 'move' : 'ew-resize';
    },
    Overlay: DraftOverlay,
  };
}
