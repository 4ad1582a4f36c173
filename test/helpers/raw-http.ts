// HTTP sent exactly as written, for inputs that fetch would normalise or refuse: `.`/`..` segments, any method,
// any header; and byte streams that need not be valid HTTP at all.
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawRequest {
  method?: string;
  /** Sent byte for byte as the request target (node:http only refuses characters that would split the line). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined; // "not JSON" is an answer here: the caller asserts on it
  }
}

/**
 * One request on the default keep-alive agent, with no normalisation of the path. A body gets a Content-Length
 * unless the headers frame it: node:http sends the body of a GET, HEAD, DELETE or OPTIONS unframed otherwise,
 * which the server rightly reads as the start of another request.
 */
export function rawRequest(baseUrl: string, { method = 'GET', path, headers = {}, body }: RawRequest) {
  const url = new URL(baseUrl);
  const framed = Object.keys(headers).some((name) => /^(content-length|transfer-encoding)$/i.test(name));
  if (body !== undefined && !framed)
    headers = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parseJson(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  json: unknown;
}

/** The body of an answer that starts `rest`: Content-Length or chunked framing; its length on the wire. */
function frameBody(rest: Buffer, headers: Record<string, string>, status: number): [Buffer, number] {
  // 1xx and 204 have no body, nor has the answer to a HEAD, which cannot be told apart here but by what follows.
  if (status < 200 || status === 204 || rest.subarray(0, 7).toString('latin1') === 'HTTP/1.') {
    return [Buffer.alloc(0), 0];
  }
  if (!/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const length = Number(headers['content-length'] ?? rest.length); // no framing: until the connection closes
    return [rest.subarray(0, length), length];
  }
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = rest.indexOf('\r\n', at);
    const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
    if (lineEnd < 0 || Number.isNaN(size)) throw new Error('malformed chunked answer');
    at = lineEnd + 2;
    if (size === 0) return [Buffer.concat(chunks), rest.indexOf('\r\n', at) + 2];
    chunks.push(rest.subarray(at, at + size));
    at += size + 2;
  }
}

/** Splits what a server wrote on one connection into its HTTP/1.x answers. */
export function parseWireAnswers(wire: Buffer): WireAnswer[] {
  const answers: WireAnswer[] = [];
  let rest = wire;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) throw new Error(`truncated answer head: ${JSON.stringify(rest.toString('latin1'))}`);
    const [statusLine = '', ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const match = /^HTTP\/1\.[01] (\d{3}) /.exec(statusLine);
    if (!match) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
    const status = Number(match[1]);
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const [body, onWire] = frameBody(rest.subarray(headEnd + 4), headers, status);
    const text = body.toString('utf8');
    answers.push({ status, headers, text, json: parseJson(text) });
    rest = rest.subarray(headEnd + 4 + onWire);
  }
  return answers;
}

/**
 * Writes `bytes` on a fresh connection, half-closes it and collects whatever the server answers until it
 * closes. A server that has not closed after `timeoutMs` is a failure: it would be holding sockets of clients
 * that are gone.
 */
export function rawExchange(baseUrl: string, bytes: Uint8Array, timeoutMs = 5_000): Promise<Buffer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => socket.end(bytes));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`the server kept the connection open ${timeoutMs} ms after the client's end`));
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reset after an answer is how a server may drop a connection it cannot parse further.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err);
    });
    socket.on('close', () => resolve(Buffer.concat(chunks)));
  });
}
