/** The plot area of any ECG screen: the record's plot with what is drawn on it, or why there is none. */
import type { ReactNode } from 'react';
import { Message } from '../components/ui/message';
import { isWfdbError } from '../domain/wfdb/errors';
import type { DecodedRecord } from '../domain/wfdb/decode';
import { ApiRequestError } from '../lib/api-client';
import { EcgPlot, type EcgPlotProps } from '../plot/ecg-plot';
import type { PlotStore } from '../plot/viewport-store';

/** Words for why a record could not be shown, and what to do about it. */
export function recordErrorText(error: unknown): { title: string; detail: string } {
  if (isWfdbError(error)) {
    return {
      title: 'The ECG record is broken',
      detail: `${error.message}. The sample's text is still shown on the right; the record files need fixing or replacing.`,
    };
  }
  if (error instanceof ApiRequestError && error.status === 404) {
    return {
      title: 'The ECG record was not found',
      detail: `${error.message}. Check that RECORDS_DIR points at the records folder that holds this ECG.`,
    };
  }
  if (error instanceof ApiRequestError && error.status === 401) {
    return { title: 'Signed out', detail: 'Sign in again to load the record.' };
  }
  return {
    title: 'The ECG record could not be loaded',
    detail: error instanceof Error ? error.message : String(error),
  };
}

/**
 * The plot with its overlays (`plot`: bands, highlights, beats, plugins), and `children` under it
 * (a screen's own panels); or a clear message where the plot would be.
 */
export function RecordPanel({
  record,
  error,
  loading,
  recordAvailable,
  plotStore,
  plot,
  children,
}: {
  record: DecodedRecord | undefined;
  error: unknown;
  loading: boolean;
  recordAvailable: boolean;
  plotStore: PlotStore;
  plot?: Omit<EcgPlotProps, 'record' | 'store' | 'className'>;
  children?: ReactNode;
}) {
  let body: ReactNode;
  if (!recordAvailable) {
    body = (
      <Message tone="error" title="No ECG record for this sample">
        The server has no WFDB files for this ECG under its records folder (RECORDS_DIR). The
        sample&apos;s text is still shown on the right.
      </Message>
    );
  } else if (error) {
    const { title, detail } = recordErrorText(error);
    body = (
      <Message tone="error" title={title}>
        {detail}
      </Message>
    );
  } else if (loading || !record) {
    body = (
      <p className="text-slate-600" role="status">
        Loading the ECG record…
      </p>
    );
  }
  if (body) {
    return (
      <div
        className="flex h-full items-start justify-center bg-slate-100 p-6"
        data-testid="record-message"
      >
        <div className="max-w-xl">{body}</div>
      </div>
    );
  }
  return (
    <div className="flex h-full min-h-0 flex-col">
      <EcgPlot className="min-h-0 flex-1" record={record!} store={plotStore} {...plot} />
      {children}
    </div>
  );
}
