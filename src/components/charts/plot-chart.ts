/**
 * Every chart is drawn here: Observable Plot with our class name, without the inline <style>
 * elements Plot adds (the CSP blocks them; chart.css holds the same rules).
 */
import * as Plot from '@observablehq/plot';
import './chart.css';

/** The class Plot gives each chart and its legends (chart.css styles it). */
export const CHART_CLASS = 'wb-chart';

/** Plot.plot with CHART_CLASS, its inline <style> elements removed before it reaches the page. */
export function plotChart(options: Plot.PlotOptions): ReturnType<typeof Plot.plot> {
  const chart = Plot.plot({ ...options, className: CHART_CLASS });
  for (const style of chart.querySelectorAll('style')) style.remove();
  return chart;
}
