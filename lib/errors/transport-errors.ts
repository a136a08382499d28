/**
 * The errors of the HTTP transport that are not an HTTP status: an invalid request body, a
 * failed or dropped connection, a stall, and an abort through the caller's signal.
 *
 * @module
 */
import { CohereStreamError, StreamInterruptedError, type SchemaIssue } from './base';

/** Whether a value looks like an error (also one from another realm, which `instanceof Error` misses). */
function isErrorLike(value: unknown): value is { message: string; code?: unknown; cause?: unknown } {
  return value !== null && typeof value === 'object' && 'message' in value && typeof value.message === 'string';
}

/** The text of an error and of its causes, e.g. `fetch failed (connect ECONNREFUSED 127.0.0.1:9 [ECONNREFUSED])`. */
function describeCause(cause: unknown): string {
  const parts: string[] = [];
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (isErrorLike(current)) {
      const code = typeof current.code === 'string' ? ` [${current.code}]` : '';
      parts.push(`${current.message}${code}`);
      current = current.cause;
    } else {
      parts.push(String(current));
      current = undefined;
    }
  }
  return parts.length === 0 ? 'no reason given' : parts.join(' (') + ')'.repeat(parts.length - 1);
}

/**
 * The body given to `fromCohere` (or a convenience such as `chatStream`) does not match the
 * endpoint's request schema. Nothing was sent.
 *
 * `issues` lists every bad field (`path`, `expected`, `received`); `path`, `expected` and
 * `received` repeat the first one.
 */
export class RequestValidationError extends CohereStreamError {
  override name = 'RequestValidationError';
  /** The endpoint the body was meant for, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** Path of the first bad field, e.g. `messages.0.role`. */
  readonly path: string;
  /** What the schema expects at `path`. */
  readonly expected: string;
  /** What the body has at `path`. */
  readonly received: string;
  /** Every bad field. */
  readonly issues: readonly SchemaIssue[];

  constructor(endpoint: string, issues: readonly SchemaIssue[]) {
    const list = issues
      .map((issue) => `${issue.path === '' ? '(the body itself)' : issue.path}: expected ${issue.expected}, received ${issue.received}`)
      .join('; ');
    super(
      `The request body for POST /${endpoint} is not valid, so it was not sent: ${list}. ` +
        'Fix these fields (see https://docs.cohere.com/reference) and subscribe again.',
    );
    const [first] = issues;
    this.endpoint = endpoint;
    this.path = first?.path ?? '';
    this.expected = first?.expected ?? '';
    this.received = first?.received ?? '';
    this.issues = issues;
  }
}

/**
 * The connection failed: the request could not be sent or its answer not read (DNS, refused
 * connection, TLS, a reset), or the connection dropped in the middle of the stream. `cause`
 * holds what `fetch` (or the body reader) rejected with.
 *
 * `framesReceived` says how many frames had arrived: `0` means nothing of the answer was used
 * (such a failure is retried); more means the stream was cut and what arrived is incomplete.
 */
export class ConnectionError extends StreamInterruptedError {
  override name = 'ConnectionError';
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** How many frames had arrived before the connection failed. */
  readonly framesReceived: number;

  constructor(endpoint: string, framesReceived: number, cause: unknown) {
    const when =
      framesReceived === 0
        ? 'failed before any frame of the stream arrived'
        : `dropped after ${framesReceived} frame(s), in the middle of the stream`;
    super(
      `The connection for POST /${endpoint} ${when}: ${describeCause(cause)}. ` +
        (framesReceived === 0
          ? "Check the network and the endpoint (`baseUrl`, or the AWS client's region and endpoint); the request was retried as configured."
          : 'What arrived is incomplete: show it as such, or send the request again.'),
      { cause },
    );
    this.endpoint = endpoint;
    this.framesReceived = framesReceived;
  }
}

/** The phase of a request that stalled. */
export type TimeoutPhase =
  /** Waiting for the response headers. */
  | 'headers'
  /** Headers arrived; waiting for the first frame of the stream (or for an error body). */
  | 'first-frame'
  /** Waiting for the next frame after one arrived. */
  | 'idle';

/** The option that sets each phase's limit, named in messages. */
const OPTION_OF: Readonly<Record<TimeoutPhase, string>> = {
  headers: 'timeouts.headersMs',
  'first-frame': 'timeouts.firstFrameMs',
  idle: 'timeouts.idleMs',
};

/** What each phase waited for, in messages. */
const WAITED_FOR: Readonly<Record<TimeoutPhase, string>> = {
  headers: 'the response headers',
  'first-frame': 'the first frame of the stream',
  idle: 'the next frame',
};

/**
 * A request stalled: no response headers, no first frame, or no next frame within the limit
 * (`limitMs`) of its `phase`. The request was aborted.
 */
export class StreamTimeoutError extends StreamInterruptedError {
  override name = 'StreamTimeoutError';
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** Which wait ran out. */
  readonly phase: TimeoutPhase;
  /** The limit that ran out, in milliseconds. */
  readonly limitMs: number;
  /** How many frames had arrived before the stall. */
  readonly framesReceived: number;

  constructor(endpoint: string, phase: TimeoutPhase, limitMs: number, framesReceived: number) {
    super(
      `POST /${endpoint} stalled: ${WAITED_FOR[phase]} did not arrive within ${limitMs} ms ` +
        `(${framesReceived} frame(s) arrived before). The request was aborted. ` +
        `Raise ${OPTION_OF[phase]} (0 disables it) if the server is legitimately slow, otherwise send the request again.`,
    );
    this.endpoint = endpoint;
    this.phase = phase;
    this.limitMs = limitMs;
    this.framesReceived = framesReceived;
  }
}

/**
 * The `signal` given to `fromCohere` aborted: the request was aborted and the stream ended.
 * `reason` is the signal's `reason`. (Unsubscribing is not an error and reports nothing.)
 */
export class RequestAbortedError extends StreamInterruptedError {
  override name = 'RequestAbortedError';
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** The abort signal's `reason`. */
  readonly reason: unknown;

  constructor(endpoint: string, reason: unknown) {
    super(
      `POST /${endpoint} was aborted through the \`signal\` option (${describeCause(reason)}). ` +
        'Unsubscribe instead if ending the stream is not an error for you.',
      { cause: reason },
    );
    this.endpoint = endpoint;
    this.reason = reason;
  }
}
