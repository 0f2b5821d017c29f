/** Per-plot UI state in zustand: layout, paper speed and gain, zoom/pan, tool, selection, calipers. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Caliper } from './calipers';
import type { LayoutKind } from './layout';
import type { GainMmPerMv, SpeedMmPerS } from './paper';
import { IDENTITY_VIEWPORT, type Viewport } from './viewport';

/** The id of the picked tool (a registered PlotTool's id: 'pan', 'time-caliper', ...). */
export type PlotToolId = string;

/** The pointer's place on the record: lead, seconds and millivolts. */
export interface HoverReading {
  readonly lead: string;
  readonly tS: number;
  readonly amplitudeMv: number;
}

/** The plot's state. */
export interface PlotState {
  readonly layoutKind: LayoutKind;
  readonly speedMmPerS: SpeedMmPerS;
  readonly gainMmPerMv: GainMmPerMv;
  readonly singleLead: string;
  readonly viewport: Viewport;
  /** True while the plot keeps the whole paper fitted to the stage (until the user zooms or pans). */
  readonly autoFit: boolean;
  readonly tool: PlotToolId;
  readonly selectedLeads: readonly string[];
  readonly calipers: readonly Caliper[];
  /** The caliper Delete/Backspace removes (null: the last one placed). */
  readonly selectedCaliperId: string | null;
  /** The caliper being drawn (dashed) until the button is released. */
  readonly draftCaliper: Caliper | null;
  readonly hover: HoverReading | null;
}

/** The plot's actions. */
export interface PlotActions {
  setLayoutKind(kind: LayoutKind): void;
  setSpeed(speed: SpeedMmPerS): void;
  setGain(gain: GainMmPerMv): void;
  setSingleLead(lead: string): void;
  /** Sets zoom and pan; the plot stops fitting the paper to the stage. */
  setViewport(vp: Viewport): void;
  /** Fits the whole paper to the stage again (and keeps it fitted on resize and paper changes). */
  fit(): void;
  setTool(tool: PlotToolId): void;
  toggleLead(lead: string): void;
  setSelectedLeads(leads: readonly string[]): void;
  /** Adds a caliper and selects it. */
  addCaliper(c: Caliper): void;
  /** Replaces the caliper with the same id (an end dragged). */
  updateCaliper(c: Caliper): void;
  removeCaliper(id: string): void;
  /** Removes the selected caliper, or the last one placed when none is selected. */
  removeLastCaliper(): void;
  selectCaliper(id: string | null): void;
  clearCalipers(): void;
  setDraftCaliper(c: Caliper | null): void;
  setHover(h: HoverReading | null): void;
}

/** A plot store. */
export type PlotStore = StoreApi<PlotState & PlotActions>;

/** Creates one plot's store, starting at 25 mm/s, 10 mm/mV, unzoomed. */
export function createPlotStore(initial: Partial<PlotState> = {}): PlotStore {
  return createStore<PlotState & PlotActions>()((set) => ({
    layoutKind: '3x4',
    speedMmPerS: 25,
    gainMmPerMv: 10,
    singleLead: 'II',
    viewport: IDENTITY_VIEWPORT,
    autoFit: true,
    tool: 'pan',
    selectedLeads: [],
    calipers: [],
    selectedCaliperId: null,
    draftCaliper: null,
    hover: null,
    ...initial,
    // Paper changes keep the zoom but go back to the paper's start, where every layout begins.
    setLayoutKind: (layoutKind) =>
      set((s) => ({ layoutKind, viewport: { ...s.viewport, panX: 0, panY: 0 } })),
    setSpeed: (speedMmPerS) => set((s) => ({ speedMmPerS, viewport: { ...s.viewport, panX: 0 } })),
    setGain: (gainMmPerMv) => set((s) => ({ gainMmPerMv, viewport: { ...s.viewport, panY: 0 } })),
    setSingleLead: (singleLead) => set({ singleLead }),
    setViewport: (viewport) => set({ viewport, autoFit: false }),
    fit: () => set({ autoFit: true }),
    setTool: (tool) => set({ tool }),
    toggleLead: (lead) =>
      set((s) => ({
        selectedLeads: s.selectedLeads.includes(lead)
          ? s.selectedLeads.filter((l) => l !== lead)
          : [...s.selectedLeads, lead],
      })),
    setSelectedLeads: (leads) => set({ selectedLeads: [...leads] }),
    addCaliper: (c) => set((s) => ({ calipers: [...s.calipers, c], selectedCaliperId: c.id })),
    updateCaliper: (c) =>
      set((s) => ({ calipers: s.calipers.map((old) => (old.id === c.id ? c : old)) })),
    removeCaliper: (id) =>
      set((s) => ({
        calipers: s.calipers.filter((c) => c.id !== id),
        selectedCaliperId: s.selectedCaliperId === id ? null : s.selectedCaliperId,
      })),
    removeLastCaliper: () =>
      set((s) => {
        const id = s.selectedCaliperId ?? s.calipers.at(-1)?.id;
        return {
          calipers: s.calipers.filter((c) => c.id !== id),
          selectedCaliperId: null,
        };
      }),
    selectCaliper: (selectedCaliperId) => set({ selectedCaliperId }),
    clearCalipers: () => set({ calipers: [], selectedCaliperId: null, draftCaliper: null }),
    setDraftCaliper: (draftCaliper) => set({ draftCaliper }),
    setHover: (hover) => set({ hover }),
  }));
}
