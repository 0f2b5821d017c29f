/** The browser's API client: fetch with the session cookie, every JSON body parsed by a zod schema. */
import type { z } from 'zod';
import { ApiErrorSchema } from '../schemas/api/common';

/** A failed API call: HTTP status, the server's code and sentence, and the path asked for. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly path: string,
    /** The whole error body as sent (a 412 carries the current state in `current`). */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch (error) {
    throw new ApiRequestError(
      0,
      'network',
      `The server could not be reached (${error instanceof Error ? error.message : String(error)}).`,
      path,
    );
  }
  if (response.ok) return response;
  let code = `http_${response.status}`;
  let message = `${path} answered ${response.status} ${response.statusText}`;
  let body: unknown;
  try {
    body = await response.json();
    const parsed = ApiErrorSchema.safeParse(body);
    if (parsed.success) {
      code = parsed.data.error.code;
      message = parsed.data.error.message;
    }
  } catch {
    // A non-JSON error body keeps the status line as the message.
  }
  throw new ApiRequestError(response.status, code, message, path, body);
}

/** GETs JSON and parses it; a body that does not match says which field is wrong. */
export async function apiGet<S extends z.ZodType>(
  path: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const response = await request(path, { signal, headers: { accept: 'application/json' } });
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ApiRequestError(
      response.status,
      'bad_response',
      `${path} sent an unexpected body${first ? ` at ${first.path.join('.') || '(root)'}: ${first.message}` : ''}`,
      path,
    );
  }
  return parsed.data;
}

/** GETs raw bytes (record files). */
export async function apiGetBytes(path: string, signal?: AbortSignal): Promise<Uint8Array> {
  const response = await request(path, { signal });
  return new Uint8Array(await response.arrayBuffer());
}

/** Options for a write: the version it is based on and a key that makes a retry apply once. */
export interface SendOptions {
  readonly ifMatch?: number;
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** Sends a JSON body (POST/PUT/DELETE) and parses the JSON answer with the schema. */
export async function apiSend<S extends z.ZodType>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  schema: S,
  options: SendOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await request(path, {
    method,
    headers,
    signal: options.signal,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return schema.parse(undefined);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ApiRequestError(
      response.status,
      'bad_response',
      `${path} sent an unexpected body`,
      path,
    );
  }
  return parsed.data;
}
