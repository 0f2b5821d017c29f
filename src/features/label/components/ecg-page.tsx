/** /ecgs/:source/:ecgId: the plot, the dense label editor beside it, status below. */
import { memo, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Kbd } from '../../../components/ui/kbd';
import { dxLabelWord, targetDxName } from '../../../domain/benchmark/target-dx-names';
import { Message } from '../../../components/ui/message';
import { ShortcutsDialog } from '../../../components/ui/shortcuts-dialog';
import { RecordPanel } from '../../../ecg/record-panel';
import { RecordStatus } from '../../../ecg/record-status';
import { useEcg } from '../../../ecg/use-ecg';
import { ApiRequestError } from '../../../lib/api-client';
import type { Conflict } from '../../../lib/autosave';
import { describeAutosaveStatus, useAutosave } from '../../../lib/autosave';
import { createPlotStore } from '../../../plot/viewport-store';
import type { CheckState } from '../../../schemas/api/label-workbench';
import type { LabelDoc } from '../api/ecg-workbench';
import {
  dismissCheck,
  reportChecks,
  saveLabel,
  useEcgWorkbench,
  useOwnLabel,
} from '../api/ecg-workbench';
import { usePresence } from '../api/use-presence';
import type { LiveCheck } from '../label-check-view';
import { checkOverlay, liveChecks } from '../label-check-view';
import { rowKey, useWorklistStore } from '../worklist-store';
import { ecgPath } from '../worklist-view';
import { LabelEditor } from './label-editor';
import { MergeView } from './merge-view';

const NO_CHECKS: readonly CheckState[] = [];
const NO_OVERLAY = {};

/** The plot, apart from the editor: a keypress in the label re-renders the editor, not the plot. */
const PlotArea = memo(RecordPanel);

/**
 * Route element: one ECG page per source and id. `canEditChains` (the app knows the role) adds an
 * edit link beside each sample on the ECG, to the chain editor.
 */
export function EcgPageRoute({ canEditChains = false }: { canEditChains?: boolean }) {
  const { source = '', ecgId = '' } = useParams();
  return (
    <EcgPage
      key={`${source}/${ecgId}`}
      source={source}
      ecgId={ecgId}
      canEditChains={canEditChains}
    />
  );
}

