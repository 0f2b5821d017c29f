/** What the drawn grounding question puts on and beside the plot: overlays and the app's measurement. */
import { useMemo } from 'react';
import type { Measurements } from '../domain/measure/types';
import type { StepV002 } from '../schemas/benchmark-sample';
import { appMeasurement, type AppMeasurement } from './app-measurement';
import {
  groundingOverlays,
  measurementContext,
  type GroundingOverlays,
} from './grounding-overlays';
import type { GroundingRef } from './reasoning-store';

/** The drawn question's overlays (null when none is drawn), the app's value, and whether it needs beats. */
export interface GroundingView {
  readonly overlays: GroundingOverlays | null;
  readonly measurement: AppMeasurement | null;
  /** True when the question's options are "Nth QRS wave" ranges, drawn over detected beats. */
  readonly usesBeats: boolean;
}

/** The view of grounding question `ref` of `steps` over a record's measurements (its beats included). */
export function useGroundingView(
  steps: readonly StepV002[],
  ref: GroundingRef | null,
  measurements: Measurements | null,
): GroundingView {
  const active = ref ? steps[ref.step]?.ecg_grounding[ref.index] : undefined;
  // Every rule (which window, which beat, which lead) is the grounding module's; these adapters
  // only turn its structured data into the plot's bands and highlights and the panel's value.
  const overlays = useMemo(() => {
    if (!active || !ref) return null;
    const own = groundingOverlays(active, measurements);
    const context = measurementContext(steps, ref);
    return {
      ...own,
      bands: [...context.bands, ...own.bands],
      highlights: [...context.highlights, ...own.highlights],
    };
  }, [active, measurements, steps, ref]);
  const measurement = useMemo(
    () => (ref && measurements ? appMeasurement(steps, ref, measurements) : null),
    [ref, measurements, steps],
  );
  return { overlays, measurement, usesBeats: overlays?.usesBeats ?? false };
}
