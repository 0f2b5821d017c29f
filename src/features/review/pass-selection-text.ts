/** How a pass chose its samples, in words ("filter: diagnosis LVH, label present" or "a list"). */
import { TARGET_DX_NAMES } from '../../domain/benchmark/target-dx-names';
import type { ReviewPass, ReviewPassFilter } from '../../schemas/api/review';

/** The parts of a filter in words, in the form's order. */
export function filterWords(filter: ReviewPassFilter): string[] {
  const words: string[] = [];
  if (filter.dataSource) words.push(`source ${filter.dataSource}`);
  if (filter.targetDx) words.push(`diagnosis ${TARGET_DX_NAMES[filter.targetDx]}`);
  if (filter.dxLabel !== undefined) words.push(`label ${filter.dxLabel ? 'present' : 'absent'}`);
  if (filter.pathIdx !== undefined) words.push(`path ${filter.pathIdx}`);
  if (filter.status) words.push(`status ${filter.status}`);
  if (filter.preflag === 'flagged') words.push('pre-flagged only');
  if (filter.preflag === 'clean') words.push('without pre-flags');
  return words;
}

/** "from a list of ids", "all samples", or "filter: …". */
export function passSelectionText(pass: Pick<ReviewPass, 'selection' | 'filter'>): string {
  if (pass.selection === 'ids') return 'from a list of ids';
  const words = filterWords(pass.filter);
  return words.length === 0 ? 'all samples' : `filter: ${words.join(', ')}`;
}
