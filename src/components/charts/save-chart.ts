/** Saving a chart: its SVG as drawn, a PNG of it, and the rows behind it as CSV. */
import { writeCsv } from '../../domain/csv/write-csv';

/** Offers a blob to the user as a download. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The chart's main SVG (the largest one: Plot's legends are small SVGs beside it). */
export function mainSvg(host: Element): SVGSVGElement | null {
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of host.querySelectorAll('svg')) {
    const area = svg.width.baseVal.value * svg.height.baseVal.value;
    if (area > bestArea) [best, bestArea] = [svg, area];
  }
  return best;
}

/** The SVG as a standalone document, with `css` (the chart's own styles) in a <style> inside it. */
export function svgText(svg: SVGSVGElement, css = ''): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  if (css) {
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = css;
    copy.prepend(style);
  }
  return new XMLSerializer().serializeToString(copy);
}

/** Renders the SVG (with its `css`) onto a white canvas at `scale` device px per CSS px: a PNG. */
export async function svgToPng(svg: SVGSVGElement, css = '', scale = 2): Promise<Blob> {
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
  const url = URL.createObjectURL(new Blob([svgText(svg, css)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw a canvas to save the PNG.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Rows of objects as CSV: the given columns in order, numbers as JavaScript writes them. */
export function rowsToCsv<Row extends object>(
  rows: readonly Row[],
  columns: readonly (keyof Row & string)[],
): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return writeCsv([columns, ...rows.map((row) => columns.map((c) => cell(row[c])))]);
}
