/**
 * The errors cohere-rx reports. Every one extends {@link CohereStreamError}, sets a stable
 * `name`, and carries the fields a caller needs to act on it. Messages say what was expected,
 * what arrived and what to do.
 *
 * @module
 */

/** Longest excerpt of an offending frame kept on an error (in characters). */
export const FRAME_EXCERPT_LENGTH = 512;

/**
 * Cuts a frame to {@link FRAME_EXCERPT_LENGTH} characters for an error, saying how much was cut.
 *
 * @internal
 */
export function excerpt(frame: string): string {
  if (frame.length <= FRAME_EXCERPT_LENGTH) return frame;
  return `${frame.slice(0, FRAME_EXCERPT_LENGTH)}… (${frame.length - FRAME_EXCERPT_LENGTH} more characters)`;
}

/**
 * The root of every error cohere-rx reports: `catchError((e) => e instanceof CohereStreamError ...)`
 * tells the library's errors apart from everything else in a pipeline.
 */
export class CohereStreamError extends Error {
  override name = 'CohereStreamError';
}

/**
 * The source of a stream stopped before the stream's end: a dropped connection, a stall, an
 * abort through the caller's signal, or an exception the server sent in the middle of the
 * stream. The transports' errors of that kind extend it, and the operators that finish a stream
 * turn it into an `IncompleteStreamError` (with this error as `cause`) once events have arrived,
 * so the partial value survives.
 */
export class StreamInterruptedError extends CohereStreamError {
  override name = 'StreamInterruptedError';
}

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
  | 'not-sse';

/**
 * A frame of the stream could not be turned into a JSON object: malformed JSON, a JSON value
 * that is not an object, bytes that are not UTF-8, a frame larger than the cap, a source that
 * ended inside a frame, or JSON lines given to `sseFrames()` (see {@link DecodeErrorReason}).
 *
 * `frame` holds the offending text cut to {@link FRAME_EXCERPT_LENGTH} characters; `frameIndex`
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

  constructor(
    message: string,
    details: { reason: DecodeErrorReason; frame: string; frameIndex?: number | undefined; cause?: unknown },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.reason = details.reason;
    this.frame = excerpt(details.frame);
    this.frameIndex = details.frameIndex;
  }
}

/** One field of an event that does not match its schema. */
export interface SchemaIssue {
  /** Path of the field inside the event, e.g. `delta.message.content.text`. */
  readonly path: string;
  /** What the schema expects there, e.g. `string` or `number`. */
  readonly expected: string;
  /** What arrived, e.g. `number 42`. */
  readonly received: string;
  /** zod's own message for the issue. */
  readonly message: string;
}

/**
 * A known event arrived with a field of the wrong type. The stream is not trusted past it.
 *
 * `eventType` names the event, `path`/`expected`/`received` describe the first mismatch and
 * `issues` lists them all; `frame` holds the event's JSON cut to a bounded length.
 */
export class SchemaError extends CohereStreamError {
  override name = 'SchemaError';
  /** The event's type (`type` for V2 chat, `event_type` for V1 chat and generate). */
  readonly eventType: string;
  /** Path of the first mismatching field. */
  readonly path: string;
  /** What the schema expects at `path`. */
  readonly expected: string;
  /** What arrived at `path`. */
  readonly received: string;
  /** Every mismatch found in the event. */
  readonly issues: readonly SchemaIssue[];
  /** The event's JSON, cut to a bounded length. */
  readonly frame: string;
  /** Position of the frame in the stream, 0-based. */
  readonly frameIndex: number;

  constructor(details: {
    protocol: string;
    eventType: string;
    issues: readonly SchemaIssue[];
    frame: string;
    frameIndex: number;
  }) {
    const [first] = details.issues;
    const where = first === undefined ? '' : ` at ${first.path || '(the event itself)'}`;
    const what = first === undefined ? '' : `: expected ${first.expected}, received ${first.received}`;
    const more = details.issues.length > 1 ? ` (and ${details.issues.length - 1} more issue(s))` : '';
    super(
      `${details.protocol} event "${details.eventType}" (frame ${details.frameIndex}) does not match its schema` +
        `${where}${what}${more}. The server sent a shape this version of cohere-rx does not expect; ` +
        'check that the stream comes from the endpoint this protocol describes, and report it if it does.',
    );
    this.eventType = details.eventType;
    this.path = first?.path ?? '';
    this.expected = first?.expected ?? '';
    this.received = first?.received ?? '';
    this.issues = details.issues;
    this.frame = excerpt(details.frame);
    this.frameIndex = details.frameIndex;
  }
}

/**
 * A value given to a model constructor (such as `Chat.fromDict`) lacks a field the model
 * requires. `model` names the model and `field` the missing member.
 */
export class MissingFieldError extends CohereStreamError {
  override name = 'MissingFieldError';
  /** The model being built, e.g. `Chat`. */
  readonly model: string;
  /** The required member that is absent. */
  readonly field: string;

  constructor(model: string, field: string, received: unknown) {
    const keys = received !== null && typeof received === 'object' ? Object.keys(received).join(', ') : typeof received;
    super(
      `${model}.fromDict expected an object with a "${field}" member, received ${
        keys === '' ? 'an empty object' : `{ ${keys} }`
      }. Pass the stream-end event's "response" object (or a complete non-streamed response).`,
    );
    this.model = model;
    this.field = field;
  }
}

/**
 * A value given to a model constructor (such as `ToolCall.fromDict`, `Chat.fromDict` or
 * `streamResponseFromDict`) is, or holds a member, of the wrong type. `model` names the model being
 * built, `path` the member inside the given value (`''` for the value itself),
 * `expected` what the model's schema wants there and `received` what arrived.
 */
export class ModelFieldError extends CohereStreamError {
  override name = 'ModelFieldError';
  /** The model being built, e.g. `Chat` or `StreamTextGeneration`. */
  readonly model: string;
  /** Path of the member inside the given value, e.g. `tool_calls[0].name`; `''` for the value itself. */
  readonly path: string;
  /** What the model expects at `path`, e.g. `string` or `object`. */
  readonly expected: string;
  /** What arrived at `path`, e.g. `number 42`. */
  readonly received: string;

  constructor(model: string, path: string, expected: string, received: string) {
    super(
      `${model} expected ${expected} at ${path === '' ? 'the top level' : `"${path}"`}, received ${received}. ` +
        'Pass the JSON-parsed V1 chat response or stream event as Cohere sent it; a value of another type ' +
        'means it was altered on the way or comes from another endpoint.',
    );
    this.model = model;
    this.path = path;
    this.expected = expected;
    this.received = received;
  }
}
