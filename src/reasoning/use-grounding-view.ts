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

/** The view of grounding question `ref` of `steps` over a record's beats and measurements. */
export function useGroundingView(
  steps: readonly StepV002[],
  ref: GroundingRef | null,
  beatTimesS: readonly number[] | null,
  measurements: Measurements | null,
): GroundingView {
  const groundings = useMemo(
    () => (ref ? (steps[ref.step]?.ecg_grounding ?? []) : []),
    [steps, ref],
  );
  const active = ref ? groundings[ref.index] : undefined;
  const overlays = useMemo(() => {
    if (!active || !ref) return null;
    const own = groundingOverlays(active, beatTimesS);
    const context = measurementContext(groundings, ref.index);
    return {
      ...own,
      bands: [...context.bands, ...own.bands],
      highlights: [...context.highlights, ...own.highlights],
    };
  }, [active, beatTimesS, groundings, ref]);
  const measurement = useMemo(
    () => (ref && measurements ? appMeasurement(groundings, ref.index, measurements) : null),
    [ref, measurements, groundings],
  );
  const usesBeats = active?.options.some((o) => o.includes('QRS wave')) ?? false;
  return { overlays, measurement, usesBeats };
}
