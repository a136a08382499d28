/**
 * The errors of the frames and events of a stream: a frame that cannot be turned into a JSON
 * object ({@link DecodeError}), and a known event of the wrong shape ({@link SchemaError}).
 *
 * @module
 */
import { CohereStreamError, excerpt } from './cohere-stream-error';
import { ValidationError } from './validation';

/** Why a frame could not be decoded. */
export type DecodeErrorReason =
  /** The frame is not valid JSON (malformed). */
  | 'invalid-json'
  /**
   * The source ended inside a frame: its last JSON document is unfinished, or its last SSE
   * event had no closing blank line and is not valid JSON. The connection was cut where the
   * transport could not tell; the operators that finish a stream report it as an
   * `IncompleteStreamError` with the partial value.
   */
  | 'truncated'
  /** The frame is valid JSON, but not a JSON object. */
  | 'not-an-object'
  /** The bytes of the stream are not valid UTF-8. */
  | 'invalid-utf8'
  /** One frame grew past the configured cap before it ended. */
  | 'frame-too-large'
  /** A stream given to `sseFrames()` is not server-sent events (JSON lines, for instance). */
  | 'not-sse'
  /**
   * A line of a server-sent events stream is a damaged `data` field (a byte-order mark, a NUL
   * or a space before the name, another case): the SSE standard would ignore it and its data
   * would be lost, so it is reported instead.
   */
  | 'invalid-sse';

/**
 * What a {@link DecodeError} is built from: its fields (`frame` uncut, `frameIndex` optional),
 * the message (what was expected, what arrived, what to do) and the underlying failure, if any.
 */
export type DecodeErrorDetails = Pick<DecodeError, 'reason' | 'frame' | 'message'> & {
  readonly frameIndex?: number | undefined;
  readonly cause?: unknown;
};

/**
 * A frame of the stream could not be turned into a JSON object: malformed JSON, a JSON value
 * that is not an object, bytes that are not UTF-8, a frame larger than the cap, a source that
 * ended inside a frame, JSON lines given to `sseFrames()`, or a damaged `data:` line (see
 * {@link DecodeErrorReason}).
 *
 * `frame` holds the offending text cut to `FRAME_EXCERPT_LENGTH` characters; `frameIndex`
 * is its position in the stream (0-based), when the frame was complete enough to be counted.
 */
export class DecodeError extends CohereStreamError {
  override name = 'DecodeError';
  /** What went wrong. */
  readonly reason: DecodeErrorReason;
  /** The offending frame, cut to a bounded length (empty when no text could be decoded). */
  readonly frame: string;
  /** Position of the frame in the stream, 0-based, when known. */
  readonly frameIndex: number | undefined;

  constructor(details: DecodeErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = details.reason;
    this.frame = excerpt(details.frame);
    this.frameIndex = details.frameIndex;
  }
}

/** What a {@link SchemaError} is built from: its fields (`frame` uncut) and the event family, e.g. `chatV2`. */
export type SchemaErrorDetails = Pick<SchemaError, 'eventType' | 'issues' | 'frame' | 'frameIndex'> & { readonly protocol: string };

/**
 * A known event arrived with a field of the wrong type. The stream is not trusted past it.
 *
 * `eventType` names the event, `path`/`expected`/`received` describe the first mismatch and
 * `issues` lists them all; `frame` holds the event's JSON cut to a bounded length.
 */
export class SchemaError extends ValidationError {
  override name = 'SchemaError';
  /** The event's type (`type` for V2 chat, `event_type` for V1 chat and generate). */
  readonly eventType: string;
  /** The event's JSON, cut to a bounded length. */
  readonly frame: string;
  /** Position of the frame in the stream, 0-based. */
  readonly frameIndex: number;

  constructor(details: SchemaErrorDetails) {
    const [first] = details.issues;
    const where = first === undefined ? '' : ` at ${first.path || '(the event itself)'}`;
    const what = first === undefined ? '' : `: expected ${first.expected}, received ${first.received}`;
    const more = details.issues.length > 1 ? ` (and ${details.issues.length - 1} more issue(s))` : '';
    super(
      `${details.protocol} event "${details.eventType}" (frame ${details.frameIndex}) does not match its schema` +
        `${where}${what}${more}. The server sent a shape this version of cohere-rx does not expect; ` +
        'check that the stream comes from the endpoint this protocol describes, and report it if it does.',
      details.issues,
    );
    this.eventType = details.eventType;
    this.frame = excerpt(details.frame);
    this.frameIndex = details.frameIndex;
  }
}
