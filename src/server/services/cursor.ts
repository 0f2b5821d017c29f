import { ServiceError } from './service-error';

/** Encodes a keyset position (the sort key values of the last row) as an opaque string. */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor, checking each value's type; 400 if it was not made by encodeCursor. */
export function decodeCursor(
  cursor: string,
  types: readonly ('string' | 'number')[],
): (string | number)[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  if (
    !Array.isArray(values) ||
    values.length !== types.length ||
    values.some((value, i) => typeof value !== types[i])
  ) {
    throw new ServiceError('invalid', 'The cursor is not one this server gave out.', {
      issues: [{ path: 'query.cursor', message: 'use the nextCursor of the previous page' }],
    });
  }
  return values as (string | number)[];
}
