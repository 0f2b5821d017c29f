/**
 * A chart with its title, a one-line reading guide, save buttons (SVG, PNG, the data as CSV)
 * and its data as a table whose rows can open what stands behind them. The chart is drawn by
 * `draw` (Observable Plot) at the frame's width; a click on a mark hands its datum to `onPick`.
 */
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from '../ui/button';
import { download, mainSvg, rowsToCsv, svgText, svgToPng } from './save-chart';

/** One column of the chart's data table and CSV. */
export interface ChartColumn<Row> {
  readonly key: keyof Row & string;
  readonly label: string;
  readonly format?: (value: Row[keyof Row]) => string;
}

/**
 * Takes Observable Plot's <style> elements out of a chart before it joins the page: the CSP
 * refuses inline styles (and reports each), and styles.css carries their rules for Plot's
 * default class. Returns their CSS, which a saved SVG (a file of its own) puts back.
 */
function detachStyles(chart: Element): string {
  const styles = [...chart.querySelectorAll('style')];
  for (const style of styles) style.remove();
  return styles.map((style) => style.textContent ?? '').join('\n');
}

/** Chart frame props. */
export interface ChartFrameProps<Row extends object> {
  readonly title: string;
  /** How to read the chart (what the marks, lines and dashes are). */
  readonly description: string;
  /** File names of the saved SVG, PNG and CSV (without extension). */
  readonly fileName: string;
  readonly rows: readonly Row[];
  readonly columns: readonly ChartColumn<Row>[];
  /** Draws the chart at a width in CSS px (an Observable Plot element). */
  readonly draw: (width: number) => Element;
  /** Opens what stands behind a mark or a table row. */
  readonly onPick?: (row: Row) => void;
  /** The table button's words, e.g. "Samples". */
  readonly pickLabel?: string;
  readonly children?: ReactNode;
}

/** A chart with its saves and data table. */
export function ChartFrame<Row extends object>(props: ChartFrameProps<Row>) {
  const { title, description, fileName, rows, columns, draw, onPick, pickLabel = 'Open' } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // The CSS Plot wrote into the chart (out of the page, see detachStyles): the saved SVG keeps it.
  const styleRef = useRef('');
  const titleRef = useRef(title);
  const pickRef = useRef(onPick);
  useLayoutEffect(() => {
    pickRef.current = onPick;
    titleRef.current = title;
  }, [onPick, title]);

  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const observer = new ResizeObserver(() => setWidth(Math.floor(host.clientWidth)));
    observer.observe(host);
    setWidth(Math.floor(host.clientWidth));
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const host = hostRef.current;
    if (!host || width === 0) return;
    const chart = draw(width);
    styleRef.current = detachStyles(chart);
    // One image with the chart's title for assistive technology (its marks are not named parts
    // of the page); the data table under it carries the numbers.
    const svg = chart instanceof SVGSVGElement ? chart : mainSvg(chart);
    svg?.setAttribute('role', 'img');
    svg?.setAttribute('aria-label', `${titleRef.current}: chart; its data is in the table below`);
    // Plot names its mark groups (aria-label="bar"); a name needs a role that may carry one.
    for (const g of chart.querySelectorAll('g[aria-label]')) g.setAttribute('role', 'group');
    host.replaceChildren(chart);
    // Plot's pointer interaction keeps the datum under the pointer as the chart's value.
    const onClick = () => {
      const value = (chart as Element & { value?: Row | null }).value;
      if (value) pickRef.current?.(value);
    };
    chart.addEventListener('click', onClick);
    return () => {
      chart.removeEventListener('click', onClick);
      chart.remove();
    };
  }, [draw, width]);

  const save = async (kind: 'svg' | 'png' | 'csv') => {
    setError(null);
    try {
      if (kind === 'csv') {
        download(
          new Blob(
            [
              rowsToCsv(
                rows,
                columns.map((c) => c.key),
              ),
            ],
            { type: 'text/csv' },
          ),
          `${fileName}.csv`,
        );
        return;
      }
      const svg = hostRef.current && mainSvg(hostRef.current);
      if (!svg) throw new Error('The chart is not drawn yet.');
      const blob =
        kind === 'svg'
          ? new Blob([svgText(svg, styleRef.current)], { type: 'image/svg+xml' })
          : await svgToPng(svg, styleRef.current);
      download(blob, `${fileName}.${kind}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const format = (column: ChartColumn<Row>, row: Row) =>
    column.format ? column.format(row[column.key]) : String(row[column.key] ?? '');

  return (
    <section
      aria-label={title}
      data-testid={`chart-${fileName}`}
      className="rounded border border-slate-200 bg-white p-3"
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <h3 className="font-semibold">{title}</h3>
        <p className="text-[13px] text-slate-600">{description}</p>
        <div className="ml-auto flex gap-1">
          <Button onClick={() => void save('svg')} aria-label={`Save ${title} as SVG`}>
            SVG
          </Button>
          <Button onClick={() => void save('png')} aria-label={`Save ${title} as PNG`}>
            PNG
          </Button>
          <Button onClick={() => void save('csv')} aria-label={`Save the data of ${title} as CSV`}>
            CSV
          </Button>
        </div>
      </div>
      {props.children}
      {error && (
        <p role="alert" className="text-[13px] text-[var(--color-problem)]">
          Could not save: {error}
        </p>
      )}
      <div ref={hostRef} className={`mt-2 w-full ${onPick ? 'cursor-pointer' : ''}`} />
      <details className="mt-2 text-[13px]">
        <summary className="cursor-pointer text-slate-600">Data ({rows.length} rows)</summary>
        <div className="max-h-64 overflow-auto">
          <table className="w-full border-collapse text-left">
            <thead className="sticky top-0 bg-slate-100">
              <tr>
                {columns.map((c) => (
                  <th key={c.key} className="px-2 py-1 font-medium">
                    {c.label}
                  </th>
                ))}
                {onPick && <th className="px-2 py-1" />}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i} className="border-t border-slate-100">
                  {columns.map((c) => (
                    <td key={c.key} className="px-2 py-0.5 tabular-nums">
                      {format(c, row)}
                    </td>
                  ))}
                  {onPick && (
                    <td className="px-2 py-0.5">
                      <Button onClick={() => onPick(row)}>{pickLabel}</Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
