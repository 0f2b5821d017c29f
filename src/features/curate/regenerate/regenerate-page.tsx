/**
 * Regenerating every sample of one diagnosis from the workspace's templates on its own ECG
 * (/curate/regenerate?dx=...): the preview lists, sample by sample, the fields that would change;
 * applying writes them all in one transaction, or nothing if anything changed since the preview.
 */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TARGET_DX_NAMES } from '../../../domain/benchmark/target-dx-names';
import { ApiRequestError } from '../../../lib/api-client';
import type { RegenerationPreview } from '../../../schemas/api/curation';
import { TARGET_DX, type TargetDx } from '../../../schemas/benchmark-sample';
import { useApplyRegeneration, useRegenerationPreview } from '../api/curation-api';
import { FieldChanges } from '../field-changes';

const isTargetDx = (value: string | null): value is TargetDx =>
  value !== null && (TARGET_DX as readonly string[]).includes(value);

function PreviewTable({ preview }: { preview: RegenerationPreview }) {
  const changed = preview.items.filter((i) => i.outcome === 'changed');
  const unchanged = preview.items.filter((i) => i.outcome === 'unchanged');
  const skipped = preview.items.filter((i) => i.outcome === 'skipped');
  return (
    <div className="space-y-3">
      <table
        className="w-full border-collapse text-left text-[13px]"
        aria-label="Samples that change"
      >
        <thead className="bg-slate-100">
          <tr>
            <th className="px-2 py-1 font-medium">Sample</th>
            <th className="px-2 py-1 font-medium">ECG</th>
            <th className="px-2 py-1 font-medium">Fields that change</th>
          </tr>
        </thead>
        <tbody>
          {changed.length === 0 && (
            <tr>
              <td colSpan={3} className="px-2 py-1 text-slate-600">
                No sample would change.
              </td>
            </tr>
          )}
          {changed.map((item) => (
            <tr
              key={item.id}
              className="border-t border-slate-100 align-top"
              data-testid="regeneration-row"
            >
              <td className="px-2 py-1 font-medium whitespace-nowrap tabular-nums">
                <Link className="underline" to={`/samples/${item.id}`}>
                  {item.key}
                </Link>
              </td>
              <td className="px-2 py-1 tabular-nums">{item.ecgId}</td>
              <td className="px-2 py-1">
                <FieldChanges
                  changes={item.fields}
                  summary={`${item.fields.length} field${item.fields.length === 1 ? '' : 's'}: ${item.fields
                    .slice(0, 3)
                    .map((f) => f.path)
                    .join(', ')}${item.fields.length > 3 ? ', …' : ''}`}
                />
                {item.notes.length > 0 && (
                  <p className="text-[12px] text-slate-600">Notes: {item.notes.join('; ')}</p>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {unchanged.length > 0 && (
        <p className="text-[13px] text-slate-700">
          Unchanged ({unchanged.length}): {unchanged.map((i) => i.key).join(', ')}
        </p>
      )}
      {skipped.length > 0 && (
        <details className="text-[13px]">
          <summary className="cursor-pointer text-slate-700">
            Cannot be generated, left as they are ({skipped.length})
          </summary>
          <ul
            className="mt-1 max-h-64 overflow-auto"
            tabIndex={0}
            aria-label="Samples left as they are"
          >
            {skipped.map((i) => (
              <li key={i.id}>
                <span className="font-medium tabular-nums">{i.key}</span> (ECG {i.ecgId}):{' '}
                {i.problems.join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function ApplyBar({
  preview,
  apply,
}: {
  preview: RegenerationPreview;
  /** The page's mutation: its answer outlives the preview made again after it. */
  apply: ReturnType<typeof useApplyRegeneration>;
}) {
  const [confirming, setConfirming] = useState(false);
  const n = preview.counts.changed;
  if (apply.data && apply.variables.targetDx === preview.targetDx) {
    return (
      <div data-testid="regeneration-applied">
        <Message
          tone="info"
          title={`Written: ${apply.data.written} sample${apply.data.written === 1 ? '' : 's'}`}
        >
          {apply.data.unchanged} unchanged, {apply.data.skipped} left as they are,{' '}
          {apply.data.closedFlags} open flag{apply.data.closedFlags === 1 ? '' : 's'} closed as
          fixed. The written samples await review.{' '}
          <Link className="underline" to="/curate">
            Back to the board
          </Link>
        </Message>
      </div>
    );
  }
  const stale =
    apply.error instanceof ApiRequestError && apply.error.code === 'regeneration_changed';
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!confirming ? (
        <Button disabled={n === 0} onClick={() => setConfirming(true)}>
          Apply: regenerate {n} sample{n === 1 ? '' : 's'}…
        </Button>
      ) : (
        <>
          <span className="text-[13px]">
            Writes {n} regenerate revision{n === 1 ? '' : 's'} in one transaction; they go back to
            review.
          </span>
          <Button
            // The confirming button takes the focus: Enter applies, Tab reaches Cancel.
            autoFocus
            disabled={apply.isPending}
            onClick={() => apply.mutate({ targetDx: preview.targetDx, token: preview.token })}
            className="!border-[#0072B2] !bg-[#0072B2] !text-white"
          >
            {apply.isPending ? 'Writing…' : `Write ${n} revision${n === 1 ? '' : 's'}`}
          </Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </>
      )}
      {apply.isError && (
        <p role="alert" className="w-full text-[13px] text-ok-problem-ink">
          Nothing was written: {apply.error.message}
          {stale ? ' The preview below is being made again.' : ''}
        </p>
      )}
    </div>
  );
}

/** Route element for /curate/regenerate. */
export function RegeneratePage() {
  const [params, setParams] = useSearchParams();
  const dxParam = params.get('dx');
  const targetDx = isTargetDx(dxParam) ? dxParam : null;
  const preview = useRegenerationPreview(targetDx);
  const apply = useApplyRegeneration();
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <Link
          to="/curate"
          className="rounded border border-slate-300 px-2 py-0.5 text-[13px] hover:bg-slate-100"
        >
          ‹ Board
        </Link>
        <h1 className="text-base font-semibold">Regenerate a diagnosis</h1>
        <label className="flex flex-col text-xs text-slate-600">
          Diagnosis
          <select
            className="mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-sm text-slate-900"
            value={targetDx ?? ''}
            onChange={(e) => {
              apply.reset();
              setParams(e.target.value ? { dx: e.target.value } : {}, { replace: true });
            }}
          >
            <option value="">Choose…</option>
            {TARGET_DX.map((dx) => (
              <option key={dx} value={dx}>
                {TARGET_DX_NAMES[dx]}
              </option>
            ))}
          </select>
        </label>
        <p className="max-w-xl text-[12px] text-slate-600">
          Every sample of the diagnosis is generated anew from the workspace&apos;s templates on its
          own ECG, keeping the beats its answer windows sit on. Nothing is written until you apply.
        </p>
      </div>
      <div className="min-h-0 flex-1 space-y-3 overflow-auto p-4">
        {!targetDx && (
          <p className="text-slate-600">Choose a diagnosis to preview its regeneration.</p>
        )}
        {targetDx && preview.isFetching && (
          <p className="text-slate-600" role="status">
            Generating every {TARGET_DX_NAMES[targetDx]} sample on its ECG (nothing is written)…
          </p>
        )}
        {preview.isError && (
          <Message tone="error" title="The preview could not be made">
            {preview.error.message}
          </Message>
        )}
        {preview.data && !preview.isFetching && (
          <section aria-labelledby="preview-title" className="space-y-3">
            <h2 id="preview-title" className="font-semibold" data-testid="regeneration-summary">
              {TARGET_DX_NAMES[preview.data.targetDx]}: {preview.data.counts.samples} samples,{' '}
              {preview.data.counts.changed} would change, {preview.data.counts.unchanged} unchanged,{' '}
              {preview.data.counts.skipped} cannot be generated
            </h2>
            <ApplyBar key={preview.data.token} preview={preview.data} apply={apply} />
            <PreviewTable preview={preview.data} />
          </section>
        )}
      </div>
    </div>
  );
}
