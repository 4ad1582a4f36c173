import { createHash } from 'node:crypto';
import { InvalidCursorError } from '../errors/invalid-cursor-error.js';

/** Bytes of checksum in front of the page token. */
const CHECKSUM_BYTES = 8;

const checksum = (token: Uint8Array) =>
  createHash('sha256').update(token).digest().subarray(0, CHECKSUM_BYTES);

/**
 * A list cursor is Temporal's visibility page token with a checksum in front. The server does not validate page
 * tokens (a made-up one is retried as an unknown error until the request's deadline), so the API recognises
 * its own cursors and rejects anything else at once with 400 INVALID_CURSOR.
 */
export function encodeCursor(token: Uint8Array): string {
  return Buffer.concat([checksum(token), token]).toString('base64url');
}

/** The page token inside a cursor; throws InvalidCursorError for a cursor this API did not produce. */
export function decodeCursor(cursor: string): Uint8Array {
  const bytes = Buffer.from(cursor, 'base64url');
  const token = bytes.subarray(CHECKSUM_BYTES);
  if (token.length === 0 || !checksum(token).equals(bytes.subarray(0, CHECKSUM_BYTES))) {
    throw new InvalidCursorError();
  }
  return token;
}
