import type { Role } from '../../schemas/api/common';
import { ROLES } from '../../schemas/api/common';
import { SAMPLE_WRITER_ROLES } from '../../schemas/api/samples';

/** Every signed-in role. */
export const SIGNED_IN: readonly Role[] = ROLES;
/** Roles that work on review passes (read side). */
export const REVIEW_READERS: readonly Role[] = ['reviewer', 'curator', 'admin'];
/** Only cardiologists label. */
export const LABELLERS: readonly Role[] = ['cardiologist'];
/** Only reviewers record verdicts and flags. */
export const REVIEWERS: readonly Role[] = ['reviewer'];
/** Only curators re-sample and release. */
export const CURATORS: readonly Role[] = ['curator'];
/** Who writes sample content (fix in place, new samples): cardiologists and curators (see SAMPLE_WRITER_ROLES). */
export const SAMPLE_WRITERS: readonly Role[] = SAMPLE_WRITER_ROLES;
/** Curators and admins oversee review passes: agreement, results, anyone's queue. */
export const PASS_OVERSEERS: readonly Role[] = ['curator', 'admin'];
/** Curators and admins cut releases, edit their notes and publish them. */
export const RELEASE_MANAGERS: readonly Role[] = ['curator', 'admin'];
/**
 * Only curators import with `replace`: it stores new revisions of existing samples, that is it
 * changes sample content, which only curators do (as with a fix in place).
 */
export const REPLACE_IMPORTERS: readonly Role[] = CURATORS;
/** Curators and admins read the audit log. */
export const AUDITORS: readonly Role[] = ['curator', 'admin'];
/** Only admins manage users. */
export const ADMINS: readonly Role[] = ['admin'];

/** The ETag header for a versioned entity. */
export function etag(version: number): Record<string, string> {
  return { ETag: `"${version}"` };
}
