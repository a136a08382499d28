/**
 * Jest wiring of the mock server of `lib/testing` for the transport specs: one server per spec
 * file or `describe` block, reset before each test, and real AWS SDK clients pointed at it over
 * the protocol a suite tests.
 */
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient, type SageMakerRuntimeClientConfig } from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttp2Handler, NodeHttpHandler } from '@smithy/node-http-handler';
import { lastValueFrom, take, toArray, type Observable } from 'rxjs';
import {
  awsClientConfig,
  endlessStream,
  EVENT_STREAM_CONTENT_TYPE,
  eventStream,
  fails,
  startMockCohereServer,
  type MockCohereServer,
  type RecordedRequest,
} from '../../lib/testing/index';

/** The server as a suite uses it: everything but `close()`, which `afterAll` calls. */
export type LiveServer = Omit<MockCohereServer, 'close'>;

/** The answer to a request no test scripted: a 599, so that a missing reply never passes for a success. */
const unscripted = fails(599, 'no scenario queued', { 'content-type': 'text/plain' });

/** Starts a mock server whose unscripted requests get a 599. */
export const startTestServer = (): Promise<MockCohereServer> => startMockCohereServer({ fallback: unscripted });

/**
 * Starts one mock server for the enclosing spec file or `describe` block (closed after its
 * tests, reset before each) and returns a handle that reaches it.
 */
export function useMockServer(): LiveServer {
  let current: MockCohereServer | undefined;
  const live = (): MockCohereServer => {
    if (current === undefined) throw new Error('the mock server is used before beforeAll started it');
    return current;
  };
  beforeAll(async () => {
    current = await startTestServer();
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
    route: (match, handler) => live().route(match, handler),
    waitForRequest: (position, timeoutMs) => live().waitForRequest(position, timeoutMs),
    reset: () => live().reset(),
  };
}

/** The protocol an AWS client speaks to the server: cleartext HTTP/2 (the Bedrock client's default) or HTTP/1.1. */
export type WireProtocol = 'h2c' | 'http1';

/** A server, and the protocol the clients of a suite speak to it. */
export interface AwsServer extends LiveServer {
  readonly protocol: WireProtocol;
}

/** A server and a client pointed at it, for the enclosing `describe` block. */
export interface AwsTestBed<C> {
  readonly server: AwsServer;
  readonly client: C;
}

/**
 * Starts a server and a client made by `makeClient` speaking `protocol` for the enclosing
 * `describe` block (both closed after its tests, the server reset before each).
 */
export function useAwsServer<C extends { destroy(): void }>(protocol: WireProtocol, makeClient: (server: AwsServer) => C): AwsTestBed<C> {
  const server: AwsServer = Object.assign(useMockServer(), { protocol });
  let client: C | undefined;
  beforeAll(() => {
    client = makeClient(server);
  });
  afterAll(() => client?.destroy());
  return {
    server,
    get client() {
      if (client === undefined) throw new Error('the AWS client is used before beforeAll made it');
      return client;
    },
  };
}

/**
 * A real Bedrock Runtime client pointed at the server: its default handler (HTTP/2) for h2c,
 * `NodeHttpHandler` for HTTP/1.1. One attempt unless `config` says otherwise.
 */
export function bedrockClient(server: AwsServer, config: BedrockRuntimeClientConfig = {}): BedrockRuntimeClient {
  return new BedrockRuntimeClient({ ...awsClientConfig(server), ...(server.protocol === 'http1' ? { requestHandler: new NodeHttpHandler() } : {}), ...config });
}

/**
 * A real SageMaker Runtime client pointed at the server: its default handler (HTTP/1.1) for
 * HTTP/1.1, `NodeHttp2Handler` for h2c. One attempt unless `config` says otherwise.
 */
export function sagemakerClient(server: AwsServer, config: SageMakerRuntimeClientConfig = {}): SageMakerRuntimeClient {
  return new SageMakerRuntimeClient({
    ...awsClientConfig(server),
    ...(server.protocol === 'h2c' ? { requestHandler: new NodeHttp2Handler() } : {}),
    ...config,
  });
}

/** An event stream's headers, then nothing until the client goes away. */
export const headersOnly = eventStream([], { then: 'stall' });

/** Resolves after `ms`. */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves when the server saw the exchange close, or rejects after `ms`. */
export function closedWithin(request: RecordedRequest | undefined, ms = 1000): Promise<void> {
  if (request === undefined) return Promise.reject(new Error('no request arrived'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not see the close')), ms);
    void request.closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Unsubscribing from an AWS stream of `message` (sent every 15 ms, endlessly) after two frames
 * aborts the request: the server sees the exchange close early and writes at most once more.
 */
export async function expectUnsubscribeAborts(server: LiveServer, message: Uint8Array, frames: Observable<unknown>): Promise<void> {
  const written = { count: 0 };
  server.reply(endlessStream(message, { gapMs: 15, contentType: EVENT_STREAM_CONTENT_TYPE, onWrite: (count) => (written.count = count) }));
  expect(await lastValueFrom(frames.pipe(take(2), toArray()))).toHaveLength(2);
  await closedWithin(server.requests[0]);
  expect(server.requests[0]?.closedEarly()).toBe(true);
  const after = written.count;
  await delay(100);
  expect(written.count).toBeLessThanOrEqual(after + 1);
}
