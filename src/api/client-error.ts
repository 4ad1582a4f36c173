import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ErrorBody } from './error-handler.js';

/** What the client did wrong, by the code of Node's HTTP parser error; anything else is "malformed request". */
const REASONS: Record<string, [status: number, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'request line and headers are larger than 16 KB'],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, 'PAYLOAD_TOO_LARGE', 'chunk extensions are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'request was not received in time'],
  HPE_INVALID_METHOD: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: unknown method'],
  HPE_INVALID_URL: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: malformed request target'],
  HPE_INVALID_VERSION: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: unsupported HTTP version'],
  HPE_INVALID_HEADER_TOKEN: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: malformed header'],
  HPE_INVALID_TRANSFER_ENCODING: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: bad Transfer-Encoding'],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: bad Content-Length'],
  HPE_INVALID_CONTENT_LENGTH: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: bad Content-Length'],
  HPE_INVALID_CHUNK_SIZE: [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1: bad chunk size'],
};
const MALFORMED: [number, string, string] = [400, 'BAD_REQUEST', 'request is not valid HTTP/1.1'];

/**
 * Listener of the HTTP server's `clientError`: bytes that are not an HTTP request express could see (an unknown
 * method, a header over 16 KB, a bad Content-Length...). Node's own answer is a bare `400`/`431` without a body;
 * this one carries the API's error shape. It answers unless a response is being written on the connection (the
 * answer would land inside it), then closes the connection: the parser cannot find the next request after an
 * error. Node keeps a no-op `error` listener on the socket from here on, so nothing later can crash the process.
 */
export function answerClientError(err: Error & { code?: string }, duplex: Duplex): void {
  const socket = duplex as Socket & { _httpMessage?: ServerResponse | null }; // as Node's own handler reads it
  const current = socket._httpMessage;
  // Node also declines once the current response has started; but a finished one (a keep-alive client that
  // sent its next request at once) may still be attached, and an answer after it is where the client waits.
  const midResponse = current?.headersSent === true && !current.writableEnded;
  if (!socket.writable || midResponse || err.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const [status, code, message] = (err.code && REASONS[err.code]) || MALFORMED;
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
  socket.destroy(); // after a small write to a writable socket, as Node's own handler does
}
