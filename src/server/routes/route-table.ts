import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppConfig } from '../../config/env';
import type { Role } from '../../schemas/api/common';
import type { SessionUser } from '../../schemas/api/session';
import type { LoginThrottle } from '../auth/login-throttle';
import type { ImportJobs } from '../services/import-jobs';
import type { LiveHub } from '../live/live-hub';
import type { KeyedQueue } from '../services/keyed-queue';
import type { Actor } from '../services/actor';
import type { Db, DbKind } from '../storage/database';

/** HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What every handler can reach: the database, the settings, shared server state. */
export interface ServerDeps {
  readonly db: Db;
  readonly kind: DbKind;
  readonly config: AppConfig;
  readonly throttle: LoginThrottle;
  /** Requests with the same Idempotency-Key run one after another in this process. */
  readonly idempotencyQueue: KeyedQueue;
  /** Publish/subscribe and presence across the server processes of this workspace. */
  readonly live: LiveHub;
  /** Import jobs (stored in the database: any process answers for any job). */
  readonly imports: ImportJobs;
}

/** Who may call a route: listed roles, or 'anonymous' (anyone, signed in or not). */
export type RouteAccess = readonly Role[] | 'anonymous';

/** A JSON result: status (200 by default), body, extra headers. */
export interface JsonResult<Body = unknown> {
  readonly status?: number;
  readonly body: Body;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a handler sees: the checked request and who sent it. */
export interface RouteContext<Body, Query> {
  readonly c: Context;
  readonly deps: ServerDeps;
  /** The db to use: a transaction when the request carries an Idempotency-Key. */
  readonly db: Db;
  /** The signed-in user (null only on 'anonymous' routes). */
  readonly user: SessionUser | null;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Body;
  readonly query: Query;
  /** The If-Match version (routes with `versioned: true` always have one). */
  readonly baseVersion: number;
  /** The signed-in user; throws 401 if none (for 'anonymous' routes that need one). */
  actor(): Actor;
}

/** One API route: everything the one enforcing middleware needs, plus the handler. */
export interface RouteSpec<
  BodySchema extends z.ZodType | undefined,
  QuerySchema extends z.ZodType | undefined,
  ResponseSchema extends z.ZodType | undefined = undefined,
> {
  readonly method: HttpMethod;
  /** Hono path, e.g. /api/samples/:id */
  readonly path: string;
  readonly access: RouteAccess;
  readonly summary: string;
  /** JSON body schema (strict objects: unknown keys are refused). */
  readonly body?: BodySchema;
  /** Query-string schema. */
  readonly query?: QuerySchema;
  /** The JSON body a success returns: the handler's result is type-checked against it. */
  readonly response?: ResponseSchema;
  /** Requires If-Match with the version the write is based on (428 without). */
  readonly versioned?: boolean;
  /** Refuse Idempotency-Key replay (login, logout: they set cookies). */
  readonly noIdempotency?: boolean;
  /**
   * The largest body the route takes, in bytes (checked against Content-Length before reading,
   * and counted while reading). Default: DEFAULT_JSON_BODY_BYTES with a body schema, else
   * NO_BODY_BYTES.
   */
  readonly maxBodyBytes?: number;
  /** The handler reads the body as a stream (uploads): only Content-Length is checked here. */
  readonly streamedBody?: boolean;
  readonly handler: (
    ctx: RouteContext<
      BodySchema extends z.ZodType ? z.output<BodySchema> : undefined,
      QuerySchema extends z.ZodType ? z.output<QuerySchema> : undefined
    >,
  ) => Promise<
    JsonResult<ResponseSchema extends z.ZodType ? z.input<ResponseSchema> : unknown> | Response
  >;
}

/** A route with its types erased, as the table stores it. */
export interface Route {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: RouteAccess;
  readonly summary: string;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  readonly response?: z.ZodType;
  readonly versioned?: boolean;
  readonly noIdempotency?: boolean;
  readonly maxBodyBytes?: number;
  readonly streamedBody?: boolean;
  readonly handler: (ctx: RouteContext<unknown, unknown>) => Promise<JsonResult | Response>;
}

/** Declares a route, inferring body, query and response types from their schemas. */
export function defineRoute<
  BodySchema extends z.ZodType | undefined = undefined,
  QuerySchema extends z.ZodType | undefined = undefined,
  ResponseSchema extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<BodySchema, QuerySchema, ResponseSchema>): Route {
  return spec as unknown as Route;
}

/** True when the method changes state (cross-site checks, idempotency keys). */
export function isMutating(method: HttpMethod): boolean {
  return method !== 'GET';
}
