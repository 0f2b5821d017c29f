import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../schemas/api/common';
import type { ApiHarness, TestClient, TestUserName } from '../testing/api-harness';
import { TEST_PASSWORD, createApiHarness } from '../testing/api-harness';
import { loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';
import { apiRoutes } from './routes/index';
import { routeBodyLimit } from './routes/mount-routes';
import { isMutating } from './routes/route-table';

// The guards run before any handler: an id that names nothing is enough.
const UNKNOWN_ID = '0000000000000000000000zzzz';
const USER_FOR_ROLE: Record<Role, TestUserName> = {
  cardiologist: 'cardiologist',
  reviewer: 'reviewer',
  curator: 'curator',
  admin: 'admin',
};
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

const pathOf = (routePath: string) => routePath.replace(/:[A-Za-z]+/g, UNKNOWN_ID);
const mutating = apiRoutes.filter((route) => isMutating(route.method));
const withBody = apiRoutes.filter((route) => route.body !== undefined || route.streamedBody);

/** What a cross-site request can look like, and why each must be refused. */
const CROSS_SITE_CASES: ReadonlyArray<{ name: string; headers: Record<string, string> }> = [
  { name: 'another origin', headers: { origin: 'https://evil.example' } },
  {
    name: 'https origin against the http server',
    headers: { origin: 'https://localhost:8080', host: 'localhost:8080' },
  },
  {
    name: 'same host, another port',
    headers: { origin: 'http://localhost:9999', host: 'localhost:8080' },
  },
  { name: 'Origin null (sandboxed page)', headers: { origin: 'null' } },
  { name: 'Sec-Fetch-Site: cross-site', headers: { 'sec-fetch-site': 'cross-site' } },
  { name: 'Sec-Fetch-Site: same-site', headers: { 'sec-fetch-site': 'same-site' } },
  {
    name: 'a browser with neither Origin nor Sec-Fetch-Site',
    headers: { 'user-agent': CHROME_UA },
  },
];

describe.each(DB_KINDS)('request guards on %s', (kind) => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await createApiHarness(kind);
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** A client allowed to call the route (anonymous for anonymous routes). */
  async function allowedClient(access: readonly Role[] | 'anonymous'): Promise<TestClient> {
    return access === 'anonymous' ? h.anonymous() : h.freshClient(USER_FOR_ROLE[access[0]!]);
  }

  const crossSiteCells = mutating.flatMap((route) =>
    CROSS_SITE_CASES.map((c) => ({
      route,
      ...c,
      label: `${route.method} ${route.path}: ${c.name}`,
    })),
  );

  it.each(crossSiteCells)('refuses $label', async ({ route, headers }) => {
    const client = await allowedClient(route.access);
    const response = await client.request(route.method, pathOf(route.path), {
      body: route.method === 'GET' ? undefined : {},
      headers,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('cross_site');
  });

  it('accepts a browser request from its own origin, by Origin or by Sec-Fetch-Site', async () => {
    // A pass needs a sample to review.
    await h.addSample(loadRealSamples(1)[0]!);
    const curator = h.client('curator');
    const byOrigin = await curator.request('POST', '/api/review-passes', {
      body: { name: 'by origin' },
      headers: { origin: 'http://localhost:8080', host: 'localhost:8080', 'user-agent': CHROME_UA },
    });
    expect(byOrigin.status, JSON.stringify(byOrigin.body)).toBe(201);
    const byFetchSite = await curator.request('POST', '/api/review-passes', {
      body: { name: 'by fetch site' },
      headers: { 'sec-fetch-site': 'same-origin', 'user-agent': CHROME_UA },
    });
    expect(byFetchSite.status).toBe(201);
  });

  it.each(apiRoutes.map((route) => ({ route, label: `${route.method} ${route.path}` })))(
    'refuses $label under a Host that is not the server (DNS rebinding)',
    async ({ route }) => {
      const client = await allowedClient(route.access);
      const response = await client.request(route.method, pathOf(route.path), {
        body: route.method === 'GET' ? undefined : {},
        headers: { host: 'attacker.example:8080', origin: 'http://attacker.example:8080' },
      });
      expect(response.status).toBe(421);
      expect(response.body.error.code).toBe('wrong_host');
    },
  );

  it('takes loopback names, IP addresses and PUBLIC_ORIGIN as the server', async () => {
    const admin = h.client('admin');
    for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', '10.1.2.3']) {
      expect((await admin.request('GET', '/api/session', { headers: { host } })).status).toBe(200);
    }
  });

  it.each(withBody.map((route) => ({ route, label: `${route.method} ${route.path}` })))(
    'refuses a body over the limit of $label by its Content-Length, reading none of it',
    async ({ route }) => {
      const client = await allowedClient(route.access);
      const limit = routeBodyLimit(route);
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          controller.enqueue(new TextEncoder().encode('{'));
        },
      });
      const response = await h.app.request(pathOf(route.path), {
        method: route.method,
        body,
        duplex: 'half',
        headers: {
          cookie: client.cookie ?? '',
          'content-type': 'application/json',
          'content-length': String(limit + 1),
          'if-match': '"1"',
        },
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'body_too_large',
      );
      // The stream's first pull happens when it is built; nothing past it was read.
      expect(pulled).toBeLessThanOrEqual(1);
    },
  );

  it('counts a body without Content-Length as it streams and stops at the limit', async () => {
    const limit = routeBodyLimit(apiRoutes.find((r) => r.path === '/api/session')!);
    const chunk = new Uint8Array(4096).fill(0x20);
    let pulledBytes = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulledBytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await h.app.request('/api/session', {
      method: 'POST',
      body: endless,
      duplex: 'half',
      headers: { 'content-type': 'application/json' },
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(pulledBytes).toBeLessThan(limit + 4 * chunk.byteLength);
  });

  it('refuses an anonymous oversized body to a signed-in route with 401 before reading it', async () => {
    const response = await h.anonymous().request('POST', '/api/users', {
      body: 'x'.repeat(200_000),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a body that is not UTF-8 with 400 and stores nothing', async () => {
    const name = 'utf8 pass é';
    const valid = new TextEncoder().encode(JSON.stringify({ name }));
    // é is C3 A9; a lone C3 followed by a quote is not UTF-8 (today it would become U+FFFD).
    const broken = Uint8Array.from(valid);
    broken[broken.indexOf(0xa9)] = 0x22;
    const response = await h.app.request('/api/review-passes', {
      method: 'POST',
      body: broken,
      headers: { cookie: h.client('curator').cookie ?? '', 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_utf8');
    expect(body.error.message).toMatch(/byte \d+/);
    const passes = await h.client('curator').request('GET', '/api/review-passes');
    expect(JSON.stringify(passes.body)).not.toContain('utf8 pass');
  });

  it('logs a body the client stops sending in one line, not a stack trace', async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text) => {
      lines.push(String(text));
      return true;
    });
    try {
      let sent = false;
      const aborted = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) {
            controller.error(new Error('aborted'));
            return;
          }
          sent = true;
          controller.enqueue(new TextEncoder().encode('{"username":"ad'));
        },
      });
      const response = await h.app.request('/api/session', {
        method: 'POST',
        body: aborted,
        duplex: 'half',
        headers: { 'content-type': 'application/json' },
      } as RequestInit);
      expect(response.status).toBe(400);
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^POST \/api\/session: The request body was not received whole/);
    expect(text).not.toMatch(/\n\s+at /);
  });

  it('still signs in with a normal body', async () => {
    const response = await h.anonymous().request('POST', '/api/session', {
      body: { username: 'reviewer', password: TEST_PASSWORD },
    });
    expect(response.status).toBe(200);
  });
});
