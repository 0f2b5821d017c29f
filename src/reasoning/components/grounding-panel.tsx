/** The record's plot with the drawn grounding question on it and its measurement ranges under it. */
import type { EcgRef } from '../../ecg/use-ecg';
import { RecordPanel } from '../../ecg/record-panel';
import type { DecodedRecord } from '../../domain/wfdb/decode';
import type { EcgPlotProps } from '../../plot/ecg-plot';
import type { PlotPlugin } from '../../plot/interactions/plot-plugin';
import type { PlotStore } from '../../plot/viewport-store';
import type { GroundingView } from '../use-grounding-view';
import { MeasurementRanges } from './measurement-ranges';

/** The plot area of a reasoning view: bands, highlights, beats; ranges and what was not drawn. */
export function GroundingPanel({
  ecg,
  record,
  error,
  loading,
  plotStore,
  view,
  beatTimesS,
  showBeats,
  plugins,
  plotOptions,
}: {
  ecg: EcgRef;
  record: DecodedRecord | undefined;
  error: unknown;
  loading: boolean;
  plotStore: PlotStore;
  view: GroundingView;
  beatTimesS: readonly number[] | null;
  showBeats: boolean;
  plugins?: readonly PlotPlugin[];
  /** A second plot on one screen: `pageKeys: false` leaves the page's keys to the first. */
  plotOptions?: Pick<EcgPlotProps, 'pageKeys' | 'plotId'>;
}) {
  const { overlays, measurement } = view;
  return (
    <RecordPanel
      record={record}
      error={error}
      loading={loading}
      recordAvailable={ecg.recordAvailable}
      plotStore={plotStore}
      plot={{
        highlights: overlays?.highlights,
        bands: overlays?.bands,
        beatTimesS: (showBeats || view.usesBeats) && beatTimesS ? beatTimesS : undefined,
        plugins,
        ...plotOptions,
      }}
    >
      {overlays && overlays.ranges.length > 0 && (
        <MeasurementRanges ranges={overlays.ranges} store={plotStore} app={measurement} />
      )}
      {overlays && overlays.problems.length > 0 && (
        <div className="border-t border-slate-200 bg-orange-50 px-2 py-1 text-[13px]" role="status">
          Not drawn: {overlays.problems.join('; ')}
        </div>
      )}
    </RecordPanel>
  );
}
