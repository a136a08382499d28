/**
 * What a handler of the mock server sees of one exchange: the request as it was recorded, and
 * a reply that works the same over HTTP/1.1 and cleartext HTTP/2.
 *
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IncomingHttpHeaders, ServerHttp2Stream } from 'node:http2';

/** A request the mock server received. */
export interface RecordedRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The path, with its query string. */
  readonly path: string;
  /** The headers, lower-cased (HTTP/2 pseudo-headers such as `:path` included). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body, as text. */
  readonly body: string;
  /** The body parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: unknown;
  /** The protocol the client spoke. */
  readonly httpVersion: '1.1' | '2';
  /** Resolves when the exchange closed: the reply ended, or the client went away. */
  readonly closed: Promise<void>;
  /**
   * Whether the exchange closed before the reply ended it (the client went away, or the connection
   * was cut). Ask after `closed` resolved: while the reply is still being written it says `true`.
   */
  closedEarly(): boolean;
}

/** How a reply's head is sent. */
export interface HeadOptions {
  /** The reason phrase (HTTP/1.1 only). */
  readonly statusText?: string | undefined;
  /**
   * Whether the body is delimited by the connection's close: no chunked encoding and no length,
   * so that a client cannot tell a cut connection from the end (HTTP/1.1 only).
   */
  readonly closeDelimited?: boolean | undefined;
}

/** The reply to one request, over HTTP/1.1 or cleartext HTTP/2. */
export interface MockReply {
  /** Sends the status and headers at once. */
  head(status: number, headers?: Readonly<Record<string, string>>, options?: HeadOptions): void;
  /** Writes a chunk; resolves when more can be written, at once unless the connection is full (or closed). */
  write(chunk: string | Uint8Array): Promise<void>;
  /** Writes a last chunk, if given, and ends the reply cleanly. */
  end(chunk?: string | Uint8Array): void;
  /** Cuts the connection without ending the reply: HTTP/2 destroys the session, HTTP/1.1 the socket. */
  drop(): void;
  /** Whether the exchange has closed. */
  isClosed(): boolean;
}

/** Answers one request: writes a reply, at its own pace. */
export type MockHandler = (reply: MockReply, request: RecordedRequest) => void | Promise<void>;

/** The body of a request as text and, when it is JSON, parsed. */
function bodyOf(parts: readonly Buffer[]): { body: string; json: unknown } {
  const body = Buffer.concat(parts).toString('utf8');
  try {
    return { body, json: JSON.parse(body) as unknown };
  } catch {
    return { body, json: undefined };
  }
}

/**
 * Resolves once `drain` or `close` fires: what a writer whose buffer is full waits for.
 *
 * @internal
 */
export function drained(target: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      target.off('drain', done);
      target.off('close', done);
      resolve();
    };
    target.on('drain', done);
    target.on('close', done);
  });
}

/**
 * Collects an HTTP/1.1 request and runs `handle` with its record and reply.
 *
 * @internal
 */
export function http1Exchange(req: IncomingMessage, res: ServerResponse, handle: (reply: MockReply, request: RecordedRequest) => void): void {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    let ended = false;
    const reply: MockReply = {
      head: (status, headers = {}, options = {}) => {
        if (options.closeDelimited === true) res.useChunkedEncodingByDefault = false;
        const all = options.closeDelimited === true ? { ...headers, connection: 'close' } : headers;
        if (options.statusText === undefined) res.writeHead(status, all);
        else res.writeHead(status, options.statusText, all);
        res.flushHeaders();
      },
      write: (chunk) => (res.destroyed || res.writableEnded || res.write(chunk) ? Promise.resolve() : drained(res)),
      end: (chunk) => {
        ended = true;
        if (!res.writableEnded) res.end(chunk);
      },
      drop: () => res.socket?.destroy(),
      isClosed: () => res.destroyed || res.writableEnded,
    };
    const request: RecordedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      ...bodyOf(parts),
      httpVersion: '1.1',
      closed: new Promise<void>((resolve) => res.on('close', () => resolve())),
      closedEarly: () => !ended || !res.writableFinished,
    };
    handle(reply, request);
  });
}

/**
 * Collects an HTTP/2 request and runs `handle` with its record and reply.
 *
 * @internal
 */
export function http2Exchange(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, handle: (reply: MockReply, request: RecordedRequest) => void): void {
  stream.on('error', () => undefined);
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => {
    let ended = false;
    const reply: MockReply = {
      head: (status, replyHeaders = {}) => stream.respond({ ':status': status, ...replyHeaders }),
      write: (chunk) => (stream.closed || stream.destroyed || stream.write(chunk) ? Promise.resolve() : drained(stream)),
      end: (chunk) => {
        ended = true;
        if (!stream.closed && !stream.writableEnded) stream.end(chunk);
      },
      drop: () => stream.session?.destroy(),
      isClosed: () => stream.closed || stream.destroyed,
    };
    const request: RecordedRequest = {
      method: String(headers[':method']),
      path: String(headers[':path']),
      headers,
      ...bodyOf(parts),
      httpVersion: '2',
      closed: new Promise<void>((resolve) => (stream.closed ? resolve() : stream.on('close', () => resolve()))),
      closedEarly: () => !ended || stream.rstCode !== 0,
    };
    handle(reply, request);
  });
}
