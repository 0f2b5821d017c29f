import type { APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/schemas/api/common';
import { E2E_BASE_URL } from './base-url';

/** The password of every e2e account (test-only; the e2e server lives in a temp folder). */
export const E2E_PASSWORD = 'e2e-password-123';

/** One account per role, created by the e2e server harness before the server starts. */
export const E2E_USERS: Readonly<
  Record<Role, { readonly username: string; readonly password: string }>
> = {
  cardiologist: { username: 'e2e-cardiologist', password: E2E_PASSWORD },
  reviewer: { username: 'e2e-reviewer', password: E2E_PASSWORD },
  curator: { username: 'e2e-curator', password: E2E_PASSWORD },
  admin: { username: 'e2e-admin', password: E2E_PASSWORD },
};

/**
 * Headers a test's own API write needs: the server refuses a browser request (Playwright's
 * request context sends the browser's User-Agent) that names no Origin, as a page's fetch would.
 */
export function sameOrigin(headers: Record<string, string> = {}): Record<string, string> {
  return { origin: new URL(E2E_BASE_URL).origin, ...headers };
}

/**
 * Signs a request context in as the role's e2e user (page.request and context.request share
 * the browser's cookies, so the page is signed in too). Throws with the server's answer. The
 * request carries the browser's User-Agent but no Origin of its own, so it names the server's
 * origin as a page's fetch would (the server refuses a browser request without one).
 */
export async function loginAs(request: APIRequestContext, role: Role): Promise<void> {
  const response = await request.post('/api/session', {
    data: E2E_USERS[role],
    headers: sameOrigin(),
  });
  if (response.status() !== 200) {
    throw new Error(`e2e login as ${role} failed: ${response.status()} ${await response.text()}`);
  }
}
