import { describe, expect, it } from 'vitest';
import { CSS_PX_PER_MM_NOMINAL } from './paper';
import {
  CARD_WIDTH_MM,
  calibrateFromCard,
  cardWidthCssPx,
  cssPxPerMm,
  readStoredScale,
} from './screen-scale';

describe('screen scale', () => {
  it('uses the nominal 96 dpi figure until calibrated', () => {
    expect(cssPxPerMm(null, 1)).toBe(CSS_PX_PER_MM_NOMINAL);
    expect(cssPxPerMm(null, 2)).toBe(CSS_PX_PER_MM_NOMINAL);
    expect(cardWidthCssPx(null, 1)).toBeCloseTo(CARD_WIDTH_MM * CSS_PX_PER_MM_NOMINAL, 9);
  });

  it('calibrates from a card matched on screen, in device px so a browser zoom keeps it', () => {
    const scale = calibrateFromCard(400, 1);
    expect(scale.devicePxPerMm).toBeCloseTo(400 / 85.6, 9);
    expect(cssPxPerMm(scale, 1)).toBeCloseTo(400 / 85.6, 9);
    // At 125% browser zoom a CSS px covers 1.25 device px: fewer CSS px make a millimetre.
    expect(cssPxPerMm(scale, 1.25)).toBeCloseTo(400 / 85.6 / 1.25, 9);
    // The card the dialog draws for a scale is the card it was calibrated with.
    expect(cardWidthCssPx(scale, 1)).toBeCloseTo(400, 9);
    expect(calibrateFromCard(400, 2).devicePxPerMm).toBeCloseTo(800 / 85.6, 9);
  });

  it('refuses a card no screen could show, saying why', () => {
    expect(() => calibrateFromCard(50, 1)).toThrow(/0\.58 device px per mm; a screen has 2-16/);
    expect(() => calibrateFromCard(2000, 1)).toThrow(/23\.36/);
  });

  it('reads back only a valid stored calibration', () => {
    expect(readStoredScale({ devicePxPerMm: 4.2 })).toEqual({ devicePxPerMm: 4.2 });
    for (const bad of [null, undefined, 'x', {}, { devicePxPerMm: 'big' }, { devicePxPerMm: 90 }])
      expect(readStoredScale(bad)).toBeNull();
  });
});
