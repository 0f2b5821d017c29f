import { describe, expect, it } from 'vitest';
import { readSampleFilters, sampleFiltersQuery, withSampleFilters } from './sample-filters';

describe('sample filters in a URL', () => {
  it('round-trips every filter through the query', () => {
    const filters = {
      data_source: 'ptbxl',
      target_dx: 'complete_left_bundle_branch_block',
      dx_label: false,
    } as const;
    const query = sampleFiltersQuery(filters);
    expect(query).toBe(
      'data_source=ptbxl&target_dx=complete_left_bundle_branch_block&dx_label=false',
    );
    expect(readSampleFilters(new URLSearchParams(query))).toEqual(filters);
    expect(withSampleFilters('/samples/x', filters)).toBe(`/samples/x?${query}`);
    expect(withSampleFilters('/', {})).toBe('/');
  });

  it('leaves out values the schema refuses and keys it does not know', () => {
    const read = readSampleFilters(
      new URLSearchParams('dx_label=yes&target_dx=flu&data_source=ptbxl&x=1'),
    );
    expect(read).toEqual({ data_source: 'ptbxl' });
  });
});
