/** How a trace is stroked: as 1-device-px hairlines, more of them side by side where it should look thicker. */
import { TRACE_WIDTH_CSS_PX } from '../theme';

/** Gap between neighbouring hairline passes, in device px. */
const PASS_STEP_DEVICE_PX = 0.75;
/** Most hairline passes a trace gets. */
const MAX_PASSES = 3;

/**
 * Device-px offsets (applied to x and y alike) of the hairline passes that draw a trace at a zoom
 * and pixel ratio. Software rasterisers stroke a 1 px line many times faster than a wider one (a
 * dense trace has ~2 vertices per pixel column), so width comes from parallel hairlines: one at
 * pixel ratio 1, two or three on high-density screens and when zoomed in there.
 */
export function traceHairlineOffsets(zoom: number, dpr: number): number[] {
  const widthDevicePx = TRACE_WIDTH_CSS_PX * dpr * Math.min(1.5, Math.max(0.75, zoom));
  const passes = Math.min(MAX_PASSES, Math.max(1, Math.floor(widthDevicePx)));
  const first = -((passes - 1) * PASS_STEP_DEVICE_PX) / 2;
  return Array.from({ length: passes }, (_, k) => first + k * PASS_STEP_DEVICE_PX);
}
