import type { OperatorFunction } from 'rxjs';
import { maxFrameSizeOf, type FramingOptions } from '../lib/framing/frame-limits';
import { framesWith } from '../lib/framing/framer';
import { createSseFramer } from '../lib/framing/sse-framer';

/**
 * Frames a server-sent events stream: emits the `data` of each event, one JSON document's text
 * per frame, and completes at `data: [DONE]`.
 *
 * <span class="informal">Put it between a V2 chat response body and `decodeEvents(chatV2)`.</span>
 *
 * ```text
 * source:  -a-b-c-d-|
 * > sseFrames()
 * result:  ---X-|
 *
 * a: 'event: a\ndata: {"x"'   b: ':1}\n\n'   c: 'data: [DONE]\n\n'   d: 'ignored'
 * X: '{"x":1}' (the result completes at [DONE]; what follows is not read)
 * ```
 *
 * 1. Chunks may be strings or bytes (`Uint8Array`); bytes are decoded with one streaming UTF-8
 *    decoder per subscription, so a character split across chunks survives, and a byte-order
 *    mark that opens the stream is dropped. Bytes that are not UTF-8 are a {@link DecodeError}
 *    with reason `invalid-utf8`.
 * 2. Events are parsed as the SSE standard says, by cohere-rx's own line scanner: LF, CRLF and CR line endings (a blank line
 *    dispatches its event as soon as it is complete, also when it ends with a CR that ends a
 *    chunk); multi-line `data:` fields joined with `\n`; comments, `event:`, `id:`, `retry:` and
 *    unknown fields ignored (the event type is read from the JSON `type` member), but a
 *    damaged `data` field (a byte-order mark, a NUL or a space before the name, `Data:`) is a
 *    {@link DecodeError} with reason `invalid-sse` rather than lost data; events with empty
 *    data skipped; a last event
 *    with no closing blank line still emitted when the source completes, if its data is a
 *    whole JSON text, and otherwise a {@link DecodeError} with reason `truncated`.
 * 3. A `data` field that is exactly `[DONE]` after trimming completes the stream and
 *    unsubscribes from the source. A JSON text that contains `[DONE]` (a model quoting it) is an
 *    ordinary frame and never ends the stream.
 * 4. An event whose buffered text exceeds `maxFrameSize` is a {@link DecodeError} with reason
 *    `frame-too-large`; the frames before it are delivered first.
 *
 * ## Example
 *
 * ```ts
 * import { from } from 'rxjs';
 * import { sseFrames } from 'cohere-rx';
 *
 * from(['event: message-start\ndata: {"type":"message-start"}\n\n', 'data: [DONE]\n\n'])
 *   .pipe(sseFrames())
 *   .subscribe((frame) => console.log(frame)); // {"type":"message-start"}
 * ```
 *
 * @see {@link jsonFrames} for JSON-lines and concatenated JSON streams.
 * @see {@link decodeEvents} to turn frames into typed events.
 * @param options The frame size cap.
 * @returns An operator from response chunks to the text of each event's data.
 * @throws {@link DecodeError} (`invalid-utf8`, `frame-too-large`, `not-sse`, `invalid-sse`, `truncated`) as an error notification;
 *   {@link InvalidOptionError} at the call for a `maxFrameSize` that is not an integer of at least 1.
 */
export function sseFrames(options: FramingOptions = {}): OperatorFunction<string | Uint8Array, string> {
  const framing = { maxFrameSize: maxFrameSizeOf(options) };
  return framesWith(() => createSseFramer(framing));
}
