/**
 * The chain editor: one sample's reasoning over its ECG, every question, option, answer and
 * decision editable in the panel on the right with the shared rules beside each field, grounding
 * done on the plot (click leads, drag windows), the engine's measurement proposed with one key,
 * undo and redo, and autosave. Embeddable anywhere (the ECG page, a route): `<ChainEditor
 * sampleId=... canEdit=... />`.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { questionPath } from '../../../domain/benchmark/edit';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import { useEcg } from '../../../ecg/use-ecg';
import { ApiRequestError } from '../../../lib/api-client';
import { describeAutosaveStatus, useAutosave } from '../../../lib/autosave';
import { createPlotStore, type PlotStore } from '../../../plot/viewport-store';
import type { SampleResponse } from '../../../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { formatPath } from '../../../schemas/issues';
import { sampleQueryOptions, useSample } from '../../api/get-sample';
import { ReasoningView } from '../../components/reasoning-view';
import { createReasoningStore, type ReasoningStore } from '../../reasoning-store';
import { stepNavigation } from '../../step-navigation';
import { createChainEditorStore, type ChainEditorStore } from '../chain-editor-store';
import { EDITOR_COMMANDS } from '../editor-keymap';
import { createChainPlotPlugin, LEAD_PICK_TOOL, WINDOW_TOOL } from '../plot-tools/chain-plot-tools';
import { createWindowDragStore } from '../plot-tools/window-drag-store';
import { sampleAtVersion, sampleAutosaveKey, sampleSaveFunction } from '../sample-save';
import { ChainPanel } from './chain-panel';
import { EcgChains } from './ecg-chains';
import { MergeView } from './merge-view';

/** An editor store over no autosaver (read only, or while the journal opens): every edit refused. */
const IDLE_EDITOR: ChainEditorStore = createChainEditorStore(null);

/** Props of the chain editor. */
export interface ChainEditorProps {
  /** Public id of the sample. */
  readonly sampleId: string;
  /** Whether the signed-in user may write sample content (cardiologists, curators). */
  readonly canEdit: boolean;
  /** Opens another sample (one created from a skeleton, one of the same ECG) in the editor. */
  readonly onOpenSample?: (sampleId: string) => void;
  /** Leading items of the header (links back). */
  readonly navigation?: ReactNode;
}

/** The chain editor for one sample, loaded by id. */
export function ChainEditor(props: ChainEditorProps) {
  const query = useSample(props.sampleId);
  if (query.error) {
    const e = query.error;
    return (
      <div className="p-6">
        <Message
          tone="error"
          title={
            e instanceof ApiRequestError && e.status === 404
              ? `No sample with id ${props.sampleId}`
              : 'The sample could not be loaded'
          }
        >
          {e.message}
        </Message>
      </div>
    );
  }
  if (!query.data)
    return (
      <p className="p-6 text-slate-600" role="status">
        Loading sample…
      </p>
    );
  return <LoadedChainEditor key={props.sampleId} {...props} response={query.data} />;
}

/** The plot tool follows the drawn question: Leads for a lead question, Window for a wave question. */
function useToolFollowsQuestion(
  reasoning: ReasoningStore,
  plot: PlotStore,
  sample: () => BenchmarkSampleV002 | undefined,
  enabled: boolean,
) {
  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      const g = reasoning.getState().grounding;
      const type = g
        ? sample()?.data.reasoning[g.step]?.ecg_grounding[g.index]?.question_type
        : undefined;
      const tool = plot.getState().tool;
      if (type === 'lead_grounding') plot.getState().setTool(LEAD_PICK_TOOL);
      else if (type === 'wave_grounding') plot.getState().setTool(WINDOW_TOOL);
      else if (tool === LEAD_PICK_TOOL || tool === WINDOW_TOOL) plot.getState().setTool('pan');
    };
    follow();
    return reasoning.subscribe((s, prev) => {
      if (s.grounding !== prev.grounding) follow();
    });
  }, [reasoning, plot, sample, enabled]);
}

