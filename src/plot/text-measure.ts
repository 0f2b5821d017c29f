/** Text widths for overlay labels, measured with a shared offscreen 2D context (browser only). */

let measureContext: CanvasRenderingContext2D | null = null;

/** Width in px of `text` in a CSS font (e.g. "bold 13px sans-serif"). */
export function measureTextPx(text: string, font: string): number {
  // Outside a browser (unit tests of pure hit-testing) an estimate will do.
  if (typeof document === 'undefined') return text.length * 8;
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 8;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}
