/**
 * Handlers for the mock server: a streamed body (with pacing, pauses and the way it ends:
 * cleanly, dropped, cut or stalled), error statuses with Cohere's and AWS's error bodies, and
 * requests never answered.
 *
 * @module
 */
import { splitEvery } from './faults';
import type { MockHandler, MockReply } from './mock-exchange';

/** The content type of server-sent events (V2 chat). */
export const SSE_CONTENT_TYPE = 'text/event-stream';
/** The content type api.cohere.com gives JSON-lines streams (V1 chat, generate). */
export const JSON_LINES_CONTENT_TYPE = 'application/stream+json';
/** The content type of AWS event streams (Bedrock, SageMaker). */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';
/** The request id AWS replies of the mock server carry (`x-amzn-requestid`) unless told otherwise. */
export const MOCK_REQUEST_ID = 'mock-request-1';

/**
 * How a streamed reply ends: cleanly (`'end'`); with the connection dropped (`'drop'`: a reset
 * the client sees as an error over HTTP/1.1, a silent end over HTTP/2); with a body delimited by
 * the connection's close and the connection closed (`'cut'`: the client cannot tell it from a
 * clean end, as when a proxy cuts it); or not at all (`'stall'`: the connection stays open with
 * nothing more, until the client gives up or the server closes).
 *
 * Over HTTP/2 (the Bedrock client's default) a body is never delimited by the connection's
 * close, so `'cut'` is the same as `'drop'`; and both close the whole HTTP/2 session, ending
 * every other stream the client has open on it too.
 */
export type StreamEnding = 'end' | 'drop' | 'cut' | 'stall';

/** A pause in a streamed reply: after the chunk at position `after`, wait `ms` before the next. */
export interface ReplyPause {
  /** The position of the chunk the pause follows (0 for the first). */
  readonly after: number;
  /** How long the pause lasts, in milliseconds. */
  readonly ms: number;
}

