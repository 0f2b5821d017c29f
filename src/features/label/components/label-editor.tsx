/** The dense label editor: seven axes as list boxes, the diagnosis, submit, each axis's checks. */
import { useMemo, useRef, useState } from 'react';
import { PAGE_SCOPE } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Button } from '../../../components/ui/button';
import type { CheckState } from '../../../schemas/api/label-workbench';
import type { DraftLabel } from '../../../schemas/dense-label';
import type { LabelDoc } from '../api/ecg-workbench';
import type { AxisId } from '../label-axes';
import { AXIS_SPECS, valueText } from '../label-axes';
import type { LiveCheck } from '../label-check-view';
import {
  axisValues,
  completeAxes,
  editAxis,
  followingDiagnosis,
  orderedDraft,
  proposedDiagnosis,
} from '../label-edits';
import type { LabelPageKeyContext } from '../label-keymap';
import { AXIS_SCOPE, labelAxisKeymap, labelPageKeymap } from '../label-keymap';
import { AxisListbox } from './axis-listbox';
import { CheckItem } from './check-item';

const TYPE_AHEAD_MS = 900;

/** What the editor needs from its page. */
export interface LabelEditorProps {
  readonly doc: LabelDoc;
  /** False for non-labellers and while a merge is open: shown, not editable. */
  readonly canEdit: boolean;
  readonly onEdit: (doc: LabelDoc, group?: string) => void;
  readonly onUndo: () => boolean;
  readonly onRedo: () => boolean;
  readonly checks: readonly LiveCheck[];
  readonly storedChecks: ReadonlyMap<string, CheckState>;
  readonly shownCheck: string | null;
  readonly onShowCheck: ((check: LiveCheck) => void) | null;
  readonly onDismissCheck: (check: LiveCheck, reason: string) => Promise<void>;
  readonly navigation: Pick<LabelPageKeyContext, 'next' | 'previous' | 'worklist' | 'openKeys'>;
}

/** Why a label cannot be submitted yet, in words; null when it can. */
export function submitBlocker(label: DraftLabel): string | null {
  // Other findings may be an empty set; it is missing only while never confirmed.
  const missing = AXIS_SPECS.filter((axis) =>
    axis.id === 'other_findings'
      ? label.other_findings === undefined
      : axisValues(label, axis.id).length === 0,
  ).map((axis) => axis.name.toLowerCase());
  const complete = completeAxes(label);
  if (missing.length > 0 || !complete) return `set ${missing.join(', ') || 'every axis'} first`;
  if (complete.conduction.length === 0) return 'conduction needs a value ("none" when nothing)';
  if (complete.ischemia.territory.length === 0) return 'ischemia territory needs a value';
  if ((label.diagnosis ?? '').trim() === '') return 'write the diagnosis first';
  return null;
}

