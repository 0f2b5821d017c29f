import { describe, expect, it } from 'vitest';
import { readReviewQueueQuery, reviewQueuePath, reviewQueueQuery } from './queue';

describe('queue filters in a query string', () => {
  it('round-trip, and drop what the API would refuse', () => {
    const filters = {
      dataSource: 'ptbxl',
      targetDx: 'first_degree_av_block',
      dxLabel: false,
      status: 'open',
      preflag: 'flagged',
      reviewer: '0123456789abcdefghjkmnpqrs',
    } as const;
    const query = reviewQueueQuery(filters);
    expect(query).toBe(
      'data_source=ptbxl&target_dx=first_degree_av_block&dx_label=false&status=open&preflag=flagged&reviewer=0123456789abcdefghjkmnpqrs',
    );
    expect(readReviewQueueQuery(new URLSearchParams(query))).toEqual(filters);
    expect(
      readReviewQueueQuery(new URLSearchParams('target_dx=nope&dx_label=maybe&status=open')),
    ).toEqual({
      status: 'open',
    });
    expect(reviewQueuePath('p1')).toBe('/api/review-passes/p1/queue');
  });
});
