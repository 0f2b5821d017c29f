import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { decodeUtf8, firstInvalidUtf8Offset } from '../../domain/jsonl/utf8';
import { ServiceError } from '../services/service-error';

/** Default body limit of a route with a JSON body (a login, a verdict, a label). */
export const DEFAULT_JSON_BODY_BYTES = 64 * 1024;
/** Body limit of a route without a body schema: its body is never read. */
export const NO_BODY_BYTES = 1024;

/** The machine code of a body the client stopped sending (logged in one line, not a stack). */
export const BODY_ABORTED = 'body_aborted';

function tooLarge(maxBytes: number): ServiceError {
  return new ServiceError(
    'payload_too_large',
    `The request body is larger than this route takes (${maxBytes} bytes).`,
    { code: 'body_too_large' },
  );
}

/**
 * Refuses a request whose Content-Length is over maxBytes, before any byte is read (for routes
 * that stream their body themselves and count as they go).
 */
export function checkDeclaredLength(c: Context, maxBytes: number): void {
  const declared = c.req.header('content-length');
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }
}

/**
 * Reads the request body as strict UTF-8 text of at most maxBytes: Content-Length over the limit
 * is refused before reading (413), a body without one is counted as it streams and refused once
 * past the limit (Hono's bodyLimit), bytes that are not UTF-8 are refused (400, with the offset)
 * instead of becoming U+FFFD, and a body the client stops sending becomes one BODY_ABORTED error.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  let bytes: Uint8Array = new Uint8Array(0);
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  try {
    await limit(c, async () => {
      bytes = new Uint8Array(await c.req.arrayBuffer());
    });
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(
      'invalid',
      `The request body was not received whole (${error instanceof Error ? error.message : String(error)}).`,
      { code: BODY_ABORTED },
    );
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new ServiceError('invalid', `The request body is not valid UTF-8 (byte ${offset}).`, {
      code: 'invalid_utf8',
      issues: [{ path: 'body', message: `must be UTF-8; byte ${offset} is not` }],
    });
  }
  return text;
}
