/**
 * `fromSageMaker`: one `InvokeEndpointWithResponseStream` call to a SageMaker endpoint per
 * subscription, as an Observable of frames.
 *
 * @module
 */
import { InvokeEndpointWithResponseStreamCommand, type ResponseStream, type SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { defer, type Observable } from 'rxjs';
import { jsonFrames } from '../../../operators/json-frames';
import { awsEventStream } from '../aws/event-stream';
import { kindOf, requestPayload, type AwsBodyKind, type AwsChatBody, type AwsGenerateBody } from '../aws/request-body';
import { checkedAwsOptions, type AwsStreamOptions } from '../aws/options';
import { readSageMakerEvent } from './payload-parts';

/** What {@link fromSageMaker} sends: the endpoint, the body and, optionally, the production variant. */
export interface SageMakerInput<B extends AwsChatBody | AwsGenerateBody = AwsChatBody | AwsGenerateBody> {
  /** The name of the SageMaker endpoint that serves the Cohere model. */
  readonly endpointName: string;
  /** The request body: a V1 chat body or a generate body, without `model`. */
  readonly body: B;
  /** The production variant to send the request to (`TargetVariant`); the endpoint's traffic split decides otherwise. */
  readonly targetVariant?: string | undefined;
}

/**
 * The frames of a SageMaker call with a body of a known kind.
 *
 * @internal
 */
export function sagemakerFrames(client: SageMakerRuntimeClient, kind: AwsBodyKind, input: SageMakerInput, options: AwsStreamOptions): Observable<string> {
  const checked = checkedAwsOptions(options);
  const framing = jsonFrames({ maxFrameSize: checked.maxFrameSize });
  return defer(() => {
    const endpoint = `endpoints/${input.endpointName}/invocations-response-stream`;
    const command = new InvokeEndpointWithResponseStreamCommand({
      EndpointName: input.endpointName,
      Body: requestPayload(kind, input.body, endpoint, true, checked.unknownFields),
      ContentType: 'application/json',
      ...(input.targetVariant === undefined ? {} : { TargetVariant: input.targetVariant }),
    });
    const parts = awsEventStream<ResponseStream>(
      {
        service: 'sagemaker',
        endpoint,
        protocol: kind === 'chat' ? 'chatV1' : 'generate',
        send: async (abortSignal) => {
          const output = await client.send(command, { abortSignal });
          return { events: output.Body, requestId: output.$metadata.requestId, status: output.$metadata.httpStatusCode };
        },
        read: readSageMakerEvent,
      },
      checked,
    );
    return parts.pipe(framing);
  });
}

/**
 * Streams from a Cohere model on a SageMaker endpoint: each subscription sends one
 * `InvokeEndpointWithResponseStream` with the caller's `SageMakerRuntimeClient` and emits the
 * text of each JSON document the model streams, ready for `decodeEvents`.
 *
 * <span class="informal">A cold, cancellable, watched SageMaker stream, reassembled into JSON
 * documents; `sagemakerChatStream` and `sagemakerGenerateStream` add `decodeEvents`.</span>
 *
 * 1. **Body.** A body with `prompt` (and no `message`) is a generate body, checked against
 *    `GenerateRequest`; any other is a V1 chat body, checked against `V1ChatRequest`. A body
 *    with `model` is invalid (the endpoint names the model), and so is a member the schema does
 *    not list unless `unknownFields` is `'send'`. An invalid body is a
 *    `RequestValidationError` and nothing is sent. It is sent with `stream: true` and
 *    `ContentType: application/json`, to `TargetVariant` when `targetVariant` is given.
 * 2. **Frames.** `PayloadPart` bytes are raw model output split anywhere: inside a UTF-8
 *    character, inside a JSON document, several documents in one part, with or without
 *    newlines, CRLF. They are reassembled with `jsonFrames()`, one frame per document. A
 *    document cut by the end of the stream is a `DecodeError` with reason `truncated`.
 * 3. **Errors.** An HTTP error before the stream (such as `ModelError` with
 *    `originalStatusCode`, `ValidationError`) and an exception in the stream (`ModelStreamError`
 *    with `errorCode`, `InternalStreamFailure`) are an `AwsStreamError`; the frames before it
 *    stay delivered. A connection that fails, before the stream starts or in its middle when
 *    the SDK reports it (an HTTP/1.1 reset, the client's default), is a `ConnectionError`; a
 *    stall is a `StreamTimeoutError`; the `signal` aborting is a `RequestAbortedError`.
 * 4. **Completeness.** The stream completes when the event stream ends, also when the SDK ends
 *    it silently (an HTTP/2 handler, after a cut between two messages): only the terminal
 *    Cohere event proves the answer complete, and `accumulateChat()` /
 *    `accumulateGenerate()` report its absence as an `IncompleteStreamError`.
 * 5. **Retries and cancellation.** The client's retry strategy is the caller's and applies
 *    only before the stream starts. Unsubscribing aborts the request through
 *    `client.send(command, { abortSignal })`; it reports nothing.
 *
 * ## Example
 *
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { chatV1, decodeEvents } from 'cohere-rx';
 * import { fromSageMaker } from 'cohere-rx/sagemaker';
 *
 * const client = new SageMakerRuntimeClient({ region: 'us-east-1' }); // credentials from the environment
 *
 * fromSageMaker(client, { endpointName: 'cohere-command-r', body: { message: 'Hello' } })
 *   .pipe(decodeEvents(chatV1))
 *   .subscribe((event) => console.log(event.event_type));
 * ```
 *
 * @see {@link sagemakerChatStream} and {@link sagemakerGenerateStream} for decoded events.
 * @param client The caller's `SageMakerRuntimeClient`.
 * @param input The endpoint name, the request body and the optional target variant.
 * @param options Abort signal, timeouts and frame size cap.
 * @returns A cold Observable of the text of each JSON document of the answer.
 * @throws `RequestValidationError`, `AwsStreamError`, `ConnectionError`, `StreamTimeoutError`,
 *   `RequestAbortedError` and `DecodeError` (`invalid-utf8`, `frame-too-large`, `truncated`), as error
 *   notifications.
 */
export function fromSageMaker(client: SageMakerRuntimeClient, input: SageMakerInput, options: AwsStreamOptions = {}): Observable<string> {
  return sagemakerFrames(client, kindOf(input.body), input, options);
}