/** The editor panel. */
export function LabelEditor(props: LabelEditorProps) {
  const { doc, canEdit, onEdit, checks, storedChecks } = props;
  const label = doc.content;
  const panelRef = useRef<HTMLDivElement>(null);
  const listRefs = useRef(new Map<AxisId, HTMLDivElement>());
  const diagnosisRef = useRef<HTMLTextAreaElement>(null);
  const [active, setActive] = useState<AxisId | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [hint, setHint] = useState<{ axis: AxisId; text: string } | null>(null);
  const [submitNote, setSubmitNote] = useState<string | null>(null);
  const [dismissing, setDismissing] = useState<string | null>(null);
  const typed = useRef({ text: '', atMs: 0 });
  const proposal = proposedDiagnosis(label);

  const choose = (axisId: AxisId, value: string) => {
    if (!canEdit) return false;
    const axis = AXIS_SPECS.find((a) => a.id === axisId)!;
    const next = editAxis(label, axis, value);
    if (next === label) {
      setHint({
        axis: axisId,
        text: 'Choose the ischemia stage first (I): a territory belongs to a stage.',
      });
      return true;
    }
    setHint(null);
    onEdit({ ...doc, content: next });
    return true;
  };
  const leave = (confirmEmpty = false) => {
    if (!active) return false;
    // Enter on other findings with nothing chosen says "none of them" (the set may be empty).
    if (
      confirmEmpty &&
      active === 'other_findings' &&
      canEdit &&
      label.other_findings === undefined
    ) {
      onEdit({ ...doc, content: followingDiagnosis(label, { ...label, other_findings: [] }) });
    }
    setActive(null);
    panelRef.current?.focus();
    return true;
  };
  const focusAxis = (axisId: AxisId) => {
    const values = AXIS_SPECS.find((a) => a.id === axisId)!.values;
    const first = values.indexOf(axisValues(label, axisId)[0] ?? '');
    setHighlight(Math.max(0, first));
    listRefs.current.get(axisId)?.focus();
  };
  const setStatus = (status: LabelDoc['status']) => {
    if (!canEdit) return;
    if (status === 'submitted') {
      const blocker = submitBlocker(label);
      if (blocker) {
        setSubmitNote(`Not submitted: ${blocker}.`);
        return;
      }
    }
    setSubmitNote(null);
    onEdit({ ...doc, status });
  };

  const activeSpec = AXIS_SPECS.find((a) => a.id === active) ?? null;
  useKeymap(
    labelAxisKeymap,
    {
      chooseNth: (index) => {
        const value = activeSpec?.values[index];
        if (!activeSpec || value === undefined) return false;
        setHighlight(index);
        choose(activeSpec.id, value);
        if (activeSpec.kind === 'one') leave();
        return true;
      },
      move: (delta) => {
        if (!activeSpec) return false;
        const n = activeSpec.values.length;
        setHighlight((h) => (h + delta + n) % n);
        return true;
      },
      chooseHighlighted: () => {
        const value = activeSpec?.values[highlight];
        return activeSpec && value !== undefined ? choose(activeSpec.id, value) : false;
      },
      leave: () => leave(),
      typeAhead: (letter) => {
        if (!activeSpec) return false;
        const now = performance.now();
        const text =
          now - typed.current.atMs < TYPE_AHEAD_MS ? typed.current.text + letter : letter;
        typed.current = { text, atMs: now };
        const index = activeSpec.values.findIndex((v) => valueText(v).startsWith(text));
        if (index < 0) return true;
        setHighlight(index);
        if (activeSpec.kind === 'one') choose(activeSpec.id, activeSpec.values[index]!);
        return true;
      },
      confirm: () => leave(true),
    },
    { element: panelRef, elementScopes: [AXIS_SCOPE] },
  );
  useKeymap(
    labelPageKeymap,
    {
      ...props.navigation,
      focusAxis,
      focusDiagnosis: () => diagnosisRef.current?.focus(),
      submit: () => setStatus('submitted'),
      backToDraft: () => setStatus('draft'),
      undo: props.onUndo,
      redo: props.onRedo,
      showCheck: () => {
        const first = checks.find((c) => c.measuredKey !== null);
        if (!first || !props.onShowCheck) return false;
        props.onShowCheck(first);
        return true;
      },
      dismissCheck: () => {
        const open = checks.find(
          (c) =>
            storedChecks.get(c.id)?.fingerprint === c.fingerprint &&
            storedChecks.get(c.id)?.state === 'open',
        );
        if (!open || !canEdit) return false;
        setDismissing(open.id);
        return true;
      },
    },
    { pageScopes: [PAGE_SCOPE] },
  );

  const checksByAxis = useMemo(() => {
    const map = new Map<string, LiveCheck[]>();
    for (const check of checks) map.set(check.axis, [...(map.get(check.axis) ?? []), check]);
    return map;
  }, [checks]);
  const checkItems = (axis: string) =>
    (checksByAxis.get(axis) ?? []).map((check) => {
      const stored = storedChecks.get(check.id);
      return (
        <CheckItem
          key={check.id}
          check={check}
          stored={stored?.fingerprint === check.fingerprint ? stored : undefined}
          shown={props.shownCheck === check.id}
          canDismiss={canEdit && stored?.fingerprint === check.fingerprint}
          writing={dismissing === check.id}
          onWriting={(open) => setDismissing(open ? check.id : null)}
          onShow={props.onShowCheck && check.measuredKey ? () => props.onShowCheck!(check) : null}
          onDismiss={(reason) => props.onDismissCheck(check, reason)}
        />
      );
    });

  return (
    <div
      ref={panelRef}
      tabIndex={-1}
      className="outline-none"
      aria-label="Dense label"
      role="group"
      data-testid="label-editor"
    >
      {AXIS_SPECS.map((axis) => (
        <AxisListbox
          key={axis.id}
          axis={axis}
          selected={axisValues(label, axis.id)}
          highlight={active === axis.id ? highlight : null}
          disabled={!canEdit}
          hint={hint?.axis === axis.id ? hint.text : null}
          listRef={(el) => {
            if (el) listRefs.current.set(axis.id, el);
            else listRefs.current.delete(axis.id);
          }}
          onFocus={() => {
            if (active !== axis.id) focusAxis(axis.id);
            setActive(axis.id);
          }}
          onBlur={() => setActive((current) => (current === axis.id ? null : current))}
          onChoose={(value) => choose(axis.id, value)}
        >
          {axis.id === 'other_findings' && label.other_findings?.length === 0 && (
            <p className="mt-1 text-[12px] text-slate-700">✓ No other findings</p>
          )}
          {axis.id === 'other_findings' && label.other_findings === undefined && (
            <p className="mt-1 text-[12px] text-slate-600">Nothing chosen yet: Enter says none.</p>
          )}
          {/* Ischemia checks sit under the territory, the pair's second half. */}
          {axis.id !== 'stage' && checkItems(axis.id === 'territory' ? 'ischemia' : axis.checkAxis)}
        </AxisListbox>
      ))}
      <section className="py-1.5">
        <label
          className="flex items-center gap-1 text-[12px] font-semibold text-slate-700"
          htmlFor="label-diagnosis"
        >
          <kbd className="rounded border border-slate-300 bg-slate-100 px-1 font-mono text-[11px] uppercase">
            d
          </kbd>
          Diagnosis
        </label>
        <textarea
          id="label-diagnosis"
          ref={diagnosisRef}
          aria-label="Diagnosis"
          disabled={!canEdit}
          rows={2}
          maxLength={500}
          className="mt-1 block w-full rounded border border-slate-300 px-1.5 py-1 text-[13px] focus-visible:outline-2 focus-visible:outline-[#0072B2]"
          value={label.diagnosis ?? ''}
          onChange={(e) =>
            onEdit(
              { ...doc, content: orderedDraft({ ...label, diagnosis: e.target.value }) },
              'diagnosis',
            )
          }
          onKeyDown={(e) => {
            const mod = e.ctrlKey || e.metaKey;
            if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
              e.preventDefault();
              panelRef.current?.focus();
            } else if (mod && e.key.toLowerCase() === 'z') {
              e.preventDefault();
              if (e.shiftKey) props.onRedo();
              else props.onUndo();
            }
          }}
        />
        {proposal && proposal !== label.diagnosis && (
          <p className="mt-1 text-[12px] text-slate-600">
            Proposed from the axes: “{proposal}”{' '}
            <Button
              disabled={!canEdit}
              onClick={() =>
                onEdit({ ...doc, content: orderedDraft({ ...label, diagnosis: proposal }) })
              }
            >
              Use it
            </Button>
          </p>
        )}
        {checkItems('diagnosis')}
      </section>
      <section className="flex flex-wrap items-center gap-2 border-t border-slate-300 pt-2">
        <span className="text-[13px]">
          Status: <strong data-testid="label-status">{doc.status}</strong>
        </span>
        {doc.status === 'draft' ? (
          <Button disabled={!canEdit} shortcut="Shift+S" onClick={() => setStatus('submitted')}>
            Submit
          </Button>
        ) : (
          <Button disabled={!canEdit} shortcut="Shift+D" onClick={() => setStatus('draft')}>
            Back to draft
          </Button>
        )}
        {submitNote && (
          <p role="alert" className="w-full text-[13px] text-[#D55E00]">
            {submitNote}
          </p>
        )}
      </section>
    </div>
  );
}
