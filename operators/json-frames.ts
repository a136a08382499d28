import type { OperatorFunction } from 'rxjs';
import { maxFrameSizeOf, type FramingOptions } from '../lib/framing/frame-limits';
import { framesWith } from '../lib/framing/framer';
import { createJsonFramer } from '../lib/framing/json-framer';

/**
 * Frames a stream of JSON documents: emits the text of each document, whether the documents
 * are separated by newlines (JSON lines), by nothing at all, or pretty-printed over many lines.
 *
 * <span class="informal">Put it between a V1 chat or generate response body (or SageMaker
 * payload parts) and `decodeEvents`.</span>
 *
 * ```text
 * source:  -a---b---c-|
 * > jsonFrames()
 * result:  -A---(BC)D-|
 *
 * a: '{"a":1}\n{"b"'   b: ':2}{"c":\n 3}'   c: '\n\n{"d":4}'
 * A: '{"a":1}'   B: '{"b":2}'   C: '{"c":\n 3}'   D: '{"d":4}'
 * ```
 *
 * 1. Chunks may be strings or bytes (`Uint8Array`); bytes are decoded with one streaming UTF-8
 *    decoder per subscription, so a character split across chunks survives. Bytes that are not
 *    UTF-8 are a {@link DecodeError} with reason `invalid-utf8`.
 * 2. A document ends where its outermost `{…}` or `[…]` closes (brackets inside strings and
 *    escaped quotes are not counted), so parts split anywhere, several documents in one chunk,
 *    CRLF and missing newlines all frame the same way. Blank lines are skipped, and so is a
 *    byte-order mark that opens the stream.
 * 3. When the source completes, a last document with no trailing newline is still emitted; an
 *    unfinished one is a {@link DecodeError} with reason `truncated` (the connection was cut),
 *    never dropped.
 * 4. A line that does not start with `{` or `[` is emitted whole as one frame, so
 *    `decodeEvents` reports it as malformed JSON rather than it vanishing.
 * 5. A document that grows past `maxFrameSize` is a {@link DecodeError} with reason
 *    `frame-too-large`; the frames before it are delivered first.
 *
 * ## Example
 *
 * ```ts
 * import { from } from 'rxjs';
 * import { jsonFrames } from 'cohere-rx';
 *
 * from(['{"event_type":"text-generation","text":"Hi"}\n{"event_', 'type":"stream-end"}'])
 *   .pipe(jsonFrames())
 *   .subscribe((frame) => console.log(frame)); // two frames, the second without a newline
 * ```
 *
 * @see {@link sseFrames} for server-sent events (V2 chat).
 * @see {@link decodeEvents} to turn frames into typed events.
 * @param options The frame size cap.
 * @returns An operator from response chunks to the text of each JSON document.
 * @throws {@link DecodeError} (`invalid-utf8`, `frame-too-large`, `truncated`) as an error notification;
 *   {@link InvalidOptionError} at the call for a `maxFrameSize` that is not an integer of at least 1.
 */
export function jsonFrames(options: FramingOptions = {}): OperatorFunction<string | Uint8Array, string> {
  const framing = { maxFrameSize: maxFrameSizeOf(options) };
  return framesWith(() => createJsonFramer(framing));
}
