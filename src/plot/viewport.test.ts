import { describe, expect, it } from 'vitest';
import {
  clampViewport,
  IDENTITY_VIEWPORT,
  MAX_ZOOM,
  panBy,
  screenToWorldX,
  screenToWorldY,
  worldToScreenX,
  zoomAt,
} from './viewport';

describe('viewport', () => {
  it('zooms about the pointer, keeping the world point under it fixed', () => {
    const vp = zoomAt(panBy(IDENTITY_VIEWPORT, 30, 10), 2, 400, 200);
    expect(vp.zoom).toBe(2);
    expect(screenToWorldX(vp, 400)).toBeCloseTo(430, 9);
    expect(screenToWorldY(vp, 200)).toBeCloseTo(210, 9);
    expect(worldToScreenX(vp, 430)).toBeCloseTo(400, 9);
    expect(zoomAt(IDENTITY_VIEWPORT, 1000, 0, 0).zoom).toBe(MAX_ZOOM);
  });

  it('keeps the paper on screen when panning', () => {
    const paper = { width: 1000, height: 500 };
    const stage = { width: 800, height: 600 };
    expect(clampViewport({ zoom: 1, panX: -50, panY: 80 }, paper, stage)).toEqual({
      zoom: 1,
      panX: 0,
      panY: 0,
    });
    expect(clampViewport({ zoom: 1, panX: 900, panY: 0 }, paper, stage).panX).toBe(200);
    expect(clampViewport({ zoom: 2, panX: 900, panY: 900 }, paper, stage)).toEqual({
      zoom: 2,
      panX: 900,
      panY: 400,
    });
  });
});
