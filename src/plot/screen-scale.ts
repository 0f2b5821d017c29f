/**
 * The screen's scale: how many device pixels make a millimetre on this screen. A browser cannot
 * know its screen's physical size, so the user calibrates it once against a bank card; until then
 * the CSS figure (96 px per inch) stands. Stored in device px so a browser zoom, which changes
 * CSS px per device px, keeps true size true.
 */
import { z } from 'zod';
import { CSS_PX_PER_MM_NOMINAL } from './paper';

/** An ID-1 card (bank, ID or loyalty card, ISO/IEC 7810): width and height in mm. */
export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 53.98;
/** Plausible screens, in device px per mm: from a 50 dpi wall display to a 400 dpi phone panel. */
export const MIN_DEVICE_PX_PER_MM = 2;
export const MAX_DEVICE_PX_PER_MM = 16;

/** A calibration as stored in the browser. */
export const ScreenScaleSchema = z.object({
  devicePxPerMm: z.number().min(MIN_DEVICE_PX_PER_MM).max(MAX_DEVICE_PX_PER_MM),
});
export type ScreenScale = z.infer<typeof ScreenScaleSchema>;

/** CSS px per mm for a calibration (none: the nominal figure) at a device pixel ratio. */
export function cssPxPerMm(scale: ScreenScale | null, dpr: number): number {
  return scale ? scale.devicePxPerMm / dpr : CSS_PX_PER_MM_NOMINAL;
}

/** The calibration a card drawn `cardWidthCssPx` wide implies, refused outside plausible screens. */
export function calibrateFromCard(cardWidthCssPx: number, dpr: number): ScreenScale {
  const devicePxPerMm = (cardWidthCssPx * dpr) / CARD_WIDTH_MM;
  const parsed = ScreenScaleSchema.safeParse({ devicePxPerMm });
  if (!parsed.success)
    throw new Error(
      `screen scale: a card ${cardWidthCssPx} px wide means ${devicePxPerMm.toFixed(2)} device px per mm; a screen has ${MIN_DEVICE_PX_PER_MM}-${MAX_DEVICE_PX_PER_MM}`,
    );
  return parsed.data;
}

/** The card width in CSS px that a scale (or the nominal one) draws. */
export function cardWidthCssPx(scale: ScreenScale | null, dpr: number): number {
  return CARD_WIDTH_MM * cssPxPerMm(scale, dpr);
}

/** A stored calibration read back; anything else (absent, edited, from an old version) is none. */
export function readStoredScale(value: unknown): ScreenScale | null {
  const parsed = ScreenScaleSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
