import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ApiIssue } from '../../schemas/api/common';
import type { SessionUser } from '../../schemas/api/session';
import { formatPath } from '../../schemas/issues';
import { crossSiteReason } from '../auth/cross-site';
import { SESSION_COOKIE, resolveSession } from '../auth/session-store';
import {
  BODY_ABORTED,
  DEFAULT_JSON_BODY_BYTES,
  NO_BODY_BYTES,
  checkDeclaredLength,
  readBodyText,
} from '../http/request-body';
import { inTransaction } from '../services/transaction';
import type { StoredResponse } from '../services/idempotency';
import {
  findStoredResponse,
  lockIdempotencyKey,
  requestFingerprint,
  storeResponse,
} from '../services/idempotency';
import { STATUS_BY_KIND, ServiceError } from '../services/service-error';
import type { Db } from '../storage/database';
import type { JsonResult, Route, RouteContext, ServerDeps } from './route-table';
import { isMutating } from './route-table';

/** The JSON error body every failure uses. */
export function errorBody(code: string, message: string, issues?: readonly ApiIssue[]) {
  return { error: { code, message, ...(issues ? { issues } : {}) } };
}

function errorResponse(c: Context, error: ServiceError): Response {
  const status = STATUS_BY_KIND[error.kind];
  const body: Record<string, unknown> = errorBody(
    error.extra.code ?? error.kind,
    error.message,
    error.extra.issues,
  );
  if (error.extra.current !== undefined) body['current'] = error.extra.current;
  const headers: Record<string, string> = {};
  if (error.extra.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(error.extra.retryAfterSeconds);
  return c.json(body, status as 400, headers);
}

function zodIssues(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix: string,
): ApiIssue[] {
  return issues.map((issue) => ({
    path: formatPath([prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]),
    message: issue.message,
  }));
}

/**
 * The client's address for login throttling: the socket's peer, or behind a trusted reverse
 * proxy (TRUST_PROXY) the last X-Forwarded-For entry, the one that proxy appended ("local" for
 * in-process requests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** The body limit of a route: declared, else by whether it has a body schema. */
export function routeBodyLimit(route: Route): number {
  return route.maxBodyBytes ?? (route.body ? DEFAULT_JSON_BODY_BYTES : NO_BODY_BYTES);
}

/** Parses If-Match: "3", W/"3" or 3 -> 3. */
function parseIfMatch(header: string): number | undefined {
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  return match ? Number(match[1]) : undefined;
}

async function currentUser(c: Context, db: Db): Promise<SessionUser | null> {
  const token = getCookie(c, SESSION_COOKIE);
  return token ? resolveSession(db, token) : null;
}

function toResponse(c: Context, result: JsonResult | Response): Response {
  if (result instanceof Response) return result;
  return c.json(result.body as object, (result.status ?? 200) as 200, result.headers ?? {});
}

/**
 * The one middleware: cross-site check, access, body size and encoding, body/query parsing,
 * If-Match, idempotency. Nothing of the body is read before the caller is known to be allowed.
 */
async function enforce(route: Route, deps: ServerDeps, c: Context): Promise<Response> {
  if (isMutating(route.method)) {
    const reason = crossSiteReason(
      {
        origin: c.req.header('origin'),
        secFetchSite: c.req.header('sec-fetch-site'),
        host: c.req.header('host') ?? new URL(c.req.url).host,
        userAgent: c.req.header('user-agent'),
      },
      { publicOrigin: deps.config.publicOrigin, host: deps.config.host },
    );
    if (reason)
      throw new ServiceError('forbidden', `Cross-site request refused: ${reason}.`, {
        code: 'cross_site',
      });
  }
  const user = await currentUser(c, deps.db);
  if (route.access !== 'anonymous') {
    if (!user) throw new ServiceError('unauthenticated', 'Sign in first.');
    if (!route.access.includes(user.role)) {
      throw new ServiceError('forbidden', `A ${user.role} may not ${route.summary.toLowerCase()}.`);
    }
  }

  // A declared body over the limit is refused before anything else is read or parsed.
  const maxBodyBytes = routeBodyLimit(route);
  checkDeclaredLength(c, maxBodyBytes);

  let query: unknown = undefined;
  if (route.query) {
    const parsed = route.query.safeParse(c.req.query());
    if (!parsed.success) {
      throw new ServiceError('invalid', 'The query string has errors.', {
        issues: zodIssues(parsed.error.issues, 'query'),
      });
    }
    query = parsed.data;
  }

  let bodyText = '';
  let body: unknown = undefined;
  if (route.body && !route.streamedBody) {
    bodyText = await readBodyText(c, maxBodyBytes);
    let json: unknown;
    try {
      json = JSON.parse(bodyText);
    } catch (error) {
      throw new ServiceError(
        'invalid',
        `The request body is not valid JSON: ${(error as Error).message}`,
        {
          issues: [{ path: 'body', message: 'must be a JSON object' }],
        },
      );
    }
    const parsed = route.body.safeParse(json);
    if (!parsed.success) {
      throw new ServiceError('invalid', 'The request body has errors.', {
        issues: zodIssues(parsed.error.issues, 'body'),
      });
    }
    body = parsed.data;
  }

  let baseVersion = 0;
  if (route.versioned) {
    const header = c.req.header('if-match');
    if (header === undefined) {
      throw new ServiceError(
        'version_required',
        'This write needs If-Match with the version it is based on (0 when creating).',
      );
    }
    const parsed = parseIfMatch(header);
    if (parsed === undefined) {
      throw new ServiceError('invalid', `If-Match "${header}" is not a version number.`, {
        issues: [{ path: 'headers.if-match', message: 'must be a whole number, e.g. "3"' }],
      });
    }
    baseVersion = parsed;
  }

  const makeContext = (db: Db): RouteContext<unknown, unknown> => ({
    c,
    deps,
    db,
    user,
    params: c.req.param() as Record<string, string>,
    body,
    query,
    baseVersion,
    actor() {
      if (!user) throw new ServiceError('unauthenticated', 'Sign in first.');
      return user;
    },
  });

  const key = c.req.header('idempotency-key');
  if (key === undefined || !isMutating(route.method) || route.noIdempotency) {
    return toResponse(c, await route.handler(makeContext(deps.db)));
  }
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
    throw new ServiceError('invalid', 'Idempotency-Key must be 1-200 visible ASCII characters.');
  }
  const userId = user?.id ?? '';
  const fingerprint = requestFingerprint(route.method, c.req.path, bodyText);
  const replayStored = (stored: StoredResponse): Response => {
    if (stored.requestHash !== fingerprint) {
      throw new ServiceError(
        'unprocessable',
        'This Idempotency-Key was already used for a different request.',
        {
          code: 'idempotency_key_reused',
        },
      );
    }
    return c.json(stored.body as object, stored.status as 200, { 'Idempotent-Replayed': 'true' });
  };
  const replay = async (): Promise<Response | undefined> => {
    const stored = await findStoredResponse(deps.db, userId, key);
    return stored && replayStored(stored);
  };
  // A retry that arrives while the first request runs waits for it and replays its stored
  // response instead of running the write again. In this process retries wait here, so they do
  // not each hold a database connection while waiting on the key's lock below.
  return deps.idempotencyQueue.run(`${userId}\n${key}`, async () => {
    const earlier = await replay();
    if (earlier) return earlier;
    return inTransaction(deps.db, async (trx) => {
      // Across processes (PostgreSQL): the key is held until this transaction ends, and the
      // response a concurrent first request committed meanwhile is found here.
      await lockIdempotencyKey(trx, deps.kind, userId, key);
      const stored = await findStoredResponse(trx, userId, key);
      if (stored) return replayStored(stored);
      const result = await route.handler(makeContext(trx));
      if (result instanceof Response) return result;
      const status = result.status ?? 200;
      if (status < 300) {
        const stored = await storeResponse(trx, {
          userId,
          key,
          method: route.method,
          path: c.req.path,
          requestHash: fingerprint,
          status,
          body: result.body,
        });
        // Cannot happen while the queue and the lock hold; if it did, the write must not land.
        if (!stored) throw new Error('Idempotency-Key stored by another request despite the lock.');
      }
      return toResponse(c, result);
    });
  });
}

/** Registers every route of the table on the app, each behind the enforcing middleware. */
export function mountRoutes(app: Hono, routes: readonly Route[], deps: ServerDeps): void {
  for (const route of routes) {
    app.on(route.method, route.path, async (c) => {
      try {
        return await enforce(route, deps, c);
      } catch (error) {
        if (error instanceof ServiceError) {
          // A client that stops sending its body is not a server fault: one line, no stack.
          if (error.extra.code === BODY_ABORTED) {
            process.stderr.write(`${route.method} ${c.req.path}: ${error.message}\n`);
          }
          return errorResponse(c, error);
        }
        process.stderr.write(
          `${route.method} ${c.req.path} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        return c.json(
          errorBody('internal', 'The server failed to handle this request; it is logged.'),
          500,
        );
      }
    });
  }
}
