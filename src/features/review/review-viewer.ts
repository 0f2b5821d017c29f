/** Who is looking at a review page (the app passes in the signed-in user). */
import type { SessionUser } from '../../schemas/api/session';

/** The signed-in user as the review pages need them: a reviewer reviews, curators oversee. */
export type ReviewViewer = Pick<SessionUser, 'id' | 'role'>;

/** True for the roles that oversee passes (create, assign, close, read agreement). */
export const oversees = (viewer: ReviewViewer): boolean =>
  viewer.role === 'curator' || viewer.role === 'admin';
