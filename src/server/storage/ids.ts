import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** A new public id: 128 random bits as 26 lowercase Crockford base32 characters (unguessable). */
export function newId(): string {
  const bytes = randomBytes(16);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** True when text has the shape of a public id (cheap check before a database lookup). */
export function isPublicId(text: string): boolean {
  return /^[0-9abcdefghjkmnpqrstvwxyz]{26}$/.test(text);
}

/** The current time as an ISO-8601 UTC timestamp with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
