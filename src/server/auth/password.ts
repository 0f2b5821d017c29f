import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../services/service-error';

/** scrypt cost parameters (N = 2^17, r = 8, p = 1: about 128 MiB and 0.2 s per hash). */
export const SCRYPT_PARAMS = { logN: 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

/**
 * At most this many scrypt hashes run at once: each holds one of libuv's 4 pool threads (which
 * file reads share) and 128 MiB for 0.2 s, so a burst of sign-ins must neither starve WFDB reads
 * nor multiply the memory. Further hashes wait their turn, up to MAX_WAITING_HASHES.
 */
export const MAX_CONCURRENT_HASHES = 2;
/** Hashes that may wait for a slot; past this a sign-in is refused with 503 (retry shortly). */
export const MAX_WAITING_HASHES = 64;

let running = 0;
const waiting: Array<() => void> = [];

async function withHashSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) {
    if (waiting.length >= MAX_WAITING_HASHES) {
      throw new ServiceError('unavailable', 'The server is busy checking other sign-ins.', {
        code: 'busy',
        retryAfterSeconds: 1,
      });
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else {
    running += 1;
  }
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, so `running` never drops under it.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

let scryptCalls = 0;
let scryptPeak = 0;
let scryptTotal = 0;

/**
 * scrypt calls in flight now, the most at once and how many started since the last reset
 * (tests read it).
 */
export function scryptStats(reset = false): { inFlight: number; peak: number; started: number } {
  const value = { inFlight: scryptCalls, peak: scryptPeak, started: scryptTotal };
  if (reset) {
    scryptPeak = scryptCalls;
    scryptTotal = 0;
  }
  return value;
}

function derive(
  password: string,
  salt: Buffer,
  logN: number,
  r: number,
  p: number,
): Promise<Buffer> {
  const N = 2 ** logN;
  // scrypt needs 128 * N * r bytes; node's default maxmem (32 MiB) is below that for N = 2^17.
  const maxmem = 128 * N * r + 16 * 1024 * 1024;
  return withHashSlot(
    () =>
      new Promise((resolve, reject) => {
        scryptCalls += 1;
        scryptTotal += 1;
        scryptPeak = Math.max(scryptPeak, scryptCalls);
        scrypt(password, salt, KEY_BYTES, { N, r, p, maxmem }, (error, key) => {
          scryptCalls -= 1;
          if (error) reject(error);
          else resolve(key);
        });
      }),
  );
}

/** Hashes a password with a random 16-byte salt: "scrypt$logN$r$p$salt$hash" (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p } = SCRYPT_PARAMS;
  const salt = randomBytes(16);
  const key = await derive(password, salt, logN, r, p);
  return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when password matches the stored hash (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(logN),
    Number(r),
    Number(p),
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
}
