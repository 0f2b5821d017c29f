/** UI state of the analytics screens (which tab, which figure's samples are listed, choices). */
import { create } from 'zustand';
import type { DataSource } from '../../schemas/benchmark-sample';
import type { Headline } from './chart-data';

/** The analytics tabs. */
export const ANALYTICS_TABS = [
  { value: 'models', text: 'Models' },
  { value: 'forced', text: 'Forced commit' },
  { value: 'labels', text: 'Dense labels' },
  { value: 'dataset', text: 'Dataset' },
] as const;
/** One analytics tab. */
export type AnalyticsTab = (typeof ANALYTICS_TABS)[number]['value'];

/** The figure whose samples are listed: a title and the samples API query. */
export interface SamplePick {
  readonly title: string;
  readonly runId: string;
  readonly query: string;
}

interface AnalyticsState {
  tab: AnalyticsTab;
  dataset: DataSource;
  pick: SamplePick | null;
  dxFigure: Headline['key'];
  predictorId: string | null;
  labelMetric: 'accuracy' | 'macroF1';
  confusionAxis: string;
  setTab(tab: AnalyticsTab): void;
  setDataset(dataset: DataSource): void;
  setPick(pick: SamplePick | null): void;
  setDxFigure(figure: Headline['key']): void;
  setPredictor(id: string | null): void;
  setLabelMetric(metric: 'accuracy' | 'macroF1'): void;
  setConfusionAxis(axis: string): void;
}

/** The analytics screens' UI state. */
export const useAnalyticsStore = create<AnalyticsState>((set) => ({
  tab: 'models',
  dataset: 'ptbxl',
  pick: null,
  dxFigure: 'idq',
  predictorId: null,
  labelMetric: 'accuracy',
  confusionAxis: 'rhythm',
  setTab: (tab) => set({ tab, pick: null }),
  setDataset: (dataset) => set({ dataset, pick: null }),
  setPick: (pick) => set({ pick }),
  setDxFigure: (dxFigure) => set({ dxFigure }),
  setPredictor: (predictorId) => set({ predictorId }),
  setLabelMetric: (labelMetric) => set({ labelMetric }),
  setConfusionAxis: (confusionAxis) => set({ confusionAxis }),
}));

/** Categorical colours for models (Okabe-Ito), in model order. */
export const MODEL_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#000000',
];
