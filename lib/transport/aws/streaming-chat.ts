/**
 * `streamingChat` and `Mode`: the Python SDK's `StreamingChat(stream_response, mode)` over an
 * AWS response the caller already holds, as an Observable of its typed stream responses. It
 * reads the event stream by its shape (no AWS SDK code), so the root entry exports it.
 *
 * @module
 */
import { map, type Observable } from 'rxjs';
import { decodeEvents } from '../../../operators/decode-events';
import { describeValue } from '../../decoding/issues';
import { chatV1, type Protocol } from '../../decoding/protocols';
import { chatV1EventSchemas, type ChatV1Event } from '../../decoding/schemas/v1-chat-events';
import { InvalidOptionError } from '../../errors/index';
import { StreamEvent, streamResponseFromDict, type StreamResponse } from '../../models/index';
import type { BedrockStreamEvent } from '../bedrock/chunks';
import { bedrockAnswerFrames } from '../bedrock/from-bedrock-response';
import { decodeOptionsOf } from '../conveniences';
import type { SageMakerStreamEvent } from '../sagemaker/payload-parts';
import { sagemakerAnswerFrames } from '../sagemaker/from-sagemaker-response';
import type { AwsEventStreamOptions } from './options';

/**
 * Which AWS service a response comes from, and so how its events hold the model's bytes.
 * Mirrors Python `Mode(Enum)` (`SAGEMAKER = 1`, `BEDROCK = 2`) as an `as const` object plus a
 * union type.
 */
export const Mode = {
  /** A SageMaker endpoint (`InvokeEndpointWithResponseStream`): events `{ PayloadPart: { Bytes } }`. */
  SAGEMAKER: 1,
  /** AWS Bedrock (`InvokeModelWithResponseStream`): events `{ chunk: { bytes } }`. */
  BEDROCK: 2,
} as const;

/** One of the {@link Mode} values (Python `Mode`). */
export type Mode = (typeof Mode)[keyof typeof Mode];

/**
 * The V1 chat events Python `StreamingChat` turns into items: those of {@link StreamEvent}.
 * `tool-calls-chunk`, `debug` and every other type are unknown here: counted, reported to
 * `onUnknownEvent` and skipped, as Python drops them.
 */
const streamEvents: Protocol<ChatV1Event> = {
  ...chatV1,
  schemas: Object.fromEntries(Object.values(StreamEvent).map((type) => [type, chatV1EventSchemas[type]])),
};

/**
 * The item of one event. A `stream-end` without `response`, for which Python yields nothing (it
 * keeps only its `finish_reason`), is a `StreamEnd` with an empty `response`: the end of the
 * stream and its `finish_reason` are never lost.
 */
function toStreamResponse(event: ChatV1Event, index: number): StreamResponse {
  const read = event.event_type === 'stream-end' && event.response == null ? { ...event, response: {} } : event;
  // Every type the protocol lets through has an item, and `read` always has a response.
  return streamResponseFromDict(read, index) as StreamResponse;
}

