import { describe, expect, it } from 'vitest';
import type { QueueItem } from '../../schemas/api/review-queue';
import { firstToReview, nextToReview, openItemsAfter, queuePlace } from './queue-navigation';

const item = (n: number, verdict: QueueItem['verdict'] = null): QueueItem => ({
  sampleId: `s${n}`,
  ref: `ptbxl:${n}`,
  targetDx: 'first_degree_av_block',
  dxLabel: true,
  pathIdx: 0,
  position: n,
  preflagCount: 0,
  verdict,
  verdictVersion: verdict ? 1 : 0,
});

const queue = [item(0, 'pass'), item(1), item(2, 'flag'), item(3), item(4)];

describe('queue navigation', () => {
  it('finds the neighbours of a sample, and the start for one the filters left out', () => {
    expect(queuePlace(queue, 's2')).toMatchObject({ index: 2 });
    expect(queuePlace(queue, 's2').previous?.sampleId).toBe('s1');
    expect(queuePlace(queue, 's2').next?.sampleId).toBe('s3');
    expect(queuePlace(queue, 's0').previous).toBeNull();
    expect(queuePlace(queue, 's4').next).toBeNull();
    expect(queuePlace(queue, 'gone')).toMatchObject({ index: -1, previous: null });
    expect(queuePlace(queue, 'gone').next?.sampleId).toBe('s0');
  });

  it('moves on to the next sample without a verdict, coming round to earlier ones', () => {
    expect(nextToReview(queue, 's1')?.sampleId).toBe('s3');
    expect(nextToReview(queue, 's3')?.sampleId).toBe('s4');
    expect(nextToReview(queue, 's4')?.sampleId).toBe('s1');
    expect(openItemsAfter(queue, 's3').map((i) => i.sampleId)).toEqual(['s4', 's1']);
    expect(nextToReview([item(0, 'pass'), item(1)], 's1')).toBeNull();
    expect(firstToReview(queue)?.sampleId).toBe('s1');
    expect(firstToReview([item(0, 'pass')])?.sampleId).toBe('s0');
    expect(firstToReview([])).toBeNull();
  });
});
