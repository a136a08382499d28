/**
 * An embedded stand-in for api.cohere.com, AWS Bedrock Runtime and SageMaker Runtime on
 * 127.0.0.1, for tests and demos: real `fetch` and the real AWS SDK clients talk to it.
 *
 * @module
 */
import type { Server as NetServer, Socket } from 'node:net';
import type { Http2Session } from 'node:http2';
import { answerFromRequest } from './answer-from-request';
import { http1Exchange, http2Exchange, type MockHandler, type MockReply, type RecordedRequest } from './mock-exchange';
import { staticFiles } from './mock-static';
import { unknownMembersRefusal, type MockUnknownFields } from './unknown-members';
import { choiceOption } from '../errors/options';

/** Which requests a route answers: a path (without the query), a pattern of the path, or a test of the request. */
export type RequestMatch = string | RegExp | ((request: RecordedRequest) => boolean);

/** Options of {@link startMockCohereServer}. */
export interface MockServerOptions {
  /**
   * The port.
   *
   * @defaultValue `0`: a free port the system picks
   */
  readonly port?: number | undefined;
  /**
   * The answer to a request that no queued reply and no route answers.
   *
   * @defaultValue {@link answerFromRequest}`()`: a scripted answer derived from the request
   */
  readonly fallback?: MockHandler | undefined;
  /**
   * A folder whose files the server serves on the API's origin, for a browser app under test:
   * a `GET` or `HEAD` whose path names a file in it (or a folder with an `index.html`, `/`
   * included) is answered with that file, before queued replies and routes, and is not
   * recorded in `requests`. Any other request is handled as usual.
   *
   * @defaultValue none: every request is handled as usual
   * @throws InvalidOptionError (as a rejection of {@link startMockCohereServer}) when it is not a folder.
   */
  readonly staticRoot?: string | undefined;
  /**
   * What a request to a Cohere endpoint (api.cohere.com, Bedrock, SageMaker) whose body has
   * members Cohere's API reference does not list (`maxTokens` for `max_tokens`, at any depth)
   * gets. `'reject'`: the service's refusal, whatever reply was queued or routed (a 400 with
   * Cohere's `{ message }` naming the members; a Bedrock `ValidationException`; a SageMaker
   * `ModelError`), so that a test cannot pass with a body the API would refuse. `'accept'`: the
   * request is answered as any other, for a test that sends such members on purpose (the
   * transports' `unknownFields: 'send'`).
   *
   * @defaultValue `'reject'`
   */
  readonly unknownFields?: MockUnknownFields | undefined;
}

/** A running mock server. */
export interface MockCohereServer {
  /** `http://127.0.0.1:<port>`: the `baseUrl` of `fromCohere`, the `endpoint` of an AWS client. */
  readonly baseUrl: string;
  /** Every request received since the start or the last `reset()`, in order of arrival (not those `staticRoot` answered). */
  readonly requests: readonly RecordedRequest[];
  /** Queues handlers for the next requests, whatever their path: each request takes the next one. */
  reply(...handlers: MockHandler[]): void;
  /** Answers every request that `match` accepts with `handler`, when no queued reply waits (the first matching route wins). */
  route(match: RequestMatch, handler: MockHandler): void;
  /**
   * Resolves with the request at `position` (0 for the first) once it has arrived.
   *
   * @throws Error (as a rejection) when it has not arrived within `timeoutMs` (default 5 s).
   */
  waitForRequest(position: number, timeoutMs?: number): Promise<RecordedRequest>;
  /** Forgets requests, queued replies and routes; a pending `waitForRequest` rejects. */
  reset(): void;
  /** Closes every connection and stops the server. */
  close(): Promise<void>;
}

/** Whether a request is one a route answers. */
function matches(match: RequestMatch, request: RecordedRequest): boolean {
  if (typeof match === 'function') return match(request);
  const path = request.path.split('?')[0] ?? '';
  return typeof match === 'string' ? path === match : match.test(path);
}

/** The first three bytes of the HTTP/2 connection preface (`PRI * HTTP/2.0`), which no HTTP/1.1 method starts with. */
const HTTP2_PREFACE = 'PRI';

