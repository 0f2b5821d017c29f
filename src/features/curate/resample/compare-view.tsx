/**
 * The generated sample beside the old one, each over its own ECG, stepped together (J/K, 1-9),
 * with every changed field listed; Save commits exactly the sample shown (If-Match and its hash),
 * after which it waits for review.
 */
import { useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { PAGE_SCOPE } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import { ShortcutsDialog } from '../../../components/ui/shortcuts-dialog';
import { ApiRequestError } from '../../../lib/api-client';
import { reasoningKeymap } from '../../../reasoning/reasoning-keymap';
import { createReasoningStore } from '../../../reasoning/reasoning-store';
import { stepNavigation } from '../../../reasoning/step-navigation';
import type {
  ResampleCandidates,
  ResampleFromTemplateResponse,
} from '../../../schemas/api/curation';
import { useResampleFromTemplate } from '../api/curation-api';
import { FieldChanges } from '../field-changes';
import { COMPARE_COMMANDS } from './resample-keymap';
import { SamplePane } from './sample-pane';

/** A dry run's answer: the sample generated and what it was built from. */
export type ResamplePreview = Extract<ResampleFromTemplateResponse, { dryRun: true }>;
type Saved = Extract<ResampleFromTemplateResponse, { dryRun: false }>;

/** Steps whose content differs, from the changed fields' paths. */
function changedSteps(preview: ResamplePreview): Set<number> {
  const out = new Set<number>();
  for (const c of preview.changes) {
    const step = /^data\.reasoning\[(\d+)\]/.exec(c.path)?.[1];
    if (step !== undefined) out.add(Number(step));
  }
  return out;
}

function saveErrorText(error: Error): string {
  if (error instanceof ApiRequestError && error.status === 412)
    return `${error.message} Go back to the candidates to start from the sample as it is now.`;
  if (error instanceof ApiRequestError && error.code === 'resample_changed')
    return `${error.message} Press N to generate it again.`;
  return error.message;
}

/** The comparison and its save. */
export function CompareView({
  report,
  preview,
  header,
  drawing,
  drawError,
  onDrawAgain,
  onBack,
}: {
  report: ResampleCandidates;
  preview: ResamplePreview;
  header: ReactNode;
  /** A new draw (next seed) is being generated, or failed. */
  drawing: boolean;
  drawError: Error | null;
  onDrawAgain: () => void;
  onBack: () => void;
}) {
  const [store] = useState(() => createReasoningStore());
  const [keysOpen, setKeysOpen] = useState(false);
  const save = useResampleFromTemplate();
  const saved: Saved | null = save.data && !save.data.dryRun ? save.data : null;
  const old = report.sample;
  const generated = preview.generated;
  const steps = generated.data.reasoning;
  const navigation = useMemo(() => stepNavigation(store, steps), [store, steps]);
  const changed = useMemo(() => changedSteps(preview), [preview]);
  useLayoutEffect(() => {
    store.getState().open(preview.sha256, steps[0]?.ecg_grounding.length ?? 0);
  }, [store, preview.sha256, steps]);

  const commit = () => {
    if (saved || save.isPending) return false;
    save.mutate({
      samplePk: old.id,
      baseVersion: preview.baseVersion,
      body: {
        ecgId: preview.candidate.ecgId,
        seed: preview.provenance.seed,
        expectSha256: preview.sha256,
      },
    });
  };
  const keymap = useMemo(() => reasoningKeymap('Re-sample: compare', COMPARE_COMMANDS), []);
  useKeymap(
    keymap,
    {
      steps,
      store,
      navigation,
      openKeys: () => setKeysOpen(true),
      save: commit,
      drawAgain: () => (saved || drawing ? false : onDrawAgain()),
      backToCandidates: () => (saved ? false : onBack()),
    },
    { pageScopes: [PAGE_SCOPE] },
  );

  const newEcg = report.ranked.find((c) => c.ecgId === preview.candidate.ecgId);
  return (
    <div
      className="grid h-full min-h-0 grid-rows-[auto_auto_minmax(0,1fr)_auto] text-[14px]"
      data-testid="resample-compare"
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5">
        {header}
      </header>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-[13px]">
        <span>
          Generated on ECG <strong className="tabular-nums">{preview.candidate.ecgId}</strong>
          {newEcg ? ` (candidate ${newEcg.rank}, margin ${newEcg.margin.toFixed(1)})` : ''} from
          template {preview.provenance.template.targetDx}{' '}
          {String(preview.provenance.template.dxLabel)} path {preview.provenance.template.pathIdx}{' '}
          variant {preview.provenance.template.variant}, seed {preview.provenance.seed}, engine{' '}
          {preview.provenance.engineVersion}:{' '}
          <strong data-testid="changed-count">{preview.changes.length} fields changed</strong>
        </span>
        {saved ? (
          <div className="w-full" data-testid="resample-saved">
            <Message tone="info" title={`Saved as version ${saved.sample.version}`}>
              The sample now awaits review (status {saved.status}); {saved.closedFlags} open flag
              {saved.closedFlags === 1 ? '' : 's'} closed as re-sampled.{' '}
              <Link className="underline" to="/curate">
                Back to the board
              </Link>
            </Message>
          </div>
        ) : (
          <div className="ml-auto flex gap-1">
            <Button onClick={onBack} shortcut="L">
              ‹ Candidates
            </Button>
            <Button onClick={onDrawAgain} shortcut="N" disabled={drawing}>
              {drawing ? 'Drawing…' : 'Draw again'}
            </Button>
            <Button
              onClick={commit}
              shortcut="S"
              disabled={save.isPending}
              className="!border-[#0072B2] !bg-[#0072B2] !text-white"
            >
              {save.isPending ? 'Saving…' : 'Save re-sample'}
            </Button>
          </div>
        )}
        {drawError && (
          <p role="alert" className="w-full text-ok-problem-ink">
            Not drawn again: {drawError.message}
          </p>
        )}
        {save.isError && (
          <p role="alert" className="w-full text-ok-problem-ink">
            Not saved: {saveErrorText(save.error)}
          </p>
        )}
        {preview.notes.length > 0 && (
          <p className="w-full text-slate-700">Generation notes: {preview.notes.join('; ')}</p>
        )}
      </div>
      <div className="grid min-h-0 grid-cols-2 divide-x divide-slate-300">
        <SamplePane
          title={`Now: ECG ${old.sample.metadata.ecg_id} (version ${old.version})`}
          testId="pane-old"
          sample={old.sample}
          ecg={old.ecg}
          store={store}
          navigation={navigation}
          changedSteps={changed}
          plotOptions={{ plotId: 'old' }}
        />
        <SamplePane
          title={`Generated: ECG ${preview.candidate.ecgId}${saved ? ' (saved)' : ' (not saved yet)'}`}
          testId="pane-generated"
          sample={generated}
          ecg={{ source: old.ecg.source, ecgId: preview.candidate.ecgId, recordAvailable: true }}
          store={store}
          navigation={navigation}
          changedSteps={changed}
          plotOptions={{ plotId: 'generated', pageKeys: false }}
        />
      </div>
      <footer className="flex flex-wrap items-center gap-x-4 border-t border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-600">
        <FieldChanges changes={preview.changes} />
        <span className="ml-auto">
          J/K both steps · 1–9 grounding on both ECGs · S save · N draw again · L candidates
        </span>
        <button
          type="button"
          onClick={() => setKeysOpen(true)}
          className="rounded border border-slate-300 px-1.5 hover:bg-slate-100"
        >
          All keys <Kbd>?</Kbd>
        </button>
      </footer>
      <ShortcutsDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}