/** The ECG page. */
export function EcgPage({
  source,
  ecgId,
  canEditChains,
}: {
  source: string;
  ecgId: string;
  canEditChains: boolean;
}) {
  const navigate = useNavigate();
  const workbench = useEcgWorkbench(source, ecgId);
  const data = workbench.data;
  const ecgPk = data?.ecg.id;
  const own = useOwnLabel(ecgPk, true);
  const readOnly = own.error instanceof ApiRequestError && own.error.status === 403;
  const [plotStore] = useState(() => createPlotStore());
  const [keysOpen, setKeysOpen] = useState(false);
  const [conflict, setConflict] = useState<{
    conflict: Conflict<LabelDoc>;
    resolve: (doc: LabelDoc) => void;
  } | null>(null);
  const [shown, setShown] = useState<LiveCheck | null>(null);
  const [stored, setStored] = useState<readonly CheckState[] | null>(null);

  const initial = useMemo(() => {
    if (!own.data || !data) return undefined;
    const label = own.data.label;
    return label
      ? { version: label.version, content: { status: label.status, content: label.content } }
      : {
          version: 0,
          content: { status: 'draft' as const, content: data.ptbxlDraft?.label ?? {} },
        };
  }, [own.data, data]);
  const { saver, snapshot } = useAutosave<LabelDoc>({
    key: `label:${ecgPk ?? ''}`,
    initial,
    save: ({ content, baseVersion, idempotencyKey }) =>
      saveLabel(ecgPk!, content, baseVersion, idempotencyKey),
    merge: (c) => new Promise<LabelDoc>((resolve) => setConflict({ conflict: c, resolve })),
  });
  const viewers = usePresence(ecgPk);

  const ecgRef = data
    ? { source: data.ecg.source, ecgId: data.ecg.ecgId, recordAvailable: data.ecg.recordAvailable }
    : undefined;
  const { recordQuery, record, measurements } = useEcg(ecgRef);
  const doc = snapshot?.content;
  const checks = useMemo(
    () => (doc && data ? liveChecks(doc.content, measurements, data.sex, data.samples) : []),
    [doc, data, measurements],
  );
  const storedChecks = stored ?? data?.checks ?? NO_CHECKS;
  const storedById = useMemo(
    () => new Map(storedChecks.map((c) => [c.checkId, c])),
    [storedChecks],
  );

  // The checks failing now are stored (open, or still dismissed for the same values) once the
  // record is measured; a quiet moment first, as typing changes them.
  const failing = useMemo(
    () =>
      checks.map(({ id, axis, message, fingerprint }) => ({
        checkId: id,
        axis,
        message,
        fingerprint,
      })),
    [checks],
  );
  const failingKey = JSON.stringify(failing);
  useEffect(() => {
    if (!ecgPk || readOnly || !measurements || !snapshot) return;
    const timer = setTimeout(() => {
      reportChecks(ecgPk, JSON.parse(failingKey) as typeof failing).then(
        (r) => setStored(r.items),
        () => {},
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [ecgPk, readOnly, measurements, failingKey, snapshot]);

  const order = useWorklistStore((s) => s.order);
  const setCurrent = useWorklistStore((s) => s.setCurrent);
  const here = rowKey({ source, ecgId });
  const position = order.indexOf(here);
  const go = (key: string | undefined) => {
    const leave = () => {
      if (!key) return void navigate('/ecgs');
      const [s, id] = key.split('/');
      setCurrent(key);
      void navigate(ecgPath({ source: s ?? '', ecgId: id ?? '' }), { replace: true });
    };
    void (saver ? saver.flush() : Promise.resolve()).then(leave);
  };
  useEffect(() => setCurrent(here), [here, setCurrent]);

  const plotProps = useMemo(() => {
    if (!shown?.measuredKey || !measurements) return NO_OVERLAY;
    const { highlights, bands } = checkOverlay(shown.measuredKey, measurements);
    return { highlights, bands };
  }, [shown, measurements]);

  if (workbench.error) {
    const notFound = workbench.error instanceof ApiRequestError && workbench.error.status === 404;
    return (
      <div className="p-6">
        <Message
          tone="error"
          title={
            notFound ? `No ${source} ECG ${ecgId} in this workspace` : 'The ECG could not be loaded'
          }
        >
          {notFound ? 'Go back to the worklist and pick another ECG.' : workbench.error.message}{' '}
          <Link to="/ecgs" className="underline">
            ECG worklist
          </Link>
        </Message>
      </div>
    );
  }

  const banner =
    data?.ptbxlDraft &&
    snapshot &&
    snapshot.status.version === 0 &&
    snapshot.status.state === 'saved';
  return (
    <div
      className="grid h-full min-h-0 grid-cols-[minmax(0,1fr)_27rem] grid-rows-[auto_minmax(0,1fr)_auto] text-[14px]"
      data-testid="ecg-page"
    >
      <header className="col-span-2 flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-300 bg-white px-3 py-1.5">
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5 text-[13px] hover:bg-slate-100"
          onClick={() => go(undefined)}
        >
          ‹ Worklist <Kbd>W</Kbd>
        </button>
        <h1 className="font-semibold">
          {source === 'ptbxl' ? 'PTB-XL' : 'MIMIC-IV-ECG'} ECG {ecgId}
        </h1>
        {position >= 0 && (
          <span className="tabular-nums text-slate-600">
            {position + 1} / {order.length} in the worklist
          </span>
        )}
        <span className="flex gap-1">
          <button
            type="button"
            disabled={position <= 0}
            className="rounded border border-slate-300 px-2 py-0.5 text-[13px] disabled:opacity-40"
            onClick={() => go(order[position - 1])}
          >
            Previous <Kbd>[</Kbd>
          </button>
          <button
            type="button"
            disabled={position < 0 || position >= order.length - 1}
            className="rounded border border-slate-300 px-2 py-0.5 text-[13px] disabled:opacity-40"
            onClick={() => go(order[position + 1])}
          >
            Next <Kbd>]</Kbd>
          </button>
        </span>
        {data && data.samples.length > 0 && (
          <span className="text-[13px] text-slate-700">
            Samples on this ECG:{' '}
            {data.samples.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ', '}
                <Link className="underline" to={`/samples/${s.id}`}>
                  {s.sampleId} ({targetDxName(s.targetDx)}: {dxLabelWord(s.dxLabel)})
                </Link>
                {canEditChains && (
                  <>
                    {' '}
                    <Link
                      className="underline"
                      to={`/samples/${s.id}/edit`}
                      aria-label={`Edit the chain of sample ${s.sampleId}`}
                    >
                      edit
                    </Link>
                  </>
                )}
              </span>
            ))}
          </span>
        )}
      </header>
      <main className="min-h-0 min-w-0 border-r border-slate-300">
        {ecgRef && (
          <PlotArea
            record={record}
            error={recordQuery.error}
            loading={recordQuery.isLoading}
            recordAvailable={ecgRef.recordAvailable}
            plotStore={plotStore}
            plot={plotProps}
          />
        )}
      </main>
      <aside className="min-h-0 overflow-y-auto bg-slate-50 px-3 py-2" aria-label="Label editor">
        {readOnly ? (
          <Message tone="info" title="Only cardiologists write labels">
            You can read this ECG; its labels are written by cardiologists.
          </Message>
        ) : own.error ? (
          <Message tone="error" title="Your label could not be loaded">
            {own.error.message}
          </Message>
        ) : !snapshot || !doc ? (
          <p role="status" className="text-slate-600">
            Loading your label…
          </p>
        ) : (
          <>
            {banner && (
              <div
                className="mb-2 rounded border-l-4 border-[#0072B2] bg-white p-2 text-[13px]"
                data-testid="ptbxl-draft"
              >
                <p className="font-semibold">Draft from PTB-XL</p>
                <p>
                  Pre-filled from the record&apos;s PTB-XL statements (scp_codes, heart_axis).
                  Confirm each axis: it is saved as your draft once you change anything, and only
                  you submit it.
                </p>
                {data?.ptbxlDraft?.notes.map((note) => (
                  <p key={note} className="text-slate-600">
                    · {note}
                  </p>
                ))}
              </div>
            )}
            {snapshot.recovered > 0 && (
              <p className="mb-2 rounded bg-white p-1 text-[13px]" role="status">
                {snapshot.recovered} unsaved edit{snapshot.recovered === 1 ? '' : 's'} recovered
                from this browser and saved again.
              </p>
            )}
            {conflict && (
              <MergeView
                conflict={conflict.conflict}
                onResolve={(merged) => {
                  conflict.resolve(merged);
                  setConflict(null);
                }}
              />
            )}
            <LabelEditor
              doc={doc}
              canEdit={!conflict}
              onEdit={(next, group) => saver?.edit(next, group)}
              onUndo={() => saver?.undo() ?? false}
              onRedo={() => saver?.redo() ?? false}
              checks={checks}
              storedChecks={storedById}
              shownCheck={shown?.id ?? null}
              onShowCheck={
                measurements
                  ? (check) => setShown((s) => (s?.id === check.id ? null : check))
                  : null
              }
              onDismissCheck={async (check, reason) => {
                setStored((await dismissCheck(ecgPk!, check.id, check.fingerprint, reason)).items);
              }}
              navigation={{
                next: () => go(order[position + 1]),
                previous: () => go(order[position - 1]),
                worklist: () => go(undefined),
                openKeys: () => setKeysOpen(true),
              }}
            />
          </>
        )}
      </aside>
      <footer className="col-span-2 flex flex-wrap gap-x-4 border-t border-slate-300 bg-white px-3 py-1 text-[12px] text-slate-600">
        <span
          role="status"
          data-testid="save-status"
          data-state={snapshot?.status.state ?? 'loading'}
          className={
            snapshot?.status.state === 'conflict' || snapshot?.status.state === 'error'
              ? 'font-semibold text-[#D55E00]'
              : ''
          }
        >
          {readOnly ? 'Read only' : describeAutosaveStatus(snapshot?.status)}
        </span>
        <span data-testid="presence">
          {viewers.length === 0
            ? 'Nobody else has this ECG open'
            : `Also open by: ${viewers.map((v) => `${v.username} (${v.role})`).join(', ')}`}
        </span>
        <RecordStatus
          record={record}
          error={recordQuery.error}
          recordAvailable={ecgRef?.recordAvailable ?? false}
          beatTimesS={null}
        />
        <span className="ml-auto">
          R H A N I T O axes · 1–9 values · D diagnosis · Shift+S submit · Ctrl+Z undo
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
