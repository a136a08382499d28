/**
 * A scripted stand-in for AWS Bedrock Runtime and SageMaker Runtime on 127.0.0.1 that speaks
 * the AWS event-stream protocol (messages encoded with `@smithy/eventstream-codec`), over
 * cleartext HTTP/2 (h2c, what the Bedrock client speaks by default) or HTTP/1.1 (what the
 * SageMaker client speaks). The real AWS SDK clients are pointed at it.
 */
import { createServer as createHttp1Server, type ServerResponse } from 'node:http';
import type { SeenRequest } from './cohere-server';
import { constants, createServer as createHttp2Server, type ServerHttp2Session, type ServerHttp2Stream } from 'node:http2';
import type { AddressInfo, Socket } from 'node:net';
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient, type SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const codec = new EventStreamCodec(
  (bytes) => decoder.decode(bytes),
  (text) => encoder.encode(text),
);

/** Encodes one event-stream message with string headers. */
export function encodeMessage(headers: Readonly<Record<string, string>>, body: Uint8Array | string): Uint8Array {
  const message: Message = {
    headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])),
    body: typeof body === 'string' ? encoder.encode(body) : body,
  };
  return codec.encode(message);
}

/** A Bedrock `chunk` event: `{"bytes":"<base64 of the model JSON>"}`, with an optional `p` padding member. */
export function bedrockChunk(model: string | object, padding?: string): Uint8Array {
  const json = typeof model === 'string' ? model : JSON.stringify(model);
  const payload: Record<string, string> = { bytes: Buffer.from(json, 'utf8').toString('base64') };
  if (padding !== undefined) payload['p'] = padding;
  return bedrockChunkPayload(JSON.stringify(payload));
}

/** A Bedrock `chunk` event with a payload given as it goes on the wire (`{"bytes":…}`). */
export function bedrockChunkPayload(payload: string): Uint8Array {
  return encodeMessage({ ':message-type': 'event', ':event-type': 'chunk', ':content-type': 'application/json' }, payload);
}

/** A SageMaker `PayloadPart` event: the raw model bytes, no wrapper. */
export function payloadPart(bytes: Uint8Array | string): Uint8Array {
  return encodeMessage({ ':message-type': 'event', ':event-type': 'PayloadPart', ':content-type': 'application/octet-stream' }, bytes);
}

