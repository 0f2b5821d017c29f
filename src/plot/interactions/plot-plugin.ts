/**
 * How features extend the plot without editing it: a plugin brings tools (picked in the toolbar
 * or by their key), pointer grabs that work in any tool, keys, an overlay drawn on the overlay
 * layer and toolbar items. Pan, the calipers and lead selection are plugins too.
 */
import type { ComponentType } from 'react';
import type { KeyCommand } from '../../components/keymap/keymap';
import type { PlotCell, PlotLayout } from '../layout';
import type { Viewport } from '../viewport';
import type { PlotStore } from '../viewport-store';

/** Where the pointer is: client and stage CSS px, world px (paper at zoom 1), the cell under it. */
export interface PlotPointer {
  readonly clientX: number;
  readonly clientY: number;
  /** Stage CSS px from the plot's top-left. */
  readonly sx: number;
  readonly sy: number;
  /** World px. */
  readonly wx: number;
  readonly wy: number;
  readonly cell: PlotCell | null;
}

/** What tools, grabs and keys act on: one plot's store, paper and viewport. */
export interface PlotToolContext {
  readonly store: PlotStore;
  /** The paper as laid out now (world px). */
  layout(): PlotLayout;
  /** Stage size in CSS px. */
  stageSize(): { readonly width: number; readonly height: number };
  /** Moves the viewport, kept on the paper; the plot stops fitting the paper to the stage. */
  setViewport(vp: Viewport): void;
  /** The pointer at a client point. */
  pointerAt(clientX: number, clientY: number): PlotPointer;
  /** Stops the drag in progress, undoing it; false when there was none. */
  cancelGesture(): boolean;
}

/** A drag that a tool or grab took on: it gets the pointer until the button is released. */
export interface PointerGesture {
  /** Each move once the pointer has left the click slop. */
  move?(p: PlotPointer, start: PlotPointer): void;
  /** The button is released; `moved` is false for a click. */
  end?(p: PlotPointer, start: PlotPointer, moved: boolean): void;
  /** Esc or a lost pointer: undo what the drag did so far. */
  cancel?(): void;
  /** A click (no drag) is this gesture's own: the plugins' click does not follow it. */
  readonly keepsClick?: boolean;
  /** CSS cursor while dragging. */
  readonly cursor?: string;
}

/** A tool: one thing a press and drag on the plot can do; one tool is picked at a time. */
export interface PlotTool {
  readonly id: string;
  /** Toolbar text. */
  readonly label: string;
  /** Picks the tool (again: back to the first tool, pan); a chord as in KeyCommand.keys. */
  readonly key?: string;
  /** What the key does, for the `?` list (default: the label). */
  readonly description?: string;
  /** CSS cursor over the plot while the tool is picked. */
  readonly cursor: string;
  /** A press while the tool is picked: a gesture to follow, or null to let the press pan. */
  press?(p: PlotPointer, ctx: PlotToolContext): PointerGesture | null;
}

/** What an overlay draws from: the paper and the plot's store (it subscribes to what it needs). */
export interface PlotOverlayProps {
  readonly layout: PlotLayout;
  readonly store: PlotStore;
}

/** A set of tools, grabs, keys, an overlay and toolbar items added to one plot. */
export interface PlotPlugin {
  readonly id: string;
  readonly tools?: readonly PlotTool[];
  /** Takes a press before the picked tool, in any tool (a caliper's end): a gesture, 'done', or null. */
  grab?(p: PlotPointer, ctx: PlotToolContext): PointerGesture | 'done' | null;
  /** Cursor over something this plugin can grab, else null. */
  hoverCursor?(p: PlotPointer, ctx: PlotToolContext): string | null;
  /** A click no gesture kept, last plugin first; true: handled, earlier plugins do not see it. */
  click?(p: PlotPointer, ctx: PlotToolContext): boolean;
  /** Esc with the plot focused: back out of something (true), or nothing to back out of (false). */
  escape?(ctx: PlotToolContext): boolean;
  /** Keys, in the page scope or the plot's focus scope (PLOT_SCOPE). */
  readonly commands?: readonly KeyCommand<PlotToolContext>[];
  /** Drawn in world px on the overlay layer, above the built-in bands, highlights and beats. */
  readonly Overlay?: ComponentType<PlotOverlayProps>;
  /** Buttons after the tools in the plot's toolbar. */
  readonly ToolbarItems?: ComponentType<{ store: PlotStore }>;
}

/** Every tool of a set of plugins, in order; the first is the default tool (pan). */
export const pluginTools = (plugins: readonly PlotPlugin[]): PlotTool[] =>
  plugins.flatMap((p) => p.tools ?? []);
