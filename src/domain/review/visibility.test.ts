import { describe, expect, it } from 'vitest';
import type { Role } from '../../schemas/api/common';
import { mayViewPeerProgress, mayViewReviewWork } from './visibility';

const viewer = (role: Role, id = 'me') => ({ id, role });

describe('mayViewReviewWork', () => {
  it("lets a reviewer read their own work and others' only once the pass closes", () => {
    const reviewer = viewer('reviewer');
    expect(mayViewReviewWork(reviewer, { ownerId: 'me', passStatus: 'open' })).toBe(true);
    expect(mayViewReviewWork(reviewer, { ownerId: 'peer', passStatus: 'open' })).toBe(false);
    expect(mayViewReviewWork(reviewer, { ownerId: 'peer', passStatus: 'closed' })).toBe(true);
    expect(mayViewReviewWork(reviewer, { ownerId: 'peer', passStatus: null })).toBe(false);
  });

  it('lets curators and admins read everything, and nobody else more than a reviewer', () => {
    for (const role of ['curator', 'admin'] as const)
      expect(mayViewReviewWork(viewer(role), { ownerId: 'peer', passStatus: 'open' })).toBe(true);
    expect(mayViewReviewWork(viewer('cardiologist'), { ownerId: 'peer', passStatus: 'open' })).toBe(
      false,
    );
  });
});

describe('mayViewPeerProgress', () => {
  it("hides peers' progress from a reviewer only in an open blind pass", () => {
    const reviewer = viewer('reviewer');
    expect(mayViewPeerProgress(reviewer, { mode: 'blind_double', status: 'open' })).toBe(false);
    expect(mayViewPeerProgress(reviewer, { mode: 'blind_double', status: 'closed' })).toBe(true);
    expect(mayViewPeerProgress(reviewer, { mode: 'single', status: 'open' })).toBe(true);
    expect(mayViewPeerProgress(viewer('curator'), { mode: 'blind_double', status: 'open' })).toBe(
      true,
    );
  });
});