/**
 * Starts the mock server on 127.0.0.1 (Node only). It speaks HTTP/1.1 and cleartext HTTP/2 on
 * the same port (what `fetch` and the SageMaker client speak, and what the Bedrock client
 * speaks by default), records every request, and answers each with the next queued reply,
 * else the first matching route, else `options.fallback` (by default
 * {@link answerFromRequest}: a scripted answer derived from the request). A handler that
 * throws drops its connection. A body with members the endpoint does not take is refused
 * first (see `options.unknownFields`), without taking a queued reply. With `staticRoot`, it also
 * serves a folder's files (a built browser app) on the same origin.
 *
 * <span class="informal">The replies are built with the kit's builders and faults:
 * `sseStream(chatV2Events(script), { gapMs: 30 })`, `streams(..., { then: 'drop' })`,
 * `fails(429, ...)`, `bedrockStream(...)`, `eventStream([exceptionMessage(...)])`.</span>
 *
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat, chatStream } from 'cohere-rx';
 * import { chatV2Events, sseStream, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * try {
 *   server.reply(sseStream(chatV2Events({ text: ['Hello', ', world'] })));
 *   const response = await lastValueFrom(
 *     chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] }, { baseUrl: server.baseUrl, token: 'test' }).pipe(accumulateChat()),
 *   );
 *   console.log(response.message.content, server.requests[0]?.json);
 * } finally {
 *   await server.close();
 * }
 * ```
 *
 * @param options The port, the fallback answer, the folder of static files and what bodies with
 *   unknown members get.
 * @returns The running server.
 * @throws Error (as a rejection) outside Node.js 20.16 or later, or when the port is taken;
 *   InvalidOptionError when `staticRoot` is not a folder, or for an `unknownFields` other than
 *   `'reject'` and `'accept'`.
 */
export async function startMockCohereServer(options: MockServerOptions = {}): Promise<MockCohereServer> {
  const refuseUnknown = choiceOption<MockUnknownFields>('unknownFields', options.unknownFields, ['reject', 'accept'], 'reject') === 'reject';
  // Node's modules are loaded here, not imported, so that this entry point stays importable
  // where they do not exist (a browser running marble tests).
  if (typeof process === 'undefined' || typeof process.getBuiltinModule !== 'function') {
    throw new Error('startMockCohereServer needs Node.js 20.16 or later (process.getBuiltinModule)');
  }
  const { createServer: createNetServer } = process.getBuiltinModule('node:net');
  const { createServer: createHttp1Server } = process.getBuiltinModule('node:http');
  const { createServer: createHttp2Server } = process.getBuiltinModule('node:http2');
  const requests: RecordedRequest[] = [];
  const queue: MockHandler[] = [];
  const routes: { readonly match: RequestMatch; readonly handler: MockHandler }[] = [];
  /** Pending `waitForRequest` calls: each checks on every arrival, and fails when the server closes. */
  const waiting = new Map<() => void, (error: Error) => void>();
  const fallback = options.fallback ?? answerFromRequest();
  const files = options.staticRoot === undefined ? undefined : staticFiles(options.staticRoot);

  const handle = (reply: MockReply, request: RecordedRequest) => {
    if (files?.serve(reply, request) === true) return;
    requests.push(request);
    for (const check of waiting.keys()) check();
    const refusal = refuseUnknown ? unknownMembersRefusal(request) : undefined;
    const handler = refusal ?? queue.shift() ?? routes.find((route) => matches(route.match, request))?.handler ?? fallback;
    void Promise.resolve()
      .then(() => handler(reply, request))
      .catch(() => reply.drop());
  };

  const sockets = new Set<Socket>();
  const sessions = new Set<Http2Session>();
  const http1 = createHttp1Server((req, res) => http1Exchange(req, res, handle));
  const http2 = createHttp2Server();
  http2.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
    session.on('error', () => undefined);
  });
  http2.on('stream', (stream, headers) => http2Exchange(stream, headers, handle));
  // One port for both protocols: the first bytes of a connection tell HTTP/2 from HTTP/1.1.
  const server: NetServer = createNetServer((socket) => {
    // As Node's HTTP server does: small writes leave at once, not after the peer's delayed ACK.
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      (first.subarray(0, HTTP2_PREFACE.length).toString('latin1') === HTTP2_PREFACE ? http2 : http1).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply: (...handlers) => queue.push(...handlers),
    route: (match, handler) => routes.push({ match, handler }),
    waitForRequest: (position, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const settle = (outcome: Error | RecordedRequest) => {
          waiting.delete(check);
          clearTimeout(timer);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const check = () => {
          const request = requests[position];
          if (request !== undefined) settle(request);
        };
        const timer = setTimeout(() => settle(new Error(`request ${position} did not arrive within ${timeoutMs} ms (${requests.length} arrived)`)), timeoutMs);
        waiting.set(check, settle);
        check();
      }),
    reset: () => {
      // A wait for the requests being forgotten must not be answered by the next test's.
      for (const fail of [...waiting.values()]) fail(new Error('the mock server was reset'));
      requests.length = 0;
      queue.length = 0;
      routes.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const fail of waiting.values()) fail(new Error('the mock server closed'));
        for (const session of sessions) session.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
