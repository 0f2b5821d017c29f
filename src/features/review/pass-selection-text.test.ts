import { describe, expect, it } from 'vitest';
import { passSelectionText } from './pass-selection-text';

describe('a pass selection in words', () => {
  it('names the list, all samples, or every part of the filter', () => {
    expect(passSelectionText({ selection: 'ids', filter: {} })).toBe('from a list of ids');
    expect(passSelectionText({ selection: 'filter', filter: {} })).toBe('all samples');
    expect(
      passSelectionText({
        selection: 'filter',
        filter: {
          dataSource: 'ptbxl',
          targetDx: 'first_degree_av_block',
          dxLabel: false,
          pathIdx: 0,
          status: 'review',
          preflag: 'flagged',
        },
      }),
    ).toBe(
      'filter: source ptbxl, diagnosis First-degree AV block, label absent, path 0, status review, pre-flagged only',
    );
  });
});
