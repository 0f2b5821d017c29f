/**
 * A sample read step by step over its ECG, as any screen shows it: the screen's header on top,
 * the plot with the drawn grounding question in the middle, the steps on the right, status below.
 * Screens pass in their own header (navigation), panel, status items, keys and plot plugins.
 */
import { useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { keyDisplay, PAGE_SCOPE, type KeyCommand } from '../../components/keymap/keymap';
import { useKeymap } from '../../components/keymap/use-keymap';
import { Kbd } from '../../components/ui/kbd';
import { ShortcutsDialog } from '../../components/ui/shortcuts-dialog';
import { RecordStatus } from '../../ecg/record-status';
import { useEcg, type EcgRef } from '../../ecg/use-ecg';
import type { PlotPlugin } from '../../plot/interactions/plot-plugin';
import { createPlotStore, type PlotStore } from '../../plot/viewport-store';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import { reasoningKeymap, type GroundingKeys, type ReasoningKeyContext } from '../reasoning-keymap';
import { createReasoningStore, type ReasoningStore } from '../reasoning-store';
import { stepNavigation } from '../step-navigation';
import { useGroundingView } from '../use-grounding-view';
import { GroundingPanel } from './grounding-panel';
import { StepList } from './step-list';

/** No extra keys, as one array (keymaps are rebuilt when it changes). */
const NO_COMMANDS: readonly never[] = [];

/** Props of a reasoning view; `commands` must be stable (module-level), `commandContext` may change. */
export interface ReasoningViewProps<X extends object> {
  readonly sample: BenchmarkSampleV002;
  /** Identifies the open sample: a new key opens its first step and clears the calipers. */
  readonly sampleKey: string;
  readonly ecg: EcgRef;
  /** The top row: title, metadata, navigation. */
  readonly header: ReactNode;
  /** A screen's own panel, above the steps. */
  readonly panel?: ReactNode;
  /** Leading items of the status line (version, save state). */
  readonly status?: ReactNode;
  /** The keys the status line recalls (the `?` list has them all). */
  readonly keyHint: string;
  /** Title of the view's keys in the `?` list. */
  readonly keymapTitle: string;
  /** The screen's own keys, listed after the step keys. */
  readonly commands?: readonly KeyCommand<ReasoningKeyContext & X>[];
  readonly commandContext: X;
  /** Plot tools and overlays the screen adds (one with a default plugin's id replaces it). */
  readonly plugins?: readonly PlotPlugin[];
  /** How grounding questions are drawn by key (default 1–9; 'g-then-digit' frees the digits). */
  readonly groundingKeys?: GroundingKeys;
  /** The view's stores, when the screen acts on them too (its own plot tools, an editor). */
  readonly stores?: { readonly reasoning: ReasoningStore; readonly plot: PlotStore };
  /** Replaces the read-only step list on the right (an editor's panel); `panel` then is unused. */
  readonly aside?: ReactNode;
}

/** One sample's reasoning over its ECG. */
export function ReasoningView<X extends object>(props: ReasoningViewProps<X>) {
  const { sample, sampleKey, ecg, commands = NO_COMMANDS, keymapTitle, groundingKeys } = props;
  const [ownPlotStore] = useState(() => createPlotStore());
  const [ownStore] = useState(() => createReasoningStore());
  const plotStore = props.stores?.plot ?? ownPlotStore;
  const store = props.stores?.reasoning ?? ownStore;
  const steps = sample.data.reasoning;

  // Layout effects: a prefetched sample opens in the same commit as its record, and the plot
  // must not show the last sample's step overlays or calipers on it, even for one frame.
  useLayoutEffect(() => {
    store.getState().open(sampleKey, steps[0]?.ecg_grounding.length ?? 0);
  }, [store, sampleKey, steps]);
  useLayoutEffect(() => plotStore.getState().clearCalipers(), [sampleKey, plotStore]);

  const { recordQuery, record, measurements, beatTimesS } = useEcg(ecg);
  const grounding = useStore(store, (s) => s.grounding);
  const showBeats = useStore(store, (s) => s.showBeats);
  const view = useGroundingView(steps, grounding, measurements);
  const navigation = useMemo(() => stepNavigation(store, steps), [store, steps]);
  const [keysOpen, setKeysOpen] = useState(false);
  const [pendingKey, setPendingKey] = useState<string | null>(null);

  const keymap = useMemo(
    () => reasoningKeymap(keymapTitle, commands, groundingKeys),
    [keymapTitle, commands, groundingKeys],
  );
  useKeymap(
    keymap,
    { ...props.commandContext, steps, store, navigation, openKeys: () => setKeysOpen(true) },
    { pageScopes: [PAGE_SCOPE], onPending: setPendingKey },
  );

  return (
    <div
      className="grid h-full min-h-0 grid-cols-[minmax(0,1fr)_26rem] grid-rows-[auto_minmax(0,1fr)_auto] text-[14px]"
      data-testid="sample-view"
    >
      <header className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5">
        {props.header}
      </header>
      {/* Not a <main>: the app's layout has the page's one main landmark. */}
      <section className="min-h-0 min-w-0 border-r border-slate-300" aria-label="ECG">
        <GroundingPanel
          ecg={ecg}
          record={record}
          error={recordQuery.error}
          loading={recordQuery.isLoading}
          plotStore={plotStore}
          view={view}
          beatTimesS={beatTimesS}
          showBeats={showBeats}
          plugins={props.plugins}
        />
      </section>
      <aside className="min-h-0 overflow-y-auto bg-slate-50 p-2" aria-label="Reasoning steps">
        {props.aside ?? (
          <StepList sample={sample} store={store} navigation={navigation}>
            {props.panel}
          </StepList>
        )}
      </aside>
      <footer className="col-span-2 flex flex-wrap gap-x-4 border-t border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-600">
        <div role="status" className="flex flex-wrap gap-x-4">
          {props.status}
          <RecordStatus
            record={record}
            error={recordQuery.error}
            recordAvailable={ecg.recordAvailable}
            beatTimesS={beatTimesS}
          />
          {pendingKey && (
            <span className="font-medium text-slate-900" data-testid="pending-key">
              {keyDisplay(pendingKey)} … (Esc: cancel)
            </span>
          )}
        </div>
        <span className="ml-auto">{props.keyHint}</span>
        <button
          type="button"
          onClick={() => setKeysOpen(true)}
          className="rounded border border-slate-300 px-1.5 hover:bg-slate-100"
        >
          All keys <Kbd>?</Kbd>
        </button>
      </footer>
      {/* Outside the status footer: a modal is not a live region's content. */}
      <ShortcutsDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}
