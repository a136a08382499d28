/**
 * `fromSageMakerResponse`: the frames of a SageMaker answer the caller already holds (they sent
 * `InvokeEndpointWithResponseStream` themselves). No AWS SDK code: it reads the event stream by
 * its shape.
 *
 * @module
 */
import type { Observable } from 'rxjs';
import { jsonFrames } from '../../../operators/json-frames';
import type { CassetteProtocol } from '../../cassettes/format';
import { awsAnswerStream, type AwsAnswer } from '../aws/event-stream';
import { checkedAwsOptions, type AwsStreamOptions } from '../aws/options';
import { readSageMakerEvent, type SageMakerStreamEvent } from './payload-parts';

/**
 * The output of `InvokeEndpointWithResponseStream`, by the members cohere-rx reads: the event
 * stream `Body`, and the request id in `$metadata`. The SDK's
 * `InvokeEndpointWithResponseStreamCommandOutput` fits it.
 */
export interface SageMakerOutput {
  /** The event stream of the answer (`undefined`: no stream, nothing to read). */
  readonly Body: AsyncIterable<SageMakerStreamEvent> | undefined;
  /** The answer's metadata: its `requestId` goes into the errors, its `httpStatusCode` into a cassette. */
  readonly $metadata?: { readonly requestId?: string | undefined; readonly httpStatusCode?: number | undefined } | undefined;
}

/**
 * The path errors name for a SageMaker answer in hand: the output does not say which endpoint it
 * came from, so the operation's path template stands for it.
 *
 * @internal
 */
export const SAGEMAKER_STREAM_PATH = 'endpoints/{EndpointName}/invocations-response-stream';

/**
 * The frames of a SageMaker answer in hand; `argument` is how the caller wrote its event stream,
 * `protocol` its event family when the caller says (for a cassette).
 *
 * @internal
 */
export function sagemakerAnswerFrames(
  answer: AwsAnswer<SageMakerStreamEvent>,
  options: AwsStreamOptions,
  argument: string,
  protocol?: CassetteProtocol,
): Observable<string> {
  const checked = checkedAwsOptions(options);
  const parts = awsAnswerStream({ service: 'sagemaker', endpoint: SAGEMAKER_STREAM_PATH, protocol, read: readSageMakerEvent }, answer, checked, argument);
  return parts.pipe(jsonFrames({ maxFrameSize: checked.maxFrameSize }));
}

/**
 * Streams the payload parts of a SageMaker answer you already hold as frames: what
 * {@link fromSageMaker} emits, for an `InvokeEndpointWithResponseStream` you sent yourself
 * (with your own middleware, retries or tracing).
 *
 * <span class="informal">`fromSageMaker` without the request: your output in, one frame per
 * JSON document out, with the same errors, timeouts and frame cap.</span>
 *
 * 1. **Frames.** `PayloadPart` bytes are raw model output split anywhere (inside a UTF-8
 *    character, inside a document, several documents in one part): they are reassembled with
 *    `jsonFrames()`, one frame per document, ready for `decodeEvents`. A document cut by the
 *    end of the stream is a `DecodeError` (`truncated`), one over `maxFrameSize` a
 *    `DecodeError` (`frame-too-large`).
 * 2. **Errors.** `ModelStreamError` (with `errorCode`), `InternalStreamFailure` and exception
 *    types the SDK does not know are an `AwsStreamError` with the output's request id, after
 *    the frames before it; a connection cut the SDK reports is a `ConnectionError`. The errors
 *    name the operation's path template, `endpoints/{EndpointName}/invocations-response-stream`.
 * 3. **Timeouts.** `timeouts.firstFrameMs` runs from subscription to the first part,
 *    `timeouts.idleMs` between parts: a stall is a `StreamTimeoutError`.
 * 4. **Once.** The answer is one stream: the first subscription reads it, any later one (also
 *    through another Observable over the same `Body`) is a `ResponseConsumedError` at once.
 * 5. **Cancellation.** Unsubscribing, an error and a timeout stop reading and call the
 *    iterator's `return()`; aborting the request is yours (the AWS SDK keeps the connection
 *    open after `return()`): abort your `AbortController` when the Observable finalizes.
 *
 * ## Example
 *
 * ```ts
 * import { InvokeEndpointWithResponseStreamCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { finalize } from 'rxjs';
 * import { accumulateChat, chatV1, decodeEvents } from 'cohere-rx';
 * import { fromSageMakerResponse } from 'cohere-rx/sagemaker';
 *
 * const client = new SageMakerRuntimeClient({ region: 'eu-west-1' });
 * const request = new AbortController();
 * const output = await client.send(
 *   new InvokeEndpointWithResponseStreamCommand({
 *     EndpointName: 'cohere-command-r',
 *     ContentType: 'application/json',
 *     Body: JSON.stringify({ message: 'Hello', stream: true }),
 *   }),
 *   { abortSignal: request.signal },
 * );
 * fromSageMakerResponse(output, { signal: request.signal })
 *   .pipe(decodeEvents(chatV1), accumulateChat(), finalize(() => request.abort()))
 *   .subscribe((chat) => console.log(chat.text));
 * ```
 *
 * @see `streamingChat` (`cohere-rx`) for the Python SDK's typed stream responses over the same output's `Body`.
 * @param output The output of `client.send(new InvokeEndpointWithResponseStreamCommand(…))`.
 * @param options Abort signal, timeouts and frame size cap.
 * @returns An Observable of the text of each JSON document, to subscribe to once.
 * @throws `InvalidOptionError` at the call when `output.Body` is not an async iterable (nor `undefined`).
 * @throws `AwsStreamError`, `ConnectionError`, `StreamTimeoutError`, `RequestAbortedError`,
 *   `ResponseConsumedError` and `DecodeError` (`invalid-utf8`, `frame-too-large`, `truncated`),
 *   as error notifications.
 */
export function fromSageMakerResponse(output: SageMakerOutput, options: AwsStreamOptions = {}): Observable<string> {
  return sagemakerAnswerFrames(
    { events: output.Body, requestId: output.$metadata?.requestId, status: output.$metadata?.httpStatusCode },
    options,
    'output.Body',
  );
}
