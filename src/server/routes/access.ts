import type { Role } from '../../schemas/api/common';
import { ROLES } from '../../schemas/api/common';

/** Every signed-in role. */
export const SIGNED_IN: readonly Role[] = ROLES;
/** Roles that work on review passes (read side). */
export const REVIEW_READERS: readonly Role[] = ['reviewer', 'curator', 'admin'];
/** Only cardiologists label. */
export const LABELLERS: readonly Role[] = ['cardiologist'];
/** Only reviewers record verdicts and flags. */
export const REVIEWERS: readonly Role[] = ['reviewer'];
/** Only curators fix, re-sample and release. */
export const CURATORS: readonly Role[] = ['curator'];
/** Curators and admins oversee review passes: agreement, results, anyone's queue. */
export const PASS_OVERSEERS: readonly Role[] = ['curator', 'admin'];
/** Curators and admins read the audit log. */
export const AUDITORS: readonly Role[] = ['curator', 'admin'];
/** Only admins manage users. */
export const ADMINS: readonly Role[] = ['admin'];

/** The ETag header for a versioned entity. */
export function etag(version: number): Record<string, string> {
  return { ETag: `"${version}"` };
}
