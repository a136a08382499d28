/**
 * The errors of a stream that is not whole, as the operators that finish a stream see it: a
 * stream that ends before its terminal event, events in an impossible order, and a final
 * response that disagrees with the streamed text.
 *
 * @module
 */
import { CohereStreamError, excerpt, type StreamInterruptedError } from './cohere-stream-error';
import type { DecodeError, SchemaError } from './decoding';
import type { GenerationError } from './model-output';

/** The members of an event that identify it in an error: its type, and `index` when it has one. */
function describeEvent(event: object | undefined): string {
  if (event === undefined) return 'no event at all';
  const record = event as Record<string, unknown>;
  const type = record['type'] ?? record['event_type'];
  const index = typeof record['index'] === 'number' ? ` (index ${record['index']})` : '';
  return typeof type === 'string' ? `"${type}"${index}` : 'an event without a type';
}

/**
 * The source completed before the stream's terminal event (`message-end` for V2 chat,
 * `stream-end` or `is_finished: true` for V1 chat and generate): a dropped connection, an
 * HTTP/2 stream that ended silently, a proxy timeout. Nothing arrived that says the answer is
 * complete, so it is not reported as a success.
 *
 * `partial` holds everything assembled so far (the same shape `chatSnapshots()` emits, or a
 * partial `GenerateStreamEnd`), `lastEvent` the last event that arrived and `eventCount` how
 * many did. When the stream's last event was the model's own failure (a generate
 * `stream-error`), that {@link GenerationError} is `cause`. When the source failed after events had arrived, with a {@link StreamInterruptedError}
 * (a dropped connection, a stall, an abort, an AWS exception mid-stream), a {@link DecodeError}
 * (a frame cut short or malformed) or a {@link SchemaError} (an event of the wrong shape), that
 * error is `cause`: what arrived before it is kept in `partial`.
 *
 * @typeParam P The shape of the partial value.
 */
export class IncompleteStreamError<P = unknown> extends CohereStreamError {
  override name = 'IncompleteStreamError';
  /**
   * The event family, told by the first event: `chatV2`, `chatV1` or `generate` (`chatV1 or
   * generate` when the first event belongs to both, as a `text-generation` given to
   * `textDeltas()` does). When no event arrived, the families the operator takes, e.g.
   * `chatV2 or chatV1`.
   */
  readonly protocol: string;
  /** The terminal event that never arrived, e.g. `message-end` (both names when no event told the family). */
  readonly expected: string;
  /** Everything assembled before the stream ended. */
  readonly partial: P;
  /** The last event that arrived, if any did. */
  readonly lastEvent: object | undefined;
  /** How many events arrived. */
  readonly eventCount: number;

  constructor(details: {
    protocol: string;
    expected: string;
    partial: P;
    lastEvent: object | undefined;
    eventCount: number;
    cause?: StreamInterruptedError | DecodeError | SchemaError | GenerationError;
  }) {
    // A cause's message already says what to do; without one, this error says it.
    const why =
      details.cause === undefined
        ? 'The connection was probably dropped or cut by a proxy or timeout. `partial` holds what arrived: show it as incomplete, or send the request again.'
        : `It stopped at this error: ${details.cause.message} \`partial\` holds what arrived.`;
    super(
      `The ${details.protocol} stream ended after ${details.eventCount} event(s) without its terminal "${details.expected}" ` +
        `event; the last one was ${describeEvent(details.lastEvent)}. ${why}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.protocol = details.protocol;
    this.expected = details.expected;
    this.partial = details.partial;
    this.lastEvent = details.lastEvent;
    this.eventCount = details.eventCount;
  }
}

/** Why an event cannot follow the ones before it. */
export type StreamOrderReason =
  /** A known event arrived after the terminal event. */
  | 'after-terminal'
  /** A delta or end arrived for a block or tool call that was never started. */
  | 'not-started';

/**
 * An event arrived where the protocol does not allow it: after the terminal event, or a delta
 * or end for a content block or tool call that no start event opened. `eventType` and `index`
 * name the event; `partial` holds what was assembled before it.
 */
export class StreamOrderError<P = unknown> extends CohereStreamError {
  override name = 'StreamOrderError';
  /** The event family: `chatV2`, `chatV1` or `generate`. */
  readonly protocol: string;
  /** Why the event cannot be placed. */
  readonly reason: StreamOrderReason;
  /** The offending event's type. */
  readonly eventType: string;
  /** The offending event's `index`, when it has one. */
  readonly index: number | undefined;
  /** Everything assembled before the offending event. */
  readonly partial: P;

  constructor(details: { protocol: string; reason: StreamOrderReason; eventType: string; index?: number | undefined; expected: string; partial: P }) {
    const index = details.index === undefined ? '' : ` (index ${details.index})`;
    super(
      `${details.protocol} event "${details.eventType}"${index} arrived ${
        details.reason === 'after-terminal' ? 'after the terminal event' : 'before its start event'
      }; expected ${details.expected}. The stream is not in an order Cohere sends; ` +
        'check that events are not reordered or merged from two streams. `partial` holds what was assembled before it.',
    );
    this.protocol = details.protocol;
    this.reason = details.reason;
    this.eventType = details.eventType;
    this.index = details.index;
    this.partial = details.partial;
  }
}

/**
 * The final response of a stream (`stream-end`'s `response`) disagrees with the text its deltas
 * carried: a delta was lost or altered on the way. `streamed` and `final` are the two texts (cut
 * to a bounded length around the first difference), `offset` is where they first differ, and
 * `generationIndex` names the generation for generate streams.
 */
export class TextMismatchError extends CohereStreamError {
  override name = 'TextMismatchError';
  /** The event family: `chatV1` or `generate`. */
  readonly protocol: string;
  /** The generation whose text differs (generate streams), else `undefined`. */
  readonly generationIndex: number | undefined;
  /** Character offset of the first difference. */
  readonly offset: number;
  /** The text the deltas carried, from a little before the first difference. */
  readonly streamed: string;
  /** The text the final response holds, from a little before the first difference. */
  readonly final: string;

  constructor(details: { protocol: string; generationIndex?: number | undefined; streamed: string; final: string }) {
    let offset = 0;
    while (offset < details.streamed.length && details.streamed[offset] === details.final[offset]) offset++;
    const from = Math.max(0, offset - 40);
    const which = details.generationIndex === undefined ? '' : ` of generation ${details.generationIndex}`;
    super(
      `The ${details.protocol} stream's final text${which} (${details.final.length} characters) differs from the ` +
        `${details.streamed.length} characters its deltas carried, first at offset ${offset}. A delta was lost or ` +
        'altered on the way: do not trust either text; send the request again.',
    );
    this.protocol = details.protocol;
    this.generationIndex = details.generationIndex;
    this.offset = offset;
    this.streamed = excerpt(details.streamed.slice(from));
    this.final = excerpt(details.final.slice(from));
  }
}

