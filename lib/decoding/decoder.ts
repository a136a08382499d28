/**
 * The source-agnostic core of `decodeEvents`: one frame in, one typed event (or nothing) out.
 *
 * @module
 */
import type { z } from 'zod';
import { DecodeError, SchemaError } from '../errors/index';
import { frameTooLarge, maxFrameSizeOf, type FramingOptions } from '../framing/frame-limits';
import { readTemplated } from './frame-templates';
import type { Protocol } from './protocols';
import type { FastCheck } from './schemas/fast-checks';
import { schemaIssues, describeValue } from './issues';
import { builtSchema } from './schemas/lazy-schema';
import type { JsonObject } from './schemas/shared';

/**
 * A frame whose type the protocol does not know (or that names no type). Unknown events never
 * break a stream: they are counted, handed to `onUnknownEvent`, and emitted only when asked.
 */
export interface UnknownEvent {
  /** Always `true`: tells an unknown event apart from the protocol's events. */
  readonly unknown: true;
  /** The type the frame named (`type` or `event_type`), if it named one. */
  readonly eventType: string | undefined;
  /** The parsed frame, as it arrived. */
  readonly frame: JsonObject;
  /** Position of the frame in the stream, 0-based. */
  readonly frameIndex: number;
}

/** Tells an {@link UnknownEvent} apart from a protocol's events. */
export function isUnknownEvent(event: object): event is UnknownEvent {
  return (event as Partial<UnknownEvent>).unknown === true && 'frameIndex' in event && 'frame' in event;
}

/** Options of `decodeEvents`: the frame size cap (for text frames) and unknown events. */
export interface DecodeOptions extends FramingOptions {
  /**
   * What to do with an event of a type the protocol does not know: `'skip'` it (after counting
   * it and calling `onUnknownEvent`), or `'emit'` it downstream as an {@link UnknownEvent}.
   *
   * @defaultValue `'skip'`
   */
  readonly unknownEvents?: 'skip' | 'emit' | undefined;
  /**
   * Called with each unknown event and the number of unknown events seen so far in this
   * subscription (1 for the first), whatever `unknownEvents` says. Use it to log API drift.
   */
  readonly onUnknownEvent?: ((event: UnknownEvent, count: number) => void) | undefined;
}

/**
 * The decoder behind `decodeEvents`, for code outside RxJS (a `for await` loop, a worker):
 * returns a function that takes one frame at a time and gives the validated event, an
 * {@link UnknownEvent}, or `undefined` for a skipped unknown event; it throws
 * {@link DecodeError} or {@link SchemaError}. It counts frames and unknown events, so build
 * one per stream. An invalid `maxFrameSize` throws an `InvalidOptionError` at once.
 *
 * @example
 * ```ts
 * import { chatV2, createEventDecoder } from 'cohere-rx';
 *
 * const decode = createEventDecoder(chatV2);
 * const event = decode('{"type":"content-end","index":0}'); // { type: 'content-end', index: 0 }
 * ```
 */
