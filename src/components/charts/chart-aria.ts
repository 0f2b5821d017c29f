/** ARIA for a drawn chart: one named image, and Plot's named mark groups given a role. */
import { mainSvg } from './save-chart';

const MARK_GROUP = 'g[aria-label]:not([role])';

function groupRole(root: Element): void {
  if (root.matches(MARK_GROUP)) root.setAttribute('role', 'group');
  for (const g of root.querySelectorAll(MARK_GROUP)) g.setAttribute('role', 'group');
}

/**
 * Names the chart's main SVG as an image (its data table is the text version) and gives every
 * mark group Plot names ("bar", "tip") the group role, which a name needs on a <g>; tips Plot
 * redraws under the pointer get it as they come. Returns the function that stops watching.
 */
export function labelChart(chart: Element, name: string): () => void {
  const svg = mainSvg(chart);
  svg?.setAttribute('role', 'img');
  svg?.setAttribute('aria-label', name);
  groupRole(chart);
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) groupRole(node);
  });
  observer.observe(chart, { childList: true, subtree: true });
  return () => observer.disconnect();
}
