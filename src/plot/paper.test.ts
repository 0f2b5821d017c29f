import { describe, expect, it } from 'vitest';
import { cssPxToCanvasPx, mmToCssPx, mvToMm, secondsToMm, snapToDevicePixel } from './paper';

describe('paper units', () => {
  it('maps mm and mV to CSS px and canvas px', () => {
    expect(secondsToMm(0.2, 25)).toBeCloseTo(5, 12);
    expect(secondsToMm(0.2, 12.5)).toBeCloseTo(2.5, 12);
    expect(mvToMm(1, 10)).toBe(10);
    expect(mvToMm(1, 5)).toBe(5);
    expect(mmToCssPx(10, 96 / 25.4)).toBeCloseTo(37.795, 3);
    expect(cssPxToCanvasPx(mmToCssPx(10, 96 / 25.4), 2)).toBeCloseTo(75.59, 2);
  });

  it('snaps lines to device pixel centres', () => {
    expect(snapToDevicePixel(10.3, 1)).toBe(10.5);
    expect(snapToDevicePixel(10.3, 2)).toBe(10.25);
    expect((snapToDevicePixel(10.3, 1.5) * 1.5) % 1).toBeCloseTo(0.5, 9);
  });
});