/** Options of a streamed reply. */
export interface StreamReplyOptions {
  /**
   * The status.
   *
   * @defaultValue `200`
   */
  readonly status?: number | undefined;
  /**
   * The content type.
   *
   * @defaultValue `'text/event-stream'` for {@link streams}; each family's own for the others
   */
  readonly contentType?: string | undefined;
  /** More headers. */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Bytes per write: the body is cut into pieces of this size, wherever that falls (inside
   * frames and characters).
   *
   * @defaultValue each chunk written as given
   */
  readonly pieceSize?: number | undefined;
  /** Milliseconds between writes (live tokens for a demo). */
  readonly gapMs?: number | undefined;
  /** Pauses after some chunks (a stall the stream recovers from). */
  readonly pauses?: readonly ReplyPause[] | undefined;
  /**
   * How the reply ends.
   *
   * @defaultValue `'end'`
   */
  readonly then?: StreamEnding | undefined;
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @internal
 */
export const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Lets the event loop turn, so separate writes leave as separate chunks. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How long a dropped or cut reply waits for its last bytes to reach the client. */
const LAST_BYTES_MS = 30;

/** The chunks of a body: as given (empty ones left out), or cut every `pieceSize` bytes. */
function chunksOf(body: string | Uint8Array | readonly (string | Uint8Array)[], pieceSize: number | undefined): (string | Uint8Array)[] {
  const chunks = (typeof body === 'string' || body instanceof Uint8Array ? [body] : [...body]).filter((chunk) => chunk.length > 0);
  return pieceSize === undefined ? chunks : splitEvery(chunks, pieceSize);
}

/**
 * Ends a reply as `then` says.
 *
 * @internal
 */
export function finish(reply: MockReply, then: StreamEnding): void {
  if (then === 'end') reply.end();
  else if (then === 'drop' || then === 'cut') setTimeout(() => reply.drop(), LAST_BYTES_MS);
}

/**
 * A streamed reply: the status and headers, then each chunk of `body` in turn (paced, paused,
 * cut into pieces as the options say), then the ending.
 *
 * @example
 * ```ts
 * import { startMockCohereServer, streams, toSseText, chatV2Event } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * // Two frames, then the connection drops: no message-end, no [DONE].
 * server.reply(streams(toSseText([chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel')], { done: false }), { then: 'drop' }));
 * await server.close();
 * ```
 *
 * @param body The body: text, bytes, or chunks written one by one.
 * @param options Status, headers, pacing and ending.
 * @returns The handler.
 * @throws RangeError when `pieceSize` is not a positive integer.
 */
export function streams(body: string | Uint8Array | readonly (string | Uint8Array)[], options: StreamReplyOptions = {}): MockHandler {
  const { pieceSize } = options;
  if (pieceSize !== undefined && (!Number.isInteger(pieceSize) || pieceSize < 1))
    throw new RangeError(`pieceSize must be a positive integer, got ${pieceSize}`);
  const then = options.then ?? 'end';
  return async (reply) => {
    reply.head(options.status ?? 200, { 'content-type': options.contentType ?? SSE_CONTENT_TYPE, ...options.headers }, { closeDelimited: then === 'cut' });
    const pauses = new Map((options.pauses ?? []).map((pause) => [pause.after, pause.ms]));
    const chunks = chunksOf(body, pieceSize);
    for (const [position, chunk] of chunks.entries()) {
      if (reply.isClosed()) return;
      if (position > 0 && (options.gapMs ?? 0) > 0) await delay(options.gapMs ?? 0);
      await reply.write(chunk);
      const pause = pauses.get(position);
      if (pause !== undefined) await delay(pause);
      else if (pieceSize !== undefined && pieceSize < 1024 && position % 8 === 7) await tick();
    }
    finish(reply, then);
  };
}

/** Options of {@link endlessStream}. */
export interface EndlessStreamOptions {
  /** Milliseconds between writes. */
  readonly gapMs: number;
  /**
   * The most writes before the reply ends by itself.
   *
   * @defaultValue `500`
   */
  readonly limit?: number | undefined;
  /**
   * The content type.
   *
   * @defaultValue `'text/event-stream'`
   */
  readonly contentType?: string | undefined;
  /** Called after each write with the number of writes so far. */
  readonly onWrite?: ((count: number) => void) | undefined;
}

/**
 * A reply that writes the same chunk every `gapMs` until the client goes away (at most `limit`
 * times): to see that unsubscribing stops a stream at the server.
 *
 * @example
 * ```ts
 * import { endlessStream, startMockCohereServer, toSseText, chatV2Event } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * let written = 0;
 * server.reply(endlessStream(toSseText([chatV2Event.text('x')], { done: false }), { gapMs: 10, onWrite: (count) => (written = count) }));
 * await server.close();
 * console.log(written);
 * ```
 *
 * @param chunk The chunk.
 * @param options Pace, limit, content type and a callback per write.
 * @returns The handler.
 */
export function endlessStream(chunk: string | Uint8Array, options: EndlessStreamOptions): MockHandler {
  return async (reply) => {
    reply.head(200, { 'content-type': options.contentType ?? SSE_CONTENT_TYPE });
    for (let count = 1; !reply.isClosed() && count <= (options.limit ?? 500); count++) {
      await reply.write(chunk);
      options.onWrite?.(count);
      await delay(options.gapMs);
    }
    reply.end();
  };
}

/**
 * An error answer with a JSON body, as api.cohere.com sends one (`{ "id"?, "message" }`)
 * before any stream data.
 *
 * @example
 * ```ts
 * import { fails, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(fails(429, { message: 'slow down' }, { 'retry-after': '1' }));
 * await server.close();
 * ```
 *
 * @param status The status.
 * @param body The body: an object sent as JSON, or text as is.
 * @param headers More headers (`content-type` is `application/json` unless given).
 * @returns The handler.
 */
export function fails(status: number, body: object | string, headers: Readonly<Record<string, string>> = {}): MockHandler {
  return (reply) => {
    reply.head(status, { 'content-type': 'application/json', ...headers });
    reply.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Options of {@link awsError}. */
export interface AwsErrorOptions {
  /**
   * The request id (`x-amzn-requestid`).
   *
   * @defaultValue {@link MOCK_REQUEST_ID}
   */
  readonly requestId?: string | undefined;
  /** More members of the JSON body (SageMaker's `OriginalStatusCode`, for instance). */
  readonly members?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * An AWS JSON error answer before the stream: the status, `x-amzn-errortype` (which the AWS SDK
 * reads as the exception's name), the request id and a body `{ "message", ...members }`.
 *
 * @example
 * ```ts
 * import { awsError, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(awsError(429, 'ThrottlingException', 'Too many requests', { requestId: 'rid-1' }));
 * await server.close();
 * ```
 *
 * @param status The status.
 * @param errorType The error type, such as `ThrottlingException`.
 * @param message The message.
 * @param options The request id and more members.
 * @returns The handler.
 */
export function awsError(status: number, errorType: string, message: string, options: AwsErrorOptions = {}): MockHandler {
  return (reply) => {
    reply.head(status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType, 'x-amzn-requestid': options.requestId ?? MOCK_REQUEST_ID });
    reply.end(JSON.stringify({ message, ...options.members }));
  };
}

/**
 * A handler that never answers, not even with headers: a server that hangs, for a client's
 * timeouts (`server.reply(neverAnswers)`).
 */
export const neverAnswers: MockHandler = () => undefined;

/**
 * A handler that cuts the connection without answering, for a client's retries
 * (`server.reply(dropsBeforeAnswer, sseStream(events))`).
 */
export const dropsBeforeAnswer: MockHandler = (reply) => reply.drop();
