import { defer, filter, map, type OperatorFunction } from 'rxjs';
import { createEventDecoder, type DecodeOptions, type UnknownEvent } from '../lib/decoding/decoder';
import type { Protocol } from '../lib/decoding/protocols';
import { maxFrameSizeOf } from '../lib/framing/frame-limits';

/**
 * Decodes frames into typed, validated events of one protocol (`chatV2`, `chatV1` or
 * `generate`).
 *
 * <span class="informal">JSON text (or already-parsed objects) in, discriminated events
 * out; unknown event types counted and skipped (or emitted), bad frames as typed errors.</span>
 *
 * ```text
 * source:  -a-b-c-|
 * > decodeEvents(chatV2)
 * result:  -A---C-|
 *
 * a: '{"type":"content-delta",...}'   b: '{"type":"brand-new"}' (unknown: counted, skipped)
 * c: '{"type":"message-end"}'
 * A, C: the parsed events, checked against their schemas
 * ```
 *
 * 1. Each frame is a JSON text (from `sseFrames()`, `jsonFrames()` or a transport) or an object
 *    parsed already (handy in marble tests). A text longer than `maxFrameSize` is a
 *    {@link DecodeError} (`frame-too-large`); malformed JSON is a {@link DecodeError}
 *    (`invalid-json`); a JSON value that is not an object is a {@link DecodeError}
 *    (`not-an-object`). (A source that ends inside a frame is reported by the framing
 *    operators first, as `truncated`.)
 * 2. The event's type is read from the protocol's discriminator (`type` for V2 chat,
 *    `event_type` for V1 chat and generate; generate frames without one are read by
 *    `is_finished`, and the emitted event gets the `event_type` they stand for).
 * 3. A known event is checked against its schema. Every documented member is optional, as in
 *    Cohere's schema, but one of the wrong type is a {@link SchemaError} naming the event type,
 *    the path, what was expected and what arrived. Unknown members are kept: the event emitted
 *    is the frame as it arrived. The most frequent events (text, tool-plan and tool-argument
 *    deltas) and the V2 events before the first token pass a quick structural check first,
 *    which accepts only what their schema accepts.
 * 4. An event of a type the protocol does not know never breaks the stream: it is counted and
 *    passed to `onUnknownEvent`, then skipped, or emitted as an {@link UnknownEvent} with
 *    `unknownEvents: 'emit'`.
 * 5. Errors carry the offending frame cut to a bounded length and its 0-based position. Each
 *    subscription counts frames and unknown events from zero.
 *
 * ## Examples
 *
 * ```ts
 * import { from } from 'rxjs';
 * import { chatV2, decodeEvents, sseFrames } from 'cohere-rx';
 *
 * from(['data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}\n\n'])
 *   .pipe(sseFrames(), decodeEvents(chatV2))
 *   .subscribe((event) => {
 *     if (event.type === 'content-delta') console.log(event.delta?.message?.content?.text); // Hi
 *   });
 * ```
 *
 * Watching for API drift:
 *
 * ```ts
 * import { chatV1, decodeEvents, jsonFrames } from 'cohere-rx';
 *
 * const decode = decodeEvents(chatV1, {
 *   onUnknownEvent: (event, count) => console.warn(`unknown event #${count}: ${event.eventType}`),
 * });
 * ```
 *
 * @see {@link sseFrames} and {@link jsonFrames} to frame a raw response body.
 * @param protocol The event family: `chatV2`, `chatV1` or `generate`.
 * @param options Frame size cap and what to do with unknown events.
 * @returns An operator from frames to the protocol's events.
 * @throws {@link DecodeError} and {@link SchemaError} as error notifications; {@link InvalidOptionError}
 *   at the call for a `maxFrameSize` that is not an integer of at least 1.
 */
export function decodeEvents<E extends object>(
  protocol: Protocol<E>,
  options?: DecodeOptions & { readonly unknownEvents?: 'skip' | undefined },
): OperatorFunction<string | object, E>;
export function decodeEvents<E extends object>(
  protocol: Protocol<E>,
  options: DecodeOptions & { readonly unknownEvents: 'emit' },
): OperatorFunction<string | object, E | UnknownEvent>;
export function decodeEvents<E extends object>(protocol: Protocol<E>, options?: DecodeOptions): OperatorFunction<string | object, E | UnknownEvent>;
export function decodeEvents<E extends object>(protocol: Protocol<E>, options: DecodeOptions = {}): OperatorFunction<string | object, E | UnknownEvent> {
  const checked = { ...options, maxFrameSize: maxFrameSizeOf(options) };
  return (source) =>
    defer(() => {
      const decode = createEventDecoder(protocol, checked);
      return source.pipe(
        map(decode),
        filter((event) => event !== undefined),
      );
    });
}
