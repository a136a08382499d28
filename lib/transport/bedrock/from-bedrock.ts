/**
 * `fromBedrock`: one `InvokeModelWithResponseStream` call to AWS Bedrock per subscription, as an
 * Observable of frames.
 *
 * @module
 */
import { InvokeModelWithResponseStreamCommand, type BedrockRuntimeClient, type ResponseStream } from '@aws-sdk/client-bedrock-runtime';
import { defer, type Observable } from 'rxjs';
import { awsEventStream } from '../aws/event-stream';
import { kindOf, requestPayload, type AwsBodyKind, type AwsChatBody, type AwsGenerateBody } from '../aws/request-body';
import { checkedAwsOptions, type AwsStreamOptions } from '../aws/options';
import { readBedrockEvent, utf8Frames } from './chunks';

/** What {@link fromBedrock} sends: the model and the body. */
export interface BedrockInput<B extends AwsChatBody | AwsGenerateBody = AwsChatBody | AwsGenerateBody> {
  /** The Bedrock model id (or inference profile / provisioned model ARN), e.g. `cohere.command-r-plus-v1:0`. */
  readonly modelId: string;
  /** The request body: a V1 chat body (Command R / R+) or a generate body (Command), without `model`. */
  readonly body: B;
}

/**
 * The frames of a Bedrock call with a body of a known kind.
 *
 * @internal
 */
export function bedrockFrames(client: BedrockRuntimeClient, kind: AwsBodyKind, input: BedrockInput, options: AwsStreamOptions): Observable<string> {
  const checked = checkedAwsOptions(options);
  return defer(() => {
    const endpoint = `model/${input.modelId}/invoke-with-response-stream`;
    // Command R / R+ reject `stream`; legacy Command streams only with `stream: true`.
    const body = requestPayload(kind, input.body, endpoint, kind === 'generate', checked.unknownFields);
    const command = new InvokeModelWithResponseStreamCommand({
      modelId: input.modelId,
      body,
      contentType: 'application/json',
      accept: 'application/json',
    });
    const chunks = awsEventStream<ResponseStream>(
      {
        service: 'bedrock',
        endpoint,
        protocol: kind === 'chat' ? 'chatV1' : 'generate',
        send: async (abortSignal) => {
          const output = await client.send(command, { abortSignal });
          return { events: output.body, requestId: output.$metadata.requestId, status: output.$metadata.httpStatusCode };
        },
        read: readBedrockEvent,
      },
      checked,
    );
    return utf8Frames(chunks, checked.maxFrameSize);
  });
}

/**
 * Streams from a Cohere model on AWS Bedrock: each subscription sends one
 * `InvokeModelWithResponseStream` with the caller's `BedrockRuntimeClient` and emits the text
 * of each `chunk` (one complete JSON document), ready for `decodeEvents`.
 *
 * <span class="informal">A cold, cancellable, watched Bedrock stream; `bedrockChatStream` and
 * `bedrockGenerateStream` add `decodeEvents`.</span>
 *
 * 1. **Body.** A body with `prompt` (and no `message`) is a generate body (Command): it is
 *    checked against `GenerateRequest` and sent with `stream: true`, without which Command
 *    answers in one chunk. Any other body is a V1 chat body (Command R / R+): it is checked
 *    against `V1ChatRequest` and sent without `stream`, which Bedrock rejects. A body with
 *    `model` is invalid (the model is `modelId`), and so is a member the schema does not list
 *    unless `unknownFields` is `'send'`. An invalid body is a `RequestValidationError` and
 *    nothing is sent. Members of V1 chat that Bedrock does not take (such as `connectors`) go
 *    as they are: Bedrock rejects them with a `ValidationException`.
 * 2. **Request.** `contentType` and `accept` are `application/json`. The client's region,
 *    credentials, endpoint, HTTP handler and retry strategy apply as configured.
 * 3. **Frames.** Each `chunk`'s bytes (Bedrock's base64, decoded by the SDK) are emitted as
 *    text. The `p` padding member of the chunk envelope never reaches the frame. Event types
 *    the SDK does not know are skipped.
 * 4. **Errors.** An HTTP error before the stream and an exception frame in it (such as
 *    `modelStreamErrorException` with `originalStatusCode` and `originalMessage`) are an
 *    `AwsStreamError`; the chunks before it stay delivered. A connection that fails, before the
 *    stream starts or in its middle when the SDK reports it (an HTTP/1.1 reset, a frame cut
 *    off), is a `ConnectionError`; a stall is a `StreamTimeoutError` (`first-frame` or `idle`,
 *    see `timeouts`); the `signal` aborting is a `RequestAbortedError`.
 * 5. **Completeness.** The stream completes when the event stream ends, and the SDK does not
 *    always say how it ended: on HTTP/2 (the client's default) it ends the stream silently when
 *    the connection drops between two messages, when the request is aborted and when the
 *    handler's `requestTimeout` runs out, so such a cut in the middle just completes. Only the
 *    terminal Cohere chunk (`stream-end`, `is_finished: true`) proves the answer complete:
 *    `accumulateChat()` and `accumulateGenerate()` report its absence as an
 *    `IncompleteStreamError` with the partial value (and a `ConnectionError` after chunks
 *    arrived as its `cause`).
 * 6. **Retries.** The client's retry strategy (`maxAttempts`, `retryStrategy`) is the caller's:
 *    it applies only before the stream starts (an error answer, or an exception as the very
 *    first message). Nothing is retried once a chunk arrived; an `AwsStreamError` mid-stream
 *    is final.
 * 7. **Cancellation.** Unsubscribing aborts the request through
 *    `client.send(command, { abortSignal })` (the server sees the stream close) and ends the
 *    iteration; it reports nothing.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { chatV1, decodeEvents } from 'cohere-rx';
 * import { fromBedrock } from 'cohere-rx/bedrock';
 *
 * const client = new BedrockRuntimeClient({ region: 'us-east-1' }); // credentials from the environment
 *
 * fromBedrock(client, { modelId: 'cohere.command-r-plus-v1:0', body: { message: 'Hello' } }, { timeouts: { idleMs: 30_000 } })
 *   .pipe(decodeEvents(chatV1))
 *   .subscribe((event) => {
 *     if (event.event_type === 'text-generation') process.stdout.write(event.text ?? '');
 *   });
 * ```
 *
 * @see {@link bedrockChatStream} and {@link bedrockGenerateStream} for decoded events.
 * @param client The caller's `BedrockRuntimeClient`.
 * @param input The model id and the request body.
 * @param options Abort signal, timeouts and frame size cap.
 * @returns A cold Observable of the text of each chunk.
 * @throws `RequestValidationError`, `AwsStreamError`, `ConnectionError`,
 *   `StreamTimeoutError`, `RequestAbortedError` and `DecodeError` (`invalid-utf8`,
 *   `frame-too-large`), as error notifications.
 */
export function fromBedrock(client: BedrockRuntimeClient, input: BedrockInput, options: AwsStreamOptions = {}): Observable<string> {
  return bedrockFrames(client, kindOf(input.body), input, options);
}
