/**
 * Who may read a reviewer's work (verdicts, flags, comments): the one rule every route and query
 * applies. Until a pass closes, a reviewer's work is theirs alone; curators and admins, who do
 * not review, read everyone's. After the pass closes everyone who may read review work reads it.
 * Work outside any pass stays with its author (and curators and admins).
 */
import type { Role } from '../../schemas/api/common';

/** The reader. */
export interface ReviewWorkViewer {
  readonly id: string;
  readonly role: Role;
}

/** One piece of review work as the rule sees it. */
export interface ReviewWork {
  /** Who wrote it (the reviewer of a verdict, the raiser of a flag). */
  readonly ownerId: string;
  /** The status of its pass; null when it belongs to no pass. */
  readonly passStatus: 'open' | 'closed' | null;
}

/** What a viewer may read, in a form both this module and a SQL filter can apply. */
export type ReviewWorkScope =
  { readonly kind: 'all' } | { readonly kind: 'own-and-closed-passes'; readonly viewerId: string };

const READS_ALL: readonly Role[] = ['curator', 'admin'];

/** The viewer's scope: everything for curators and admins, else own work and closed passes. */
export function reviewWorkScope(viewer: ReviewWorkViewer): ReviewWorkScope {
  return READS_ALL.includes(viewer.role)
    ? { kind: 'all' }
    : { kind: 'own-and-closed-passes', viewerId: viewer.id };
}

/** True when the scope lets its viewer read this piece of work. */
export function scopeAllows(scope: ReviewWorkScope, work: ReviewWork): boolean {
  return scope.kind === 'all' || work.ownerId === scope.viewerId || work.passStatus === 'closed';
}

/** May this viewer read this verdict or flag (and its reasons and comment)? */
export function mayViewReviewWork(viewer: ReviewWorkViewer, work: ReviewWork): boolean {
  return scopeAllows(reviewWorkScope(viewer), work);
}

/**
 * May this viewer see other reviewers' progress counts in a pass? Not a reviewer in an open
 * blind pass: how far a peer has got is a hint at what they found.
 */
export function mayViewPeerProgress(
  viewer: ReviewWorkViewer,
  pass: { readonly mode: 'single' | 'blind_double'; readonly status: 'open' | 'closed' },
): boolean {
  return (
    reviewWorkScope(viewer).kind === 'all' ||
    pass.mode !== 'blind_double' ||
    pass.status === 'closed'
  );
}
