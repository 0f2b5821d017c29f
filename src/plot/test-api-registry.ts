/** Where mounted plots' test APIs live in the page: one per plot id, the latest as the default. */
import type { EcgPlotTestApi } from './test-api';

/**
 * True when this build exposes the test API: builds made with VITE_PLOT_TEST_API=1 (the e2e
 * server and the bench make theirs so) and the dev server; a production build leaves it out.
 */
export const PLOT_TEST_API_ENABLED =
  import.meta.env.DEV || import.meta.env.VITE_PLOT_TEST_API === '1';

const order: string[] = [];

/** Installs one plot's API under its id; returns the removal (the plot unmounts). */
export function installPlotTestApi(plotId: string, api: EcgPlotTestApi): () => void {
  const all = (window.__ECG_PLOTS__ ??= {});
  all[plotId] = api;
  order.push(plotId);
  window.__ECG_PLOT__ = api;
  return () => {
    if (all[plotId] === api) delete all[plotId];
    const at = order.lastIndexOf(plotId);
    if (at >= 0) order.splice(at, 1);
    const latest = order.at(-1);
    if (latest !== undefined && all[latest]) window.__ECG_PLOT__ = all[latest];
    else delete window.__ECG_PLOT__;
  };
}
