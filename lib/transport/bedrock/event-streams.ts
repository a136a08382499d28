/**
 * One call from a Bedrock request to typed, validated events: `fromBedrock` followed by
 * `decodeEvents`.
 *
 * @module
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Observable } from 'rxjs';
import { decodeEvents } from '../../../operators/decode-events';
import type { AwsChatBody, AwsGenerateBody } from '../aws/request-body';
import type { AwsEventStreamOptions } from '../aws/options';
import { decodeOptionsOf } from '../conveniences';
import { chatV1, generate } from '../../decoding/protocols';
import type { GenerateEvent } from '../../decoding/schemas/generate-events';
import type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
import { bedrockFrames, type BedrockInput } from './from-bedrock';

/**
 * Streams a chat with Command R / R+ on AWS Bedrock as typed, validated V1 chat events:
 * {@link fromBedrock} piped through `decodeEvents(chatV1)`.
 *
 * The body is checked against `V1ChatRequest` (the V1 chat body, as for `chatStreamV1`), must
 * not have `model` (the model is `modelId`) and is sent without `stream`. Bedrock sends no
 * `stream-start`: the first event is usually `text-generation`, and the last `stream-end`
 * carries `response` and Bedrock's `amazon-bedrock-invocationMetrics`.
 *
 * The stream completes whenever the event stream ends, also when the connection was cut (the
 * SDK ends an HTTP/2 stream silently): the answer is complete only if `stream-end` arrived.
 * `accumulateChat()` checks it and reports an `IncompleteStreamError` with the partial `Chat`
 * otherwise; check it yourself when you use the events directly.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat } from 'cohere-rx';
 * import { bedrockChatStream } from 'cohere-rx/bedrock';
 *
 * const client = new BedrockRuntimeClient({ region: 'us-east-1', maxAttempts: 3 });
 * const chat = await lastValueFrom(
 *   bedrockChatStream(client, {
 *     modelId: 'cohere.command-r-plus-v1:0',
 *     body: { message: 'Where do emperor penguins live?', documents: [{ title: 'Penguins', text: '…' }] },
 *   }).pipe(accumulateChat()),
 * );
 * console.log(chat.text, chat.citations);
 * ```
 *
 * @param client The caller's `BedrockRuntimeClient`.
 * @param input The model id and the V1 chat body.
 * @param options Abort signal, timeouts, frame size cap and `onUnknownEvent`.
 * @returns A cold Observable of V1 chat events; each subscription is one request.
 * @throws Everything {@link fromBedrock} reports, plus `DecodeError` and `SchemaError`.
 */
export function bedrockChatStream(
  client: BedrockRuntimeClient,
  input: BedrockInput<AwsChatBody>,
  options: AwsEventStreamOptions = {},
): Observable<ChatV1Event> {
  return bedrockFrames(client, 'chat', input, options).pipe(decodeEvents(chatV1, decodeOptionsOf(options)));
}

/**
 * Streams a generation with Command (`cohere.command-text-v14`, `cohere.command-light-text-v14`)
 * on AWS Bedrock as typed, validated generate events: {@link fromBedrock} piped through
 * `decodeEvents(generate)`.
 *
 * The body is checked against `GenerateRequest`, must not have `model` and is sent with
 * `stream: true`. Bedrock's Command chunks have no `event_type` (`{ text, is_finished }`, then
 * `{ is_finished: true, finish_reason, response }`): the `generate` protocol reads them by
 * `is_finished`. As with {@link bedrockChatStream}, only the final `is_finished: true` chunk
 * proves the answer complete; `accumulateGenerate()` checks it.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { bedrockGenerateStream } from 'cohere-rx/bedrock';
 *
 * const client = new BedrockRuntimeClient({ region: 'us-east-1' });
 * bedrockGenerateStream(client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Once upon a time', max_tokens: 200 } })
 *   .subscribe((event) => {
 *     if (event.event_type === 'text-generation') process.stdout.write(event.text ?? '');
 *   });
 * ```
 *
 * @param client The caller's `BedrockRuntimeClient`.
 * @param input The model id and the generate body.
 * @param options Abort signal, timeouts, frame size cap and `onUnknownEvent`.
 * @returns A cold Observable of generate events; each subscription is one request.
 * @throws Everything {@link fromBedrock} reports, plus `DecodeError` and `SchemaError`.
 */
export function bedrockGenerateStream(
  client: BedrockRuntimeClient,
  input: BedrockInput<AwsGenerateBody>,
  options: AwsEventStreamOptions = {},
): Observable<GenerateEvent> {
  return bedrockFrames(client, 'generate', input, options).pipe(decodeEvents(generate, decodeOptionsOf(options)));
}
