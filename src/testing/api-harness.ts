import type { Hono } from 'hono';
import type { AppConfig } from '../config/env';
import { createApiApp, throttleStoreFor } from '../server/app';
import type { ThrottleSettings } from '../server/auth/login-throttle';
import { LoginThrottle } from '../server/auth/login-throttle';
import { registerEcgRecord } from '../server/services/ecgs';
import { stopPreflagRunner } from '../server/services/preflags/preflag-runner';
import { createSample } from '../server/services/sample-create';
import { hashPassword } from '../server/auth/password';
import { SESSION_COOKIE, createSession } from '../server/auth/session-store';
import { insertUser } from '../server/services/users';
import type { Role } from '../schemas/api/common';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { DbKind, EcgRecordsTable } from '../server/storage/database';
import type { TestDatabase } from './test-database';
import { createTestDatabase } from './test-database';

/** The accounts every API test suite gets (created once per suite: scrypt is slow on purpose). */
export const TEST_USERS = {
  cardiologist: 'cardiologist',
  cardiologist2: 'cardiologist',
  reviewer: 'reviewer',
  reviewer2: 'reviewer',
  curator: 'curator',
  admin: 'admin',
} as const satisfies Record<string, Role>;

/** A test user's name in TEST_USERS. */
export type TestUserName = keyof typeof TEST_USERS;

/** The password of every test user. */
export const TEST_PASSWORD = 'correct horse battery';

/** A response as tests read it. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  // Tests assert on shapes; `any` keeps them readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** Options of one request. */
export interface RequestOptions {
  readonly body?: unknown;
  readonly ifMatch?: number | string;
  readonly idempotencyKey?: string;
  readonly headers?: Record<string, string>;
}

/** A client with its own cookie jar (the session cookie). */
export class TestClient {
  cookie: string | undefined;

  constructor(private readonly app: Hono) {}

  /** Sends one request to the app in process. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;
    if (this.cookie) headers['cookie'] = this.cookie;
    const response = await this.app.request(path, {
      method,
      headers,
      ...(options.body !== undefined
        ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
        : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      // Not JSON: tests see the text.
    }
    return { status: response.status, headers: response.headers, body };
  }

  /** Signs in; throws if the server refuses. */
  async login(username: string, password = TEST_PASSWORD): Promise<void> {
    const response = await this.request('POST', '/api/session', { body: { username, password } });
    if (response.status !== 200)
      throw new Error(`login ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  }
}

/** An app on a fresh database with signed-in test users. */
export interface ApiHarness {
  readonly kind: DbKind;
  readonly database: TestDatabase;
  readonly app: Hono;
  readonly config: AppConfig;
  /** Public user ids by test user name. */
  readonly userIds: Record<TestUserName, string>;
  /** A signed-in client for a test user (one shared session per user). */
  client(name: TestUserName): TestClient;
  /** A client with no session. */
  anonymous(): TestClient;
  /** A new client signed in as the user (a second session, e.g. another tab). */
  freshClient(name: TestUserName): Promise<TestClient>;
  /** Registers an ECG record (path set: record available). */
  addEcg(ecgId: string, withRecord?: boolean): Promise<EcgRecordsTable>;
  /** Stores a sample as imported. */
  addSample(sample: BenchmarkSampleV002): Promise<string>;
  dispose(): Promise<void>;
}

let sharedHash: Promise<string> | undefined;

/** The scrypt hash of TEST_PASSWORD, computed once per test process. */
export function testPasswordHash(): Promise<string> {
  sharedHash ??= hashPassword(TEST_PASSWORD);
  return sharedHash;
}

/** A test configuration pointing at the given data dir. */
export function testConfig(dataDir: string, databaseUrl: string | undefined): AppConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl,
    recordsDir: undefined,
    demo: false,
    publicOrigin: undefined,
    secureCookies: false,
    trustProxy: false,
    importLeaseMs: 30_000,
  };
}

/** What a test may change in the harness's app: settings, the sign-in throttle's delays. */
export interface HarnessOptions {
  readonly config?: Partial<AppConfig>;
  readonly throttleSettings?: ThrottleSettings;
}

/** Builds the harness: database, app, users, sessions. */
export async function createApiHarness(
  kind: DbKind,
  options: HarnessOptions = {},
): Promise<ApiHarness> {
  const database = await createTestDatabase(kind);
  const config = { ...testConfig(database.dataDir, database.databaseUrl), ...options.config };
  const { app, deps } = createApiApp({
    db: database.storage.db,
    kind,
    config,
    ...(options.throttleSettings
      ? {
          throttle: new LoginThrottle(
            throttleStoreFor(database.storage.db, kind),
            options.throttleSettings,
          ),
        }
      : {}),
  });
  const names = Object.keys(TEST_USERS) as TestUserName[];
  const userIds = {} as Record<TestUserName, string>;
  // One scrypt hash for every test user, and sessions made directly: scrypt is slow on purpose.
  const passwordHash = await testPasswordHash();
  const clients = {} as Record<TestUserName, TestClient>;
  for (const name of names) {
    const user = await insertUser(database.storage.db, null, {
      username: name,
      role: TEST_USERS[name],
      passwordHash,
    });
    userIds[name] = user.id;
    const session = await createSession(database.storage.db, user.id);
    const client = new TestClient(app);
    client.cookie = `${SESSION_COOKIE}=${session.token}`;
    clients[name] = client;
  }
  return {
    kind,
    database,
    app,
    config,
    userIds,
    client: (name) => clients[name],
    anonymous: () => new TestClient(app),
    async freshClient(name) {
      const client = new TestClient(app);
      const session = await createSession(database.storage.db, userIds[name]);
      client.cookie = `${SESSION_COOKIE}=${session.token}`;
      return client;
    },
    addEcg: (ecgId, withRecord = true) =>
      registerEcgRecord(database.storage.db, {
        source: 'ptbxl',
        ecgId,
        path: withRecord
          ? `records500/${ecgId.padStart(5, '0').slice(0, 2)}000/${ecgId.padStart(5, '0')}_hr`
          : null,
      }),
    addSample: async (sample) => (await createSample(database.storage.db, null, sample)).id,
    async dispose() {
      // A pre-flag run in the background stops before its database goes.
      await stopPreflagRunner(deps);
      await database.dispose();
    },
  };
}
