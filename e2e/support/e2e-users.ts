import type { APIRequestContext } from '@playwright/test';
import type { Role } from '../../src/schemas/api/common';

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
 * Signs a request context in as the role's e2e user (page.request and context.request share
 * the browser's cookies, so the page is signed in too). Throws with the server's answer.
 */
export async function loginAs(request: APIRequestContext, role: Role): Promise<void> {
  const response = await request.post('/api/session', { data: E2E_USERS[role] });
  if (response.status() !== 200) {
    throw new Error(`e2e login as ${role} failed: ${response.status()} ${await response.text()}`);
  }
}