function LoadedChainEditor({
  sampleId,
  canEdit,
  onOpenSample,
  navigation: headerNavigation,
  response,
}: ChainEditorProps & { response: SampleResponse }) {
  const queryClient = useQueryClient();
  const [reasoning] = useState(createReasoningStore);
  const [plot] = useState(() => createPlotStore());
  const [drag] = useState(createWindowDragStore);
  const stores = useMemo(() => ({ reasoning, plot }), [reasoning, plot]);
  const editorRef = useRef<ChainEditorStore | null>(null);

  // The draft lives in the autosaver: journalled, saved with If-Match and Idempotency-Key.
  const { saver, snapshot } = useAutosave<BenchmarkSampleV002>({
    key: sampleAutosaveKey(sampleId),
    initial: canEdit ? { version: response.version, content: response.sample } : undefined,
    save: sampleSaveFunction(sampleId, (saved) =>
      queryClient.setQueryData(sampleQueryOptions(sampleId).queryKey, saved),
    ),
    merge: async (conflict) => {
      const base = await sampleAtVersion(sampleId, conflict.baseVersion);
      return new Promise<BenchmarkSampleV002>((resolve) =>
        editorRef.current?.getState().setMerge({
          base,
          mine: conflict.mine,
          theirs: conflict.theirs,
          theirsVersion: conflict.theirsVersion,
          resolve: (content) => {
            editorRef.current?.getState().setMerge(null);
            resolve(content);
          },
        }),
      );
    },
  });
  const editor = useMemo(() => (saver ? createChainEditorStore(saver) : null), [saver]);
  useEffect(() => {
    editorRef.current = editor;
  }, [editor]);
  const sample = snapshot?.content ?? response.sample;
  const pendingMerge = useStore(editor ?? IDLE_EDITOR, (s) => s.merge);
  const readOnly = !canEdit || !editor || pendingMerge !== null;

  const { record, measurements } = useEcg(response.ecg);
  // Until the record is read, windows are kept inside the 10 s both sources record.
  const durationS = record ? record.nSamples / record.fsHz : 10;
  const [chainsOpen, setChainsOpen] = useState(false);
  const aside = useRef<HTMLDivElement>(null);
  const currentSample = useCallback(() => saver?.getSnapshot().content, [saver]);
  useToolFollowsQuestion(reasoning, plot, currentSample, Boolean(editor));

  const plugins = useMemo(
    () =>
      editor
        ? [createChainPlotPlugin({ editor, reasoning, drag, durationS: () => durationS })]
        : [],
    [editor, reasoning, drag, durationS],
  );
  const navigation = useMemo(
    () => stepNavigation(reasoning, sample.data.reasoning),
    [reasoning, sample.data.reasoning],
  );
  const commandContext = useMemo(
    () => ({
      editor: editor ?? IDLE_EDITOR,
      measurements,
      canEdit: Boolean(editor),
      focusAnswers: () => {
        const g = reasoning.getState().grounding;
        if (!g) return false;
        const key = formatPath(questionPath({ kind: 'grounding', ...g }));
        const control = aside.current?.querySelector<HTMLElement>(
          `[data-question="${key}"] [data-answer-control]`,
        );
        control?.focus();
        return Boolean(control);
      },
    }),
    [editor, measurements, reasoning],
  );
  const m = sample.metadata;

  return (
    <ReasoningView
      sample={sample}
      sampleKey={sampleId}
      ecg={response.ecg}
      stores={stores}
      plugins={plugins}
      keymapTitle="Chain editor"
      commands={EDITOR_COMMANDS}
      commandContext={commandContext}
      keyHint="1–9 draw · L leads · W window · A accept · U undo · E answers · J/K step"
      header={
        <>
          {headerNavigation}
          <h1 className="font-semibold">
            {canEdit ? 'Editing' : 'Reading'} sample {m.id} · {targetDxName(m.target_dx)}
          </h1>
          <span className="text-slate-600">
            {m.data_source} · ECG {m.ecg_id} · label {m.dx_label ? 'Yes' : 'No'} · path {m.path_idx}
          </span>
          <span className="ml-auto flex items-center gap-1">
            {canEdit && (
              <>
                <Button
                  shortcut="U"
                  disabled={readOnly || !snapshot?.canUndo}
                  onClick={() => editor?.getState().undo()}
                >
                  Undo
                </Button>
                <Button
                  shortcut="Shift+U"
                  disabled={readOnly || !snapshot?.canRedo}
                  onClick={() => editor?.getState().redo()}
                >
                  Redo
                </Button>
              </>
            )}
            <Button pressed={chainsOpen} onClick={() => setChainsOpen((x) => !x)}>
              Chains of this ECG
            </Button>
          </span>
        </>
      }
      aside={
        <div ref={aside}>
          {pendingMerge && <MergeView merge={pendingMerge} />}
          {chainsOpen && (
            <div className="mb-2 rounded border border-slate-200 bg-white p-2">
              <EcgChains ecg={response.ecg} canEdit={canEdit} onOpen={(id) => onOpenSample?.(id)} />
            </div>
          )}
          {!canEdit && (
            <p className="mb-2 rounded border border-slate-300 bg-white px-2 py-1 text-[13px]">
              Read only: cardiologists and curators write sample content.
            </p>
          )}
          {snapshot && snapshot.recovered > 0 && (
            <p
              className="mb-2 rounded border border-slate-300 bg-white px-2 py-1 text-[13px]"
              role="status"
            >
              {snapshot.recovered} unsaved edit{snapshot.recovered === 1 ? '' : 's'} recovered from
              this browser and saved.
            </p>
          )}
          <ChainPanel
            editor={editor ?? IDLE_EDITOR}
            sample={sample}
            reasoning={reasoning}
            navigation={navigation}
            measurements={measurements}
            readOnly={readOnly}
          />
        </div>
      }
      status={
        <span data-testid="save-status">
          {canEdit ? describeAutosaveStatus(snapshot?.status) : `Version ${response.version}`}
        </span>
      }
    />
  );
}