/** An exception message, e.g. `exceptionMessage('throttlingException', { message: 'slow down' })`. */
export function exceptionMessage(type: string, payload: object): Uint8Array {
  return encodeMessage({ ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' }, JSON.stringify(payload));
}

export type { SeenRequest };

/** One response, over HTTP/2 or HTTP/1.1. */
export interface Reply {
  /** Sends the status and headers. */
  head(status: number, headers?: Readonly<Record<string, string>>): void;
  /** Writes bytes; resolves once they are handed to the socket. Does nothing once the exchange closed. */
  write(bytes: Uint8Array): Promise<void>;
  /** Ends the response cleanly. */
  end(): void;
  /** Cuts the connection (HTTP/2: destroys the session; HTTP/1.1: destroys the socket). */
  drop(): void;
  /** Whether the exchange has closed. */
  readonly isClosed: () => boolean;
}

/** Answers one request. */
export type Handler = (reply: Reply, request: SeenRequest) => void | Promise<void>;

/** The server's wire protocol: cleartext HTTP/2 with prior knowledge, or HTTP/1.1. */
export type WireProtocol = 'h2c' | 'http1';

/** A running server. */
export interface AwsEventStreamServer {
  /** `http://127.0.0.1:<port>`: the client's `endpoint`. */
  readonly endpoint: string;
  readonly protocol: WireProtocol;
  /** Every request received since the last `reset()`. */
  readonly requests: SeenRequest[];
  /** Queues handlers for the next requests, in order. A request with no handler left gets a 599. */
  reply(...handlers: Handler[]): void;
  /** Forgets requests and queued handlers. */
  reset(): void;
  /** Closes the server and every session or socket. */
  close(): Promise<void>;
}

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when the server saw the exchange close, or rejects after `ms`. */
export function closedWithin(request: SeenRequest | undefined, ms = 1000): Promise<void> {
  if (request === undefined) return Promise.reject(new Error('no request arrived'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not see the close')), ms);
    void request.closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** How a scripted event stream ends. */
export type Ending = 'end' | 'drop' | 'stall';

/**
 * A handler that answers 200 with `application/vnd.amazon.eventstream` and writes each buffer
 * in turn (`gapMs` apart), then ends, drops the connection, or stalls (keeps it open).
 */
export function eventStream(buffers: readonly Uint8Array[], then: Ending = 'end', gapMs = 0): Handler {
  return async (reply) => {
    reply.head(200, { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-stream-1' });
    for (const buffer of buffers) {
      if (gapMs > 0) await delay(gapMs);
      await reply.write(buffer);
    }
    if (then === 'end') reply.end();
    // Give the last bytes time to reach the client before the connection is cut.
    else if (then === 'drop') setTimeout(() => reply.drop(), 30);
  };
}

/** A handler that writes `buffer` every `gapMs` until the client goes away (at most `limit` times). */
export function endlessStream(buffer: Uint8Array, gapMs: number, written: { count: number }, limit = 500): Handler {
  return async (reply) => {
    reply.head(200, { 'content-type': 'application/vnd.amazon.eventstream' });
    while (!reply.isClosed() && written.count < limit) {
      await reply.write(buffer);
      written.count++;
      await delay(gapMs);
    }
    reply.end();
  };
}

/** Resolves with the server's `index`-th request once it arrived, or rejects after `ms`. */
export async function requestArrived(server: AwsEventStreamServer, index = 0, ms = 2000): Promise<SeenRequest> {
  for (let waited = 0; waited < ms; waited += 5) {
    const request = server.requests[index];
    if (request !== undefined) return request;
    await delay(5);
  }
  throw new Error(`request ${index} did not arrive within ${ms} ms`);
}

/** A handler that sends the headers of an event stream, then nothing until the client goes away. */
export const headersOnly: Handler = (reply) => reply.head(200, { 'content-type': 'application/vnd.amazon.eventstream' });

/** A handler that answers an AWS JSON error: status, `x-amzn-errortype`, `x-amzn-requestid`, body `{"message":…}` plus `extra`. */
export function errorResponse(status: number, errorType: string, message: string, requestId = 'req-error-1', extra: object = {}): Handler {
  return (reply) => {
    reply.head(status, {
      'content-type': 'application/json',
      'x-amzn-errortype': errorType,
      'x-amzn-requestid': requestId,
    });
    void reply.write(encoder.encode(JSON.stringify({ message, ...extra })));
    reply.end();
  };
}

function record(
  requests: SeenRequest[],
  details: Omit<SeenRequest, 'closed' | 'closedEarly'>,
  closed: Promise<void>,
  closedEarly: () => boolean,
): SeenRequest {
  const seen: SeenRequest = { ...details, closed, closedEarly };
  requests.push(seen);
  return seen;
}

const unscripted: Handler = (reply) => {
  reply.head(599, { 'content-type': 'text/plain' });
  void reply.write(encoder.encode('no scenario queued'));
  reply.end();
};

function http2Reply(stream: ServerHttp2Stream, session: ServerHttp2Session): Reply & { ended: boolean } {
  const reply = {
    ended: false,
    head: (status: number, headers: Readonly<Record<string, string>> = {}) => stream.respond({ ':status': status, ...headers }),
    write: (bytes: Uint8Array) =>
      new Promise<void>((resolve) => {
        if (stream.closed || stream.destroyed) resolve();
        else stream.write(bytes, () => resolve());
      }),
    end: () => {
      reply.ended = true;
      if (!stream.closed) stream.end();
    },
    drop: () => session.destroy(),
    isClosed: () => stream.closed || stream.destroyed,
  };
  return reply;
}

function http1Reply(res: ServerResponse): Reply & { ended: boolean } {
  const reply = {
    ended: false,
    head: (status: number, headers: Readonly<Record<string, string>> = {}) => {
      res.writeHead(status, headers);
      res.flushHeaders();
    },
    write: (bytes: Uint8Array) =>
      new Promise<void>((resolve) => {
        if (res.destroyed || res.writableEnded) resolve();
        else res.write(bytes, () => resolve());
      }),
    end: () => {
      reply.ended = true;
      if (!res.writableEnded) res.end();
    },
    drop: () => res.socket?.destroy(),
    isClosed: () => res.destroyed || res.writableEnded,
  };
  return reply;
}

/** Starts a server on 127.0.0.1, on an ephemeral port. */
/** A server and a client pointed at it, for the enclosing `describe` block. */
export interface AwsTestBed<C> {
  readonly server: AwsEventStreamServer;
  readonly client: C;
}

/**
 * Starts a server speaking `protocol` and a client made by `makeClient` for the enclosing
 * `describe` block (both closed after its tests, the server reset before each), and returns a
 * handle that reaches them.
 */
export function useAwsServer<C extends { destroy(): void }>(protocol: WireProtocol, makeClient: (server: AwsEventStreamServer) => C): AwsTestBed<C> {
  let bed: AwsTestBed<C> | undefined;
  const live = (): AwsTestBed<C> => {
    if (bed === undefined) throw new Error('the AWS test server is used before beforeAll started it');
    return bed;
  };
  beforeAll(async () => {
    const server = await startAwsEventStreamServer(protocol);
    bed = { server, client: makeClient(server) };
  });
  afterAll(async () => {
    bed?.client.destroy();
    await bed?.server.close();
  });
  beforeEach(() => bed?.server.reset());
  return {
    get server() {
      return live().server;
    },
    get client() {
      return live().client;
    },
  };
}

export async function startAwsEventStreamServer(protocol: WireProtocol): Promise<AwsEventStreamServer> {
  const requests: SeenRequest[] = [];
  const queue: Handler[] = [];
  const next = () => queue.shift() ?? unscripted;
  const run = (handler: Handler, reply: Reply, seen: SeenRequest) =>
    void Promise.resolve(handler(reply, seen)).catch(() => reply.drop());

  const sessions = new Set<ServerHttp2Session>();
  const sockets = new Set<Socket>();
  let server: ReturnType<typeof createHttp2Server> | ReturnType<typeof createHttp1Server>;

  if (protocol === 'h2c') {
    const h2 = createHttp2Server();
    h2.on('session', (session) => {
      sessions.add(session);
      session.on('close', () => sessions.delete(session));
      session.on('error', () => undefined);
    });
    h2.on('stream', (stream, headers) => {
      stream.on('error', () => undefined);
      const parts: Buffer[] = [];
      stream.on('data', (part: Buffer) => parts.push(part));
      stream.on('end', () => {
        const reply = http2Reply(stream, stream.session as ServerHttp2Session);
        const closed = new Promise<void>((resolve) => (stream.closed ? resolve() : stream.on('close', () => resolve())));
        const seen = record(
          requests,
          {
            method: String(headers[':method']),
            path: String(headers[':path']),
            headers,
            body: Buffer.concat(parts).toString('utf8'),
          },
          closed,
          () => !reply.ended || stream.rstCode !== constants.NGHTTP2_NO_ERROR,
        );
        run(next(), reply, seen);
      });
    });
    server = h2;
  } else {
    const h1 = createHttp1Server((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (part: Buffer) => parts.push(part));
      req.on('end', () => {
        const reply = http1Reply(res);
        const closed = new Promise<void>((resolve) => res.on('close', () => resolve()));
        const seen = record(
          requests,
          { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') },
          closed,
          () => !reply.ended || !res.writableFinished,
        );
        run(next(), reply, seen);
      });
    });
    h1.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    server = h1;
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    protocol,
    requests,
    reply: (...handlers) => queue.push(...handlers),
    reset: () => {
      requests.length = 0;
      queue.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Dummy credentials: the server does not check signatures. */
const testConfig = (server: AwsEventStreamServer) => ({
  region: 'us-east-1',
  endpoint: server.endpoint,
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  maxAttempts: 1,
});

/**
 * A real Bedrock Runtime client pointed at the server: its default handler (HTTP/2) for an h2c
 * server, `NodeHttpHandler` for an HTTP/1.1 one. `maxAttempts` is 1 unless `config` says otherwise.
 */
export function bedrockClient(server: AwsEventStreamServer, config: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({
    ...testConfig(server),
    ...(server.protocol === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}),
    ...config,
  });
}

/**
 * A real SageMaker Runtime client pointed at the server: its default handler (HTTP/1.1) for an
 * HTTP/1.1 server, `NodeHttp2Handler` for an h2c one. `maxAttempts` is 1 unless `config` says otherwise.
 */
export function sagemakerClient(server: AwsEventStreamServer, config: SageMakerRuntimeClientConfig = {}): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient({
    ...testConfig(server),
    ...(server.protocol === 'h2c' ? { requestHandler: new NodeHttp2Handler() } : {}),
    ...config,
  });
}

export { outcome } from './http-stream';

/** Bedrock's usage and latency on the last chunk. */
export const INVOCATION_METRICS = { inputTokenCount: 12, outputTokenCount: 3, invocationLatency: 456, firstByteLatency: 123 };

/** The model JSON of the chunks of the scenarios, as Command R / R+ and Command send them on Bedrock. */
export const scenarios = {
  /** Command R: plain text, then `stream-end` with the response and the invocation metrics. */
  text: [
    { event_type: 'text-generation', is_finished: false, text: 'Hello' },
    { event_type: 'text-generation', is_finished: false, text: ', wörld 👋' },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: { response_id: 'resp-1', generation_id: 'gen-1', text: 'Hello, wörld 👋', finish_reason: 'COMPLETE' },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command R with documents: search results, text, citations. */
  rag: [
    {
      event_type: 'search-results',
      is_finished: false,
      documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
      search_results: [{ search_query: { text: 'tallest penguin', generation_id: 'q1' }, document_ids: ['doc_0'], connector: { id: 'web-search' } }],
    },
    { event_type: 'text-generation', is_finished: false, text: 'The emperor penguin' },
    { event_type: 'text-generation', is_finished: false, text: ' is the tallest.' },
    { event_type: 'citation-generation', is_finished: false, citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }] },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        response_id: 'resp-rag',
        generation_id: 'gen-rag',
        text: 'The emperor penguin is the tallest.',
        citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }],
        documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
        finish_reason: 'COMPLETE',
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command R with tools: the tool plan and the calls in `tool-calls-generation`. */
  toolCalls: [
    {
      event_type: 'tool-calls-generation',
      is_finished: false,
      text: 'I will look up the weather in Shanghai.',
      tool_calls: [{ name: 'weather', parameters: { city: 'Shanghai' } }],
    },
    {
      event_type: 'stream-end',
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        response_id: 'resp-tools',
        text: 'I will look up the weather in Shanghai.',
        tool_calls: [{ name: 'weather', parameters: { city: 'Shanghai' } }],
        finish_reason: 'COMPLETE',
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command (generate), one generation: no `event_type`, read by `is_finished`. */
  generateOne: [
    { text: 'Once', is_finished: false },
    { text: ' upon a time', is_finished: false },
    {
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: { id: 'g-1', prompt: 'Tell a story', generations: [{ id: 'g-1-0', text: 'Once upon a time', finish_reason: 'COMPLETE' }] },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
  /** Command (generate), three generations interleaved by `index`. */
  generateThree: [
    { text: 'A', index: 0, is_finished: false },
    { text: 'B', index: 1, is_finished: false },
    { text: 'C', index: 2, is_finished: false },
    { text: 'a', index: 0, is_finished: false },
    { text: 'c', index: 2, is_finished: false },
    { text: 'b', index: 1, is_finished: false },
    {
      is_finished: true,
      finish_reason: 'COMPLETE',
      response: {
        id: 'g-3',
        prompt: 'Letters',
        generations: [
          { id: 'g-3-0', index: 0, text: 'Aa', finish_reason: 'COMPLETE' },
          { id: 'g-3-1', index: 1, text: 'Bb', finish_reason: 'COMPLETE' },
          { id: 'g-3-2', index: 2, text: 'Cc', finish_reason: 'COMPLETE' },
        ],
      },
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    },
  ],
} as const;

/** The Bedrock chunk messages of a scenario. */
export const bedrockChunks = (chunks: readonly object[]): Uint8Array[] => chunks.map((chunk) => bedrockChunk(chunk));
