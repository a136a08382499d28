/**
 * `fromBedrockResponse`: the frames of a Bedrock answer the caller already holds (they sent
 * `InvokeModelWithResponseStream` themselves). No AWS SDK code: it reads the event stream by
 * its shape.
 *
 * @module
 */
import type { Observable } from 'rxjs';
import type { CassetteProtocol } from '../../cassettes/format';
import { awsAnswerStream, type AwsAnswer } from '../aws/event-stream';
import { checkedAwsOptions, type AwsStreamOptions } from '../aws/options';
import { readBedrockEvent, utf8Frames, type BedrockStreamEvent } from './chunks';

/**
 * The output of `InvokeModelWithResponseStream`, by the members cohere-rx reads: the event
 * stream `body`, and the request id in `$metadata`. The SDK's
 * `InvokeModelWithResponseStreamCommandOutput` fits it.
 */
export interface BedrockOutput {
  /** The event stream of the answer (`undefined`: no stream, nothing to read). */
  readonly body: AsyncIterable<BedrockStreamEvent> | undefined;
  /** The answer's metadata: its `requestId` goes into the errors, its `httpStatusCode` into a cassette. */
  readonly $metadata?: { readonly requestId?: string | undefined; readonly httpStatusCode?: number | undefined } | undefined;
}

/**
 * The path errors name for a Bedrock answer in hand: the output does not say which model it
 * came from, so the operation's path template stands for it.
 *
 * @internal
 */
export const BEDROCK_STREAM_PATH = 'model/{modelId}/invoke-with-response-stream';

/**
 * The frames of a Bedrock answer in hand; `argument` is how the caller wrote its event stream,
 * `protocol` its event family when the caller says (for a cassette).
 *
 * @internal
 */
export function bedrockAnswerFrames(
  answer: AwsAnswer<BedrockStreamEvent>,
  options: AwsStreamOptions,
  argument: string,
  protocol?: CassetteProtocol,
): Observable<string> {
  const checked = checkedAwsOptions(options);
  const chunks = awsAnswerStream({ service: 'bedrock', endpoint: BEDROCK_STREAM_PATH, protocol, read: readBedrockEvent }, answer, checked, argument);
  return utf8Frames(chunks, checked.maxFrameSize);
}

/**
 * Streams the chunks of a Bedrock answer you already hold as frames: what {@link fromBedrock}
 * emits, for an `InvokeModelWithResponseStream` you sent yourself (with your own middleware,
 * retries or tracing).
 *
 * <span class="informal">`fromBedrock` without the request: your output in, the text of each
 * `chunk` out, with the same errors, timeouts and frame cap.</span>
 *
 * 1. **Frames.** Each `chunk` is emitted as one text frame (one JSON document of the model),
 *    ready for `decodeEvents(chatV1)` or `decodeEvents(generate)`. Bytes that are not UTF-8
 *    and a chunk over `maxFrameSize` are a `DecodeError`; event types the SDK does not know are
 *    skipped.
 * 2. **Errors.** An exception frame (`modelStreamErrorException`, `throttlingException`, …,
 *    or a type the SDK does not know) is an `AwsStreamError` with the output's request id,
 *    after the frames before it; a connection cut the SDK reports is a `ConnectionError`. The
 *    errors name the operation's path template, `model/{modelId}/invoke-with-response-stream`.
 * 3. **Timeouts.** `timeouts.firstFrameMs` runs from subscription to the first chunk,
 *    `timeouts.idleMs` between chunks: a stall is a `StreamTimeoutError`.
 * 4. **Once.** The answer is one stream: the first subscription reads it, any later one (also
 *    through another Observable over the same `body`) is a `ResponseConsumedError` at once.
 *    `share()` the Observable to give its frames to several subscribers.
 * 5. **Cancellation.** Unsubscribing, an error and a timeout stop reading and call the
 *    iterator's `return()`. The request is yours, so aborting it is too: the AWS SDK (3.x)
 *    keeps the connection open after `return()` until the request's `abortSignal` aborts or
 *    the stream ends, so abort your `AbortController` when the Observable finalizes, as below.
 *    Give its signal as the `signal` option too, and an abort from elsewhere is a
 *    `RequestAbortedError` instead of a quiet end.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
 * import { finalize } from 'rxjs';
 * import { accumulateChat, chatV1, decodeEvents } from 'cohere-rx';
 * import { fromBedrockResponse } from 'cohere-rx/bedrock';
 *
 * const client = new BedrockRuntimeClient({ region: 'us-east-1' });
 * const request = new AbortController();
 * const output = await client.send(
 *   new InvokeModelWithResponseStreamCommand({ modelId: 'cohere.command-r-plus-v1:0', body: JSON.stringify({ message: 'Hello' }) }),
 *   { abortSignal: request.signal },
 * );
 * fromBedrockResponse(output, { signal: request.signal, timeouts: { idleMs: 30_000 } })
 *   .pipe(decodeEvents(chatV1), accumulateChat(), finalize(() => request.abort()))
 *   .subscribe((chat) => console.log(chat.text));
 * ```
 *
 * @see `streamingChat` (`cohere-rx`) for the Python SDK's typed stream responses over the same output's `body`.
 * @param output The output of `client.send(new InvokeModelWithResponseStreamCommand(…))`.
 * @param options Abort signal, timeouts and frame size cap.
 * @returns An Observable of the text of each chunk, to subscribe to once.
 * @throws `InvalidOptionError` at the call when `output.body` is not an async iterable (nor `undefined`).
 * @throws `AwsStreamError`, `ConnectionError`, `StreamTimeoutError`, `RequestAbortedError`,
 *   `ResponseConsumedError` and `DecodeError` (`invalid-utf8`, `frame-too-large`), as error
 *   notifications.
 */
export function fromBedrockResponse(output: BedrockOutput, options: AwsStreamOptions = {}): Observable<string> {
  return bedrockAnswerFrames({ events: output.body, requestId: output.$metadata?.requestId, status: output.$metadata?.httpStatusCode }, options, 'output.body');
}
