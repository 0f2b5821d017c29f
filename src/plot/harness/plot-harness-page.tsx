/**
 * A test-only page (routed only in builds with the plot test API): two plots of one synthetic
 * record, the first with the window plugin added through props alone, the second as it comes.
 * e2e/plot-plugins.spec.ts drives it.
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { ShortcutsDialog } from '../../components/ui/shortcuts-dialog';
import { generateSyntheticEcg, synthParams } from '../../domain/synth';
import { EcgPlot } from '../ecg-plot';
import { createWindowPlugin, createWindowStore } from './window-plugin';

/** Route element for /dev/plot-harness. */
export function PlotHarnessPage() {
  const [record] = useState(
    () => generateSyntheticEcg(synthParams('normal_sinus_rhythm', { seed: 7 })).record,
  );
  const [windows] = useState(createWindowStore);
  const plugins = useMemo(() => [createWindowPlugin(windows)], [windows]);
  const w = useStore(windows, (s) => s.window);
  const [keysOpen, setKeysOpen] = useState(false);
  return (
    <div className="grid h-screen grid-rows-[auto_minmax(0,1fr)_minmax(0,1fr)] text-[14px]">
      <header className="flex items-center gap-4 border-b border-slate-300 px-3 py-1.5">
        <h1 className="font-semibold">Plot harness (test builds only)</h1>
        <output aria-label="Time window" className="tabular-nums">
          {w ? `${w.startS.toFixed(3)}–${w.endS.toFixed(3)} s` : 'no window'}
        </output>
        <button
          type="button"
          className="ml-auto rounded border border-slate-300 px-1.5"
          onClick={() => setKeysOpen(true)}
        >
          All keys
        </button>
      </header>
      <EcgPlot plotId="harness-a" record={record} plugins={plugins} className="min-h-0" />
      <EcgPlot plotId="harness-b" record={record} pageKeys={false} className="min-h-0" />
      <ShortcutsDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}
