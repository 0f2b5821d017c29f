/** The sample route: one sample, step by step over its ECG, stepping through the worklist's list. */
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import { ApiRequestError } from '../../../lib/api-client';
import { readSampleFilters, withSampleFilters } from '../../../lib/sample-filters';
import { ReasoningView } from '../../../reasoning/components/reasoning-view';
import type { SampleFilters, SampleResponse } from '../../../schemas/api/samples';
import { useSample } from '../../../reasoning/api/get-sample';
import { useSampleNeighbours } from '../api/get-sample-neighbours';
import { usePrefetchNeighbours } from '../api/prefetch-neighbours';
import { SAMPLE_COMMANDS } from '../sample-keymap';
import { SampleMetadata } from '../../../reasoning/components/sample-metadata';

/**
 * Route element for /samples/:id (the worklist's filters ride along in the query); `canEdit`
 * (the user may write samples) adds "Edit", to the chain editor.
 */
export function SampleViewRoute({ canEdit = false }: { canEdit?: boolean }) {
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const query = search.toString();
  const filters = useMemo(() => readSampleFilters(new URLSearchParams(query)), [query]);
  return <SampleView sampleId={id} filters={filters} canEdit={canEdit} />;
}

/** One sample, with the worklist's filters deciding its previous and next. */
export function SampleView({
  sampleId,
  filters,
  canEdit = false,
}: {
  sampleId: string;
  filters: SampleFilters;
  canEdit?: boolean;
}) {
  const navigate = useNavigate();
  const location = useLocation();
  const sampleQuery = useSample(sampleId);
  const neighbours = useSampleNeighbours(sampleId, filters).data;
  const prevId = neighbours?.previous ?? undefined;
  const nextId = neighbours?.next ?? undefined;
  usePrefetchNeighbours([nextId, prevId], filters);

  // Samples replace each other in the history, so Back leaves the sample view for the worklist.
  const open = useCallback(
    (id: string | undefined) => {
      if (id) void navigate(withSampleFilters(`/samples/${id}`, filters), { replace: true });
    },
    [navigate, filters],
  );
  const backToWorklist = () => {
    // 'default' is the page the browser opened: no worklist behind it to go back to.
    if (location.key !== 'default') void navigate(-1);
    else void navigate(withSampleFilters('/', filters), { replace: true });
  };
  const edit = useCallback(() => {
    if (!canEdit) return false;
    void navigate(`/samples/${sampleId}/edit`);
  }, [canEdit, navigate, sampleId]);
  const commandContext = useMemo(
    () => ({ next: () => open(nextId), previous: () => open(prevId), edit }),
    [open, nextId, prevId, edit],
  );

  if (sampleQuery.error) {
    const e = sampleQuery.error;
    const title =
      e instanceof ApiRequestError && e.status === 404
        ? `No sample with id ${sampleId}`
        : e instanceof ApiRequestError && e.status === 401
          ? 'Sign in to see samples'
          : 'The sample could not be loaded';
    return (
      <div className="p-6">
        <Message tone="error" title={title}>
          {e.message}
        </Message>
      </div>
    );
  }
  const detail = sampleQuery.data;
  if (!detail)
    return (
      <p className="p-6 text-slate-600" role="status">
        Loading sample…
      </p>
    );

  return (
    <ReasoningView
      sample={detail.sample}
      sampleKey={sampleId}
      ecg={detail.ecg}
      keymapTitle="Sample"
      commands={SAMPLE_COMMANDS}
      commandContext={commandContext}
      keyHint="J/K step · [ ] or Shift+J/K sample · 1–9 grounding · B beats · Esc clear"
      header={
        <SampleHeader
          detail={detail}
          position={neighbours ? `${neighbours.position ?? '–'} / ${neighbours.total}` : ''}
          onBack={backToWorklist}
          onEdit={canEdit ? () => void edit() : undefined}
          onPrevious={prevId ? () => open(prevId) : undefined}
          onNext={nextId ? () => open(nextId) : undefined}
        />
      }
      status={
        <>
          <span>Version {detail.version}</span>
          <span>Updated {new Date(detail.updatedAt).toLocaleString()}</span>
        </>
      }
    />
  );
}

/** Title, metadata and the worklist navigation of a sample. */
function SampleHeader({
  detail,
  position,
  onBack,
  onEdit,
  onPrevious,
  onNext,
}: {
  detail: SampleResponse;
  position: string;
  onBack: () => void;
  onEdit: (() => void) | undefined;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}) {
  const m = detail.sample.metadata;
  return (
    <>
      <Button onClick={onBack}>‹ Worklist</Button>
      <h1 className="font-semibold">
        Sample {m.id} · {targetDxName(m.target_dx)}
      </h1>
      <SampleMetadata metadata={m} leading={[['Source', m.data_source]]} />
      {onEdit && (
        <Button shortcut="E" onClick={onEdit}>
          Edit
        </Button>
      )}
      <nav className="ml-auto flex items-center gap-1" aria-label="Samples">
        <Button shortcut="[" disabled={!onPrevious} onClick={onPrevious}>
          ‹ Previous sample
        </Button>
        <span className="tabular-nums text-slate-500">{position}</span>
        <Button shortcut="]" disabled={!onNext} onClick={onNext}>
          Next sample ›
        </Button>
      </nav>
    </>
  );
}