export function createEventDecoder<E extends object>(
  protocol: Protocol<E>,
  options: DecodeOptions = {},
): (frame: string | object) => E | UnknownEvent | undefined {
  const max = maxFrameSizeOf(options);
  const emitUnknown = options.unknownEvents === 'emit';
  const { discriminator } = protocol;
  // One lookup per frame, and none of an object's inherited names ("constructor") can match. A
  // type's schema is built (and read past its lazy stand-in) the first time a frame needs it.
  const known = new Map(
    Object.entries(protocol.schemas).map(([type, lazy]): [string, KnownType<E>] => [type, { lazy, schema: undefined, fastCheck: protocol.fastChecks?.[type] }]),
  );
  let frameIndex = -1;
  let unknownCount = 0;
  let started = false;

  const templates = protocol.templates ?? [];

  return (frame) => {
    frameIndex++;
    const templated = typeof frame === 'string' && frame.length <= max ? readTemplated(frame, templates) : undefined;
    if (templated !== undefined) return opened(templated, frame);
    const value = typeof frame === 'string' ? parse(frame, frameIndex, max) : frame;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DecodeError({
        message:
          `Frame ${frameIndex} is not a JSON object: expected one event object per frame, received ${describeValue(value)}. ` +
          'Check that the stream is framed for this endpoint (sseFrames() for V2 chat, jsonFrames() otherwise).',
        reason: 'not-an-object',
        frame: text(frame),
        frameIndex,
      });
    }
    const record = value as JsonObject;
    const type = protocol.eventType(record);
    const entry = type === undefined ? undefined : known.get(type);
    if (type === undefined || entry === undefined) {
      const unknown: UnknownEvent = { unknown: true, eventType: type, frame: record, frameIndex };
      unknownCount++;
      options.onUnknownEvent?.(unknown, unknownCount);
      return emitUnknown ? unknown : undefined;
    }
    // A type the protocol inferred (generate without event_type) is added to a copy.
    const event = record[discriminator] === type ? record : { ...record, [discriminator]: type };
    if (!(entry.fastCheck?.(event) ?? false)) {
      const schema = (entry.schema ??= builtSchema(entry.lazy));
      if (!schema.safeParse(event).success) throw schemaError(protocol.name, type, schema, event, frame, frameIndex);
    }
    // The frame itself is emitted, not zod's copy: it is the exact wire data (zod would drop a
    // "__proto__" member) and it was just checked against the schema.
    return opened(event as E, frame);
  };

  /** The event, marked when it is the first a decoder parsed from text: it opens an attempt (a retry upstream of the operators resubscribes to a new decoder, whose first event is marked again). */
  function opened(event: E, frame: string | object): E {
    if (!started && typeof frame === 'string') markAttemptStart(event);
    started = true;
    return event;
  }
}

/** What a decoder knows of one event type: its schema (as the protocol gives it, and once built) and its quick check. */
interface KnownType<E> {
  readonly lazy: z.ZodType<E>;
  schema: z.ZodType<E> | undefined;
  readonly fastCheck: FastCheck | undefined;
}

/** The hidden mark on the first event of an attempt. */
const ATTEMPT_START: unique symbol = Symbol('cohere-rx attempt start');

/** Marks an event (an object the decoder made from text) as the first of an attempt; the mark is not enumerable, so it is not part of the event's data. */
function markAttemptStart(event: object): void {
  Object.defineProperty(event, ATTEMPT_START, { value: true });
}

/**
 * Whether an event is the first one a decoder parsed from text in its subscription: the first
 * event of an attempt. When a `retry` (or `repeat`) between the decoder and a finishing operator
 * resubscribes, the new attempt's first event is marked, so the operator can tell that the
 * stream started over even in families without a start event (generate; V1 chat on Bedrock).
 *
 * @internal
 */
export function isAttemptStart(event: object): boolean {
  return (event as { [ATTEMPT_START]?: boolean })[ATTEMPT_START] === true;
}

function parse(frame: string, frameIndex: number, max: number): unknown {
  if (frame.length > max) throw frameTooLarge(frame.length, max, frame, frameIndex);
  try {
    return JSON.parse(frame);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError({
      message:
        `Frame ${frameIndex} is not valid JSON (${reason}): expected one complete JSON object per frame. ` +
        'The stream is probably not framed for this endpoint (sseFrames() for V2 chat, jsonFrames() otherwise), ' +
        'or the frame was cut before it reached the decoder.',
      reason: 'invalid-json',
      frame,
      frameIndex,
      cause,
    });
  }
}

function schemaError(protocolName: string, eventType: string, schema: z.ZodType, record: JsonObject, frame: string | object, frameIndex: number): SchemaError {
  return new SchemaError({ protocol: protocolName, eventType, issues: schemaIssues(schema, record), frame: text(frame), frameIndex });
}

function text(frame: string | object): string {
  if (typeof frame === 'string') return frame;
  try {
    return JSON.stringify(frame) ?? describeValue(frame);
  } catch {
    return `${describeValue(frame)} that JSON.stringify cannot write`;
  }
}
