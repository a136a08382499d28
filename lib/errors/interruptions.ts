/**
 * The ways a transport's stream is cut that are not an HTTP status: a failed or dropped
 * connection, a stall, and an abort through the caller's signal. Each is a
 * {@link StreamInterruptedError}.
 *
 * @module
 */
import { StreamInterruptedError } from './cohere-stream-error';

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
      parts.push(typeof current === 'string' ? current : `a ${typeof current} that is not an error`);
      current = undefined;
    }
  }
  return parts.length === 0 ? 'no reason given' : parts.join(' (') + ')'.repeat(parts.length - 1);
}

/** What a {@link ConnectionError} is built from: its fields, and what `fetch`, the body reader or the AWS SDK rejected with. */
export type ConnectionErrorDetails = Pick<ConnectionError, 'endpoint' | 'framesReceived'> & {
  readonly cause: unknown;
  readonly attempts?: number | undefined;
};

/** What the message says about the retries behind a connection failure. */
function describeAttempts(attempts: number | undefined, framesReceived: number): string {
  if (attempts === undefined) return framesReceived === 0 ? " The AWS client's own retry strategy applied before the stream started." : '';
  if (attempts > 1) return ` The request was sent ${attempts} times (${attempts - 1} retries).`;
  return framesReceived === 0 ? ' The request was sent once: retries are off (`retry.count` is 0).' : ' The request was sent once.';
}

/**
 * The connection failed: the request could not be sent or its answer not read (DNS, refused
 * connection, TLS, a reset), or the connection dropped in the middle of the stream. `cause`
 * holds what `fetch` (or the body reader) rejected with.
 *
 * `framesReceived` says how many frames had arrived: `0` means nothing of the answer was used
 * (such a failure is retried); more means the stream was cut and what arrived is incomplete.
 * `attempts` says how many times `fromCohere` sent the request, retries included.
 */
export class ConnectionError extends StreamInterruptedError {
  override name = 'ConnectionError';
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** How many frames had arrived before the connection failed. */
  readonly framesReceived: number;
  /**
   * How many times the request was sent, this time included (`1`: not retried); `undefined`
   * for the AWS transports, whose client retries on its own.
   */
  readonly attempts: number | undefined;

  constructor(details: ConnectionErrorDetails) {
    const { endpoint, framesReceived, cause, attempts } = details;
    const when =
      framesReceived === 0 ? 'failed before any frame of the stream arrived' : `dropped after ${framesReceived} frame(s), in the middle of the stream`;
    super(
      `The connection for POST /${endpoint} ${when}: ${describeCause(cause)}. ` +
        (framesReceived === 0
          ? "Check the network and the endpoint (`baseUrl`, or the AWS client's region and endpoint)."
          : 'What arrived is incomplete: show it as such, or send the request again.') +
        describeAttempts(attempts, framesReceived),
      { cause },
    );
    this.endpoint = endpoint;
    this.framesReceived = framesReceived;
    this.attempts = attempts;
  }
}

/** The phase of a request that stalled. */
export type TimeoutPhase =
  /** Waiting for the response headers. */
  | 'headers'
  /** Headers arrived; waiting for the first frame of the stream (or for an error body). */
  | 'first-frame'
  /** Waiting for the next frame after one arrived. */
  | 'idle'
  /** The whole stream, from subscription to its end (`timeouts.totalMs`, off by default). */
  | 'total';

/** The option that sets each phase's limit, named in messages. */
const OPTION_OF: Readonly<Record<TimeoutPhase, string>> = {
  headers: 'timeouts.headersMs',
  'first-frame': 'timeouts.firstFrameMs',
  idle: 'timeouts.idleMs',
  total: 'timeouts.totalMs',
};

/** What each phase waited for, in messages. */
const WAITED_FOR: Readonly<Record<TimeoutPhase, string>> = {
  headers: 'the response headers',
  'first-frame': 'the first frame of the stream',
  idle: 'the next frame',
  total: 'the end of the stream',
};

/** What a {@link StreamTimeoutError} is built from. */
export type StreamTimeoutErrorDetails = Pick<StreamTimeoutError, 'endpoint' | 'phase' | 'limitMs' | 'framesReceived'>;

/**
 * A request stalled: no response headers, no first frame, or no next frame within the limit
 * (`limitMs`) of its `phase`; or the whole stream took longer than `timeouts.totalMs` (phase
 * `total`: a server that trickles frames just fast enough to dodge the idle limit). The request
 * was aborted.
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

  constructor(details: StreamTimeoutErrorDetails) {
    const { endpoint, phase, limitMs, framesReceived } = details;
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

/** What a {@link RequestAbortedError} is built from. */
export type RequestAbortedErrorDetails = Pick<RequestAbortedError, 'endpoint' | 'reason'>;

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

  constructor(details: RequestAbortedErrorDetails) {
    const { endpoint, reason } = details;
    super(
      `POST /${endpoint} was aborted through the \`signal\` option (${describeCause(reason)}). ` +
        'Unsubscribe instead if ending the stream is not an error for you.',
      { cause: reason },
    );
    this.endpoint = endpoint;
    this.reason = reason;
  }
}
