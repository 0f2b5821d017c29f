import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role } from '../../schemas/api/common';
import { LoginRequestSchema } from '../../schemas/api/session';
import { verifyAgainstDummy, verifyPassword } from '../auth/password';
import {
  SESSION_COOKIE,
  SESSION_LIFETIME_MS,
  createSession,
  deleteExpiredSessions,
  deleteSession,
} from '../auth/session-store';
import { ServiceError } from '../services/service-error';
import { findUserByUsername } from '../services/users';
import { SIGNED_IN } from './access';
import { clientAddress } from './mount-routes';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Sign in, sign out, who am I. */
export const sessionRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/session',
    access: 'anonymous',
    summary: 'Sign in',
    body: LoginRequestSchema,
    noIdempotency: true,
    async handler({ c, deps, body }) {
      const address = clientAddress(c, deps.config.trustProxy);
      // Counted before the password is hashed: parallel guesses cannot slip past the count.
      const verdict = await deps.throttle.admit(body.username, address);
      if (!verdict.admitted) {
        throw new ServiceError(
          'too_many_requests',
          `Too many failed sign-ins for this account from your address. Try again in ${verdict.retryAfterSeconds} s.`,
          { retryAfterSeconds: verdict.retryAfterSeconds },
        );
      }
      const user = await findUserByUsername(deps.db, body.username);
      const ok = user
        ? await verifyPassword(body.password, user.password_hash)
        : (await verifyAgainstDummy(body.password), false);
      if (!user || !ok || user.disabled !== 0) {
        await deps.throttle.failed(body.username, address, verdict);
        throw new ServiceError(
          'unauthenticated',
          'Wrong username or password, or the account is disabled.',
          {
            code: 'invalid_credentials',
          },
        );
      }
      await deps.throttle.succeeded(body.username, address);
      const previous = getCookie(c, SESSION_COOKIE);
      if (previous) await deleteSession(deps.db, previous);
      if (Math.random() < 0.05) await deleteExpiredSessions(deps.db);
      const session = await createSession(deps.db, user.id);
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: deps.config.secureCookies,
        maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
      });
      return { body: { user: { id: user.id, username: user.username, role: user.role as Role } } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/session',
    access: SIGNED_IN,
    summary: 'Read the current session',
    async handler({ actor }) {
      const user = actor();
      return { body: { user: { id: user.id, username: user.username, role: user.role } } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/session',
    access: SIGNED_IN,
    summary: 'Sign out',
    noIdempotency: true,
    async handler({ c, deps }) {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(deps.db, token);
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        secure: deps.config.secureCookies,
        sameSite: 'Strict',
        httpOnly: true,
      });
      return { status: 200, body: { ok: true } };
    },
  }),
];
