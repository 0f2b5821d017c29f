/**
 * The sample routes with the signed-in role composed in: the sample view (with "Edit" for those
 * who may write samples) and the chain editor (`/samples/:id/edit`). Both carry the plot, so they
 * load lazily.
 */
import { lazy } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../features/session/api/session';
import { canWriteSamples } from '../schemas/api/samples';

const SampleViewRoute = lazy(async () => ({
  default: (await import('../features/samples/components/sample-view')).SampleViewRoute,
}));
const ChainEditor = lazy(async () => ({
  default: (await import('../reasoning/editor/components/chain-editor')).ChainEditor,
}));

/** Route element for /samples/:id. */
export function SampleRoute() {
  return <SampleViewRoute canEdit={canWriteSamples(useSession().data?.role)} />;
}

/** Route element for /samples/:id/edit. */
export function ChainEditorRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const canEdit = canWriteSamples(useSession().data?.role);
  return (
    <ChainEditor
      sampleId={id}
      canEdit={canEdit}
      onOpenSample={(other) => void navigate(`/samples/${other}/edit`)}
      navigation={
        <Link
          to={`/samples/${id}`}
          className="rounded border border-slate-300 px-2 py-0.5 text-[13px] hover:bg-slate-100"
        >
          ‹ Sample view
        </Link>
      }
    />
  );
}
