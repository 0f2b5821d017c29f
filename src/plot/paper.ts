/** Paper scale: millimetres, millivolts and seconds to CSS and canvas pixels. */

/** Paper speeds the plot offers, in mm/s (25 is the clinical default). */
export const SPEEDS_MM_PER_S = [12.5, 25, 50, 100] as const;
/** Paper gains the plot offers, in mm/mV (10 is the clinical default). */
export const GAINS_MM_PER_MV = [5, 10, 20] as const;
/** A paper speed the plot offers, in mm/s. */
export type SpeedMmPerS = (typeof SPEEDS_MM_PER_S)[number];
/** A paper gain the plot offers, in mm/mV. */
export type GainMmPerMv = (typeof GAINS_MM_PER_MV)[number];

/** CSS pixels per millimetre on a nominal 96 dpi screen (CSS defines 1 in = 96 px). */
export const CSS_PX_PER_MM_NOMINAL = 96 / 25.4;
/** Calibration pulse amplitude in mV. */
export const CALIBRATION_MV = 1;
/** Calibration pulse duration in seconds (200 ms). */
export const CALIBRATION_S = 0.2;

/** How the paper maps onto the screen: speed (mm/s), gain (mm/mV), CSS px per mm. */
export interface PaperScale {
  readonly speedMmPerS: number;
  readonly gainMmPerMv: number;
  readonly pxPerMm: number;
}

/** The clinical default: 25 mm/s, 10 mm/mV on a nominal 96 dpi screen. */
export const DEFAULT_PAPER: PaperScale = {
  speedMmPerS: 25,
  gainMmPerMv: 10,
  pxPerMm: CSS_PX_PER_MM_NOMINAL,
};

/** Millimetres of paper -> CSS px. */
export const mmToCssPx = (mm: number, pxPerMm: number): number => mm * pxPerMm;
/** CSS px -> canvas (device) px for a device pixel ratio. */
export const cssPxToCanvasPx = (cssPx: number, dpr: number): number => cssPx * dpr;
/** Seconds of signal -> millimetres of paper at a speed in mm/s. */
export const secondsToMm = (seconds: number, speedMmPerS: number): number => seconds * speedMmPerS;
/** Millivolts -> millimetres of paper at a gain in mm/mV. */
export const mvToMm = (amplitudeMv: number, gainMmPerMv: number): number =>
  amplitudeMv * gainMmPerMv;
/** CSS px per second of signal for a paper scale. */
export const pxPerSecond = (scale: PaperScale): number => scale.speedMmPerS * scale.pxPerMm;
/** CSS px per millivolt for a paper scale. */
export const pxPerMv = (scale: PaperScale): number => scale.gainMmPerMv * scale.pxPerMm;

/** Rounds a CSS coordinate to the nearest device pixel centre so 1-device-px lines stay sharp. */
export function snapToDevicePixel(cssPx: number, dpr: number): number {
  return (Math.floor(cssPx * dpr) + 0.5) / dpr;
}