/**
 * Streams an AWS chat response you already hold as the Python SDK's typed stream responses:
 * `StreamingChat(stream_response, mode)` as a cold Observable. Pass the event stream of the
 * output (`output.body` of `InvokeModelWithResponseStream` with {@link Mode.BEDROCK},
 * `output.Body` of `InvokeEndpointWithResponseStream` with {@link Mode.SAGEMAKER}).
 *
 * <span class="informal">Your Bedrock or SageMaker response in, `StreamStart`,
 * `StreamTextGeneration`, …, `StreamEnd` out, with the errors, timeouts and frame cap of
 * `fromBedrock` and `fromSageMaker`.</span>
 *
 * 1. **Frames.** Bedrock chunks are read as `fromBedrockResponse` reads them (one JSON
 *    document each), SageMaker parts as `fromSageMakerResponse` does (reassembled with
 *    `jsonFrames()`, so a part may hold any piece of a document or several documents, where
 *    Python's whole-buffer `json.loads` loses them).
 * 2. **Items.** Each `stream-start`, `search-queries-generation`, `search-results`,
 *    `text-generation`, `citation-generation`, `tool-calls-generation` and `stream-end` event
 *    is checked against its V1 chat schema, then built by {@link streamResponseFromDict}:
 *    `is_finished` is set by the kind (`true` for {@link StreamEnd} only), `event_type` is the
 *    event's, and `index` is the running count of items emitted (not a Cohere field). A
 *    `stream-end` without `response` (Python yields nothing for it) gives a `StreamEnd` with an
 *    empty `response`, so its `finish_reason` and the end of the stream are not lost.
 * 3. **Unknown events.** Every other event type (`tool-calls-chunk`, `debug`, a new one) is
 *    dropped, as Python drops it, after being counted and handed to `onUnknownEvent`.
 * 4. **Errors.** An exception frame is an `AwsStreamError` (its `endpoint` the operation's path
 *    template, since the stream does not say which model or endpoint answered), after the items
 *    before it; a frame that is not JSON or not an object a `DecodeError`, a known event of the
 *    wrong shape a `SchemaError`, a member Python's classes read of the wrong type a
 *    `ModelFieldError`; a stall a `StreamTimeoutError`; the `signal` aborting a
 *    `RequestAbortedError`.
 * 5. **Completeness.** The Observable completes when the event stream ends, whether or not a
 *    `StreamEnd` arrived: only a `StreamEnd` proves the answer complete.
 * 6. **Once.** The response is one stream: a second subscription (or another Observable over
 *    the same event stream) is a `ResponseConsumedError`. `share()` it for several subscribers.
 * 7. **Cancellation.** Unsubscribing, an error and a timeout stop reading and call the
 *    iterator's `return()`. Aborting the request is yours: the AWS SDK (3.x) keeps the
 *    connection open after `return()` until the `abortSignal` given to `client.send()` aborts
 *    or the stream ends, so abort it when the Observable finalizes.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
 * import { finalize } from 'rxjs';
 * import { Mode, streamingChat } from 'cohere-rx';
 *
 * const client = new BedrockRuntimeClient({ region: 'us-east-1' });
 * const request = new AbortController();
 * const output = await client.send(
 *   new InvokeModelWithResponseStreamCommand({ modelId: 'cohere.command-r-plus-v1:0', body: JSON.stringify({ message: 'Hello' }) }),
 *   { abortSignal: request.signal },
 * );
 * streamingChat(output.body, Mode.BEDROCK, { signal: request.signal, timeouts: { idleMs: 30_000 } })
 *   .pipe(finalize(() => request.abort()))
 *   .subscribe((item) => {
 *     if (item.event_type === 'text-generation') process.stdout.write(item.text ?? '');
 *     if (item.event_type === 'stream-end') console.log('\n', item.finish_reason, item.response.response_id);
 *   });
 * ```
 *
 * @param streamResponse The event stream of the output: `output.body` (Bedrock) or `output.Body` (SageMaker).
 * @param mode {@link Mode.BEDROCK} or {@link Mode.SAGEMAKER}: which service the output comes from.
 * @param options Abort signal, timeouts, frame size cap and `onUnknownEvent`.
 * @returns An Observable of the typed stream responses, to subscribe to once.
 * @throws `InvalidOptionError` at the call for a `mode` that is not a {@link Mode}, or a
 *   `streamResponse` that is not an async iterable (nor `undefined`).
 * @throws `AwsStreamError`, `ConnectionError`, `StreamTimeoutError`, `RequestAbortedError`,
 *   `ResponseConsumedError`, `DecodeError`, `SchemaError` and `ModelFieldError`, as error notifications.
 */
export function streamingChat(
  streamResponse: AsyncIterable<BedrockStreamEvent> | undefined,
  mode: typeof Mode.BEDROCK,
  options?: AwsEventStreamOptions,
): Observable<StreamResponse>;
export function streamingChat(
  streamResponse: AsyncIterable<SageMakerStreamEvent> | undefined,
  mode: typeof Mode.SAGEMAKER,
  options?: AwsEventStreamOptions,
): Observable<StreamResponse>;
export function streamingChat(
  streamResponse: AsyncIterable<BedrockStreamEvent & SageMakerStreamEvent> | undefined,
  mode: Mode,
  options: AwsEventStreamOptions = {},
): Observable<StreamResponse> {
  // The overloads pair each event stream with its mode; the answer has no request id to give.
  const answer = { events: streamResponse, requestId: undefined };
  let frames: Observable<string>;
  if (mode === Mode.BEDROCK) frames = bedrockAnswerFrames(answer, options, 'streamResponse', 'chatV1');
  else if (mode === Mode.SAGEMAKER) frames = sagemakerAnswerFrames(answer, options, 'streamResponse', 'chatV1');
  else throw new InvalidOptionError({ option: 'mode', expected: 'Mode.SAGEMAKER (1) or Mode.BEDROCK (2)', received: describeValue(mode) });
  return frames.pipe(decodeEvents(streamEvents, decodeOptionsOf(options)), map(toStreamResponse));
}
