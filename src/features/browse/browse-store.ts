/** The worklist's filters, kept while the user opens samples and comes back. */
import { create } from 'zustand';
import type { SampleFilters } from './api/list-samples';

interface BrowseState {
  readonly filters: SampleFilters;
  setFilter<K extends keyof SampleFilters>(key: K, value: SampleFilters[K]): void;
}

export const useBrowseStore = create<BrowseState>((set) => ({
  filters: { dataSource: '', targetDx: '', dxLabel: '' },
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
}));
