/** The worklist's UI state, kept while the ECG page is open (its ] and [ walk the same order). */
import { create } from 'zustand';
import type { WorklistFilters, WorklistSort } from './worklist-view';
import { ALL_ECGS } from './worklist-view';

interface WorklistState {
  readonly filters: WorklistFilters;
  readonly sort: WorklistSort;
  /** The ECG last opened or highlighted ("source/ecgId"). */
  readonly current: string | null;
  /** The visible order when the worklist was last shown ("source/ecgId" each). */
  readonly order: readonly string[];
  readonly setFilters: (filters: Partial<WorklistFilters>) => void;
  readonly setSort: (sort: WorklistSort) => void;
  readonly setCurrent: (key: string | null) => void;
  readonly setOrder: (order: readonly string[]) => void;
}

/** The one worklist state of the session. */
export const useWorklistStore = create<WorklistState>((set) => ({
  filters: ALL_ECGS,
  sort: 'ecg',
  current: null,
  order: [],
  setFilters: (filters) => set((s) => ({ filters: { ...s.filters, ...filters } })),
  setSort: (sort) => set({ sort }),
  setCurrent: (current) => set({ current }),
  setOrder: (order) => set({ order }),
}));

/** The key a row is known by in the store. */
export const rowKey = (row: { source: string; ecgId: string }) => `${row.source}/${row.ecgId}`;
