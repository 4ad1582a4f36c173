/**
 * Bytes of JSON per chunk of a DAG at most (unless one item alone is larger): half of Temporal's 512 KB payload
 * warning, so that each `dagChunk` signal and each activity input stays well under it and under the 2 MB limit.
 */
export const DAG_CHUNK_BYTES = 256 * 1024;

/**
 * Splits `items` into consecutive chunks of at most `maxBytes` of JSON each, keeping their order. Deterministic:
 * the same items always give the same chunks, so a resubmission can resend any of them.
 */
export function chunkBySize<T>(items: readonly T[], maxBytes = DAG_CHUNK_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let bytes = 2; // the brackets of the array
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item)) + 1; // and its comma
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 2;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
