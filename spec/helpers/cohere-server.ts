import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the server received, and when its connection closed. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** Resolves when the response closed: it ended, or the client went away. */
  readonly closed: Promise<void>;
  /** Whether the response closed before the handler ended it (the client went away, or the socket was destroyed). */
  readonly closedEarly: () => boolean;
}

/** Answers one request. */
export type Handler = (res: ServerResponse, req: SeenRequest) => void | Promise<void>;

/** A scripted stand-in for api.cohere.com on 127.0.0.1: each request takes the next queued handler. */
export interface CohereServer {
  readonly baseUrl: string;
  /** Every request received since the last `reset()`. */
  readonly requests: SeenRequest[];
  /** Queues handlers for the next requests, in order. A request with no handler left gets a 599. */
  reply(...handlers: Handler[]): void;
  /** Forgets requests and queued handlers. */
  reset(): void;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

/**
 * Starts one server for the enclosing spec file (closed after its tests, reset before each) and
 * returns a handle that reaches it.
 */
export function useCohereServer(): Omit<CohereServer, 'close'> {
  let current: CohereServer | undefined;
  const live = (): CohereServer => {
    if (current === undefined) throw new Error('the Cohere test server is used before beforeAll started it');
    return current;
  };
  beforeAll(async () => {
    current = await startCohereServer();
  });
  afterAll(() => current?.close());
  beforeEach(() => current?.reset());
  return {
    get baseUrl() {
      return live().baseUrl;
    },
    get requests() {
      return live().requests;
    },
    reply: (...handlers) => live().reply(...handlers),
    reset: () => live().reset(),
  };
}

export async function startCohereServer(): Promise<CohereServer> {
  const requests: SeenRequest[] = [];
  const queue: Handler[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const closed = new Promise<void>((resolve) => res.on('close', resolve));
      const seen: SeenRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(parts).toString('utf8'),
        closed,
        closedEarly: () => !res.writableFinished,
      };
      requests.push(seen);
      const handler = queue.shift() ?? ((response: ServerResponse) => response.writeHead(599).end('no scenario queued'));
      void Promise.resolve(handler(res, seen)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply: (...handlers) => queue.push(...handlers),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Lets the event loop turn, so separate writes leave as separate chunks. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Writes text (or bytes) in pieces of `size` bytes, waiting for the socket to drain, and letting
 * the event loop turn every few small pieces so they leave separately; stops if the client went away.
 */
export async function writeInPieces(res: ServerResponse, body: string | Uint8Array, size: number): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  let writes = 0;
  for (let at = 0; at < bytes.length && !res.destroyed; at += size) {
    if (!res.write(bytes.subarray(at, at + size))) await drained(res);
    else if (size < 1024 && ++writes % 8 === 0) await tick();
  }
}

/** Resolves when the response can take more, or closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Options of the streaming handlers. */
export interface StreamReply {
  readonly contentType?: string;
  /** Bytes per write (default: the whole body at once). */
  readonly pieces?: number;
  readonly headers?: Record<string, string>;
}

function head(res: ServerResponse, reply: StreamReply, fallback: string): void {
  res.writeHead(200, { 'content-type': reply.contentType ?? fallback, ...reply.headers });
  res.flushHeaders();
}

/** A 200 streaming the body, then the end. */
export function streams(body: string | Uint8Array, reply: StreamReply = {}): Handler {
  return async (res) => {
    head(res, reply, 'text/event-stream');
    await writeInPieces(res, body, reply.pieces ?? Number.MAX_SAFE_INTEGER);
    res.end();
  };
}

/** A 200 with the headers (and `body`, if given), then nothing more: a stall. */
export function stallsAfter(body = '', reply: StreamReply = {}): Handler {
  return (res) => {
    head(res, reply, 'text/event-stream');
    if (body !== '') res.write(body);
  };
}

/** Never answers: not even headers. */
export const neverAnswers: Handler = () => undefined;

/** A 200 with the headers and `body`, then the socket destroyed (a dropped connection). */
export function dropsAfter(body: string, reply: StreamReply = {}): Handler {
  return (res) => {
    head(res, reply, 'text/event-stream');
    res.write(body, () => setTimeout(() => res.socket?.destroy(), 20));
  };
}

/**
 * A 200 whose body is delimited by the connection's close (no chunked encoding, no length),
 * with `body`, then the socket closed: the client cannot tell the cut from a clean end, as
 * when a proxy cuts such a stream.
 */
export function cutAfter(body: string): Handler {
  return (res) => {
    res.useChunkedEncodingByDefault = false;
    res.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' });
    res.write(body, () => setTimeout(() => res.socket?.destroy(), 20));
  };
}

/** Destroys the socket without answering. */
export const dropsBeforeAnswer: Handler = (res) => {
  res.socket?.destroy();
};

/** An error status with a body. */
export function fails(status: number, body: string, headers: Record<string, string> = {}): Handler {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };
}

/** One SSE frame per JSON text, as Cohere frames V2 chat (`event: <type>` then `data:`), then `data: [DONE]`. */
export function sseOf(frames: readonly string[], done = true): string {
  const events = frames.map((frame) => {
    const type = (JSON.parse(frame) as { type?: unknown }).type;
    return `${typeof type === 'string' ? `event: ${type}\n` : ''}data: ${frame}\n\n`;
  });
  return events.join('') + (done ? 'data: [DONE]\n\n' : '');
}

/** The non-blank lines of a JSON-lines text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
