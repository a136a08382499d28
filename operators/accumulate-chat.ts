import type { OperatorFunction } from 'rxjs';
import { chatV1FinalFold } from '../lib/accumulate/chat-v1-reducer';
import { chatV2FinalFold } from '../lib/accumulate/chat-v2-reducer';
import { reduceStream, type FoldOptions, type Folds } from '../lib/accumulate/complete-stream';
import type { UnknownEvent } from '../lib/decoding/decoder';
import type { ChatEvent } from '../lib/decoding/protocols';
import type { ChatResponse } from '../lib/decoding/schemas/chat-response';
import type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../lib/decoding/schemas/v2-chat-events';
import type { Chat, StreamResponse } from '../lib/models/index';

/** The final value of a chat stream: a {@link ChatResponse} for V2 events, a {@link Chat} for V1 and AWS events. */
export type FinalChat<E> = E extends ChatV2Event ? ChatResponse : E extends ChatV1Event | StreamResponse ? Chat : never;

/**
 * Assembles a chat stream into its final value, emitted once, as soon as the terminal event
 * arrives.
 *
 * <span class="informal">Typed chat events in, one `ChatResponse` (V2) or `Chat` (V1, Bedrock,
 * SageMaker) out; a stream cut short is an `IncompleteStreamError` with the partial value.</span>
 *
 * ```text
 * source:  -s-b-d-d-e-|
 * > accumulateChat()
 * result:  ---------r-|
 *
 * source:  -s-b-d-|
 * > accumulateChat()
 * result:  -------#
 *
 * s: message-start   b: content-start   d: content-delta ('Hel', then 'lo')   e: message-end
 * r: the ChatResponse, with message.content [{ type: 'text', text: 'Hello' }]
 * #: IncompleteStreamError, partial: the snapshot so far (text 'Hel')
 * ```
 *
 * 1. The family is chosen by the first event: V2 events (`type`) are folded with
 *    {@link reduceChat} into a {@link ChatResponse}: `id`, `finish_reason`, `message` with
 *    `content` blocks in index order (text and thinking apart), `tool_plan`, `tool_calls` (each
 *    with its complete arguments text), `citations` (wherever they arrived), `usage`,
 *    `logprobs` and `message-end`'s `error` when present. See {@link toChatResponse}.
 * 2. V1 and AWS events (`event_type`) are folded with {@link reduceChatV1} into a {@link Chat}:
 *    from `stream-end`'s `response` when it carries one (its text must agree with the deltas),
 *    otherwise from the events, plus Bedrock's invocation metrics. See {@link toChat}.
 * 3. The value is emitted when `message-end` (V2), `stream-end` or an event with
 *    `is_finished: true` (V1) arrives; the result completes when the source does.
 * 4. A source that completes without the terminal event errors with
 *    {@link IncompleteStreamError}: `partial` is the snapshot so far ({@link ChatSnapshot} or
 *    {@link ChatV1Snapshot}; `undefined` if no event arrived), `lastEvent` the last event. So
 *    does a source that fails after events arrived (a {@link StreamInterruptedError} such as a
 *    dropped connection, a stall or an AWS exception frame, or a `DecodeError` or `SchemaError`
 *    for a frame cut short, malformed or of the wrong shape), with the failure as `cause`. A cut after the terminal event changes nothing: the value stands and the result
 *    completes.
 * 5. An event after the terminal one, or a delta whose block or tool call never started, is a
 *    {@link StreamOrderError}; a final response whose text differs from the deltas is a
 *    {@link TextMismatchError}. Unknown events (`unknownEvents: 'emit'`) are skipped.
 * 6. A `message-end` that reports an error still gives a value, with `finish_reason` (such as
 *    `ERROR`) and `error` set: check them before using the text.
 *
 * ## Example
 *
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat, chatStream } from 'cohere-rx';
 *
 * const response = await lastValueFrom(
 *   chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }).pipe(accumulateChat()),
 * );
 * console.log(response.finish_reason, response.message.content, response.usage);
 * ```
 *
 * @see {@link chatSnapshots} for the value as it grows, {@link reduceChat} and {@link reduceChatV1} to fold it yourself.
 * @param options `maxItems`: the most content blocks, tool calls and citations a stream may place;
 *   `modelErrors`: whether an answer whose finish reason says the model failed is an error (the default) or a value.
 * @returns An operator from chat events to the one final value.
 * @throws {@link IncompleteStreamError}, {@link StreamOrderError}, {@link TextMismatchError} as error notifications.
 */
export function accumulateChat<E extends ChatEvent | StreamResponse | UnknownEvent>(options: FoldOptions = {}): OperatorFunction<E, FinalChat<E>> {
  const folds: Folds<ChatEvent, unknown, ChatResponse | Chat> = [chatV2FinalFold, chatV1FinalFold];
  return reduceStream(folds, options) as OperatorFunction<E, FinalChat<E>>;
}
