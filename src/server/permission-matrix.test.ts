import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../schemas/api/common';
import { ROLES } from '../schemas/api/common';
import type { ApiHarness, TestClient, TestUserName } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { DB_KINDS } from '../testing/test-database';
import { apiRoutes } from './routes/index';

// An id that names nothing: allowed callers get past access control and then a 404 or 400.
const UNKNOWN_ID = '0000000000000000000000zzzz';

const USER_FOR_ROLE: Record<Role, TestUserName> = {
  cardiologist: 'cardiologist',
  reviewer: 'reviewer',
  curator: 'curator',
  admin: 'admin',
};

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];

function expectedOutcome(
  access: readonly Role[] | 'anonymous',
  caller: Caller,
): 'allow' | 401 | 403 {
  if (access === 'anonymous') return 'allow';
  if (caller === 'anonymous') return 401;
  return access.includes(caller) ? 'allow' : 403;
}

// The matrix is generated from the route table: a new route is covered without editing this file.
const cells = apiRoutes.flatMap((route) =>
  CALLERS.map((caller) => ({
    route,
    caller,
    expected: expectedOutcome(route.access, caller),
    name: `${route.method} ${route.path} as ${caller}`,
  })),
);

describe.each(DB_KINDS)('permission matrix on %s', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(kind);
  });
  afterAll(async () => {
    await h.dispose();
  });

  it('covers every route of the table for every role and anonymous', () => {
    expect(cells.length).toBe(apiRoutes.length * CALLERS.length);
    expect(apiRoutes.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cells)('$name -> $expected', async ({ route, caller, expected }) => {
    // A fresh session per cell: sign-out and similar routes must not affect other cells.
    const client: TestClient =
      caller === 'anonymous' ? h.anonymous() : await h.freshClient(USER_FOR_ROLE[caller]);
    const path = route.path.replace(/:[A-Za-z]+/g, UNKNOWN_ID);
    const response = await client.request(route.method, path, {
      ...(route.method === 'GET' ? {} : { body: {} }),
      ...(route.versioned ? { ifMatch: 1 } : {}),
    });
    const code = response.body?.error?.code as string | undefined;
    if (expected === 401) {
      expect(response.status).toBe(401);
      expect(code).toBe('unauthenticated');
    } else if (expected === 403) {
      expect(response.status).toBe(403);
      expect(code).toBe('forbidden');
      expect(JSON.stringify(response.body)).not.toContain(UNKNOWN_ID);
    } else {
      expect(response.status === 401 && code === 'unauthenticated').toBe(false);
      expect(response.status === 403 && code === 'forbidden').toBe(false);
      expect(response.status).toBeLessThan(500);
    }
  });
});
