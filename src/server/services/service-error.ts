import type { ApiIssue } from '../../schemas/api/common';

/** What went wrong, as the HTTP layer maps it to a status (see STATUS_BY_KIND). */
export type ServiceErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'version_required'
  | 'too_many_requests'
  | 'unprocessable'
  | 'payload_too_large'
  | 'misdirected'
  | 'unavailable';

/** The HTTP status for each error kind. */
export const STATUS_BY_KIND: Record<ServiceErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 412,
  version_required: 428,
  too_many_requests: 429,
  unprocessable: 422,
  payload_too_large: 413,
  misdirected: 421,
  unavailable: 503,
};

/** A failure a use case reports to its caller (HTTP route or CLI) with a readable message. */
export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    readonly extra: {
      issues?: readonly ApiIssue[];
      /** For version_conflict: the current state, same shape as the GET response. */
      current?: unknown;
      /** For too_many_requests: seconds until a retry may succeed. */
      retryAfterSeconds?: number;
      /** A stable machine code (defaults to kind). */
      code?: string;
    } = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** Shorthand for a 404 that says what was not found (and nothing about whether it exists). */
export function notFound(what: string): ServiceError {
  return new ServiceError('not_found', `${what} not found.`);
}

/** Shorthand for a 412 carrying the current state. */
export function versionConflict(
  what: string,
  baseVersion: number,
  currentVersion: number,
  current: unknown,
): ServiceError {
  return new ServiceError(
    'version_conflict',
    `${what} changed since version ${baseVersion}: it is now at version ${currentVersion}. ` +
      'The current content is in "current"; merge your edit into it and save again.',
    { current },
  );
}