/** What an {@link ItemLimitError} is built from. */
export type ItemLimitErrorDetails<P> = Pick<ItemLimitError<P>, 'protocol' | 'limit' | 'partial'>;

/**
 * A stream placed more items (content blocks, tool calls, citations, V1 tool-call chunks,
 * generations) than the operator's `maxItems` allows: a guard against a server that sends
 * endless items, on top of costs that are linear anyway. `limit` is the option's value and
 * `partial` holds what was assembled, the item past the limit included.
 */
export class ItemLimitError<P = unknown> extends CohereStreamError {
  override name = 'ItemLimitError';
  /** The event family: `chatV2`, `chatV1` or `generate`. */
  readonly protocol: string;
  /** The limit that was passed (`maxItems`). */
  readonly limit: number;
  /** Everything assembled up to the limit. */
  readonly partial: P;

  constructor(details: ItemLimitErrorDetails<P>) {
    super(
      `The ${details.protocol} stream placed more than ${details.limit} items (content blocks, tool calls, citations or ` +
        'generations), the limit set by maxItems. No answer has that many: the server is probably broken or hostile. ' +
        'Raise maxItems if such answers are legitimate; `partial` holds what was assembled up to the limit.',
    );
    this.protocol = details.protocol;
    this.limit = details.limit;
    this.partial = details.partial;
  }
}

/** What a {@link StreamRestartedError} is built from. */
export type StreamRestartedErrorDetails<P> = Pick<StreamRestartedError<P>, 'protocol' | 'eventType' | 'partial'>;

/**
 * A stream started over (a `message-start` or `stream-start` after other events, or the first
 * event of a new attempt: a `retry` or `repeat` upstream resubscribed) after an operator had
 * already emitted pieces it cannot take back (`textDeltas()` text, `partialToolCalls()` and
 * `collectToolCalls()` calls, `groupGenerationsByIndex()` groups). The operators that emit one
 * value at the end, or snapshots, start over instead. `partial` holds what was emitted.
 */
export class StreamRestartedError<P = unknown> extends CohereStreamError {
  override name = 'StreamRestartedError';
  /** The event family: `chatV2`, `chatV1` or `generate`. */
  readonly protocol: string;
  /** The type of the event that started the stream over. */
  readonly eventType: string;
  /** What the operator had emitted before the restart. */
  readonly partial: P;

  constructor(details: StreamRestartedErrorDetails<P>) {
    super(
      `The ${details.protocol} stream started over (a "${details.eventType}" began a new attempt) after pieces of the first ` +
        'attempt had been emitted, and those cannot be taken back. Put the retry after this operator (so each attempt ' +
        'starts a new subscription), or use accumulateChat(), chatSnapshots() or accumulateGenerate(), which start over. ' +
        '`partial` holds what was emitted.',
    );
    this.protocol = details.protocol;
    this.eventType = details.eventType;
    this.partial = details.partial;
  }
}
