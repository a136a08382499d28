/**
 * One call from a SageMaker request to typed, validated events: `fromSageMaker` followed by
 * `decodeEvents`.
 *
 * @module
 */
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { Observable } from 'rxjs';
import { decodeEvents } from '../../../operators/decode-events';
import type { AwsChatBody, AwsGenerateBody } from '../aws/request-body';
import type { AwsEventStreamOptions } from '../aws/options';
import { decodeOptionsOf } from '../conveniences';
import { chatV1, generate } from '../../decoding/protocols';
import type { GenerateEvent } from '../../decoding/schemas/generate-events';
import type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
import { sagemakerFrames, type SageMakerInput } from './from-sagemaker';

/**
 * Streams a chat with a Cohere chat model on a SageMaker endpoint as typed, validated V1 chat
 * events: {@link fromSageMaker} piped through `decodeEvents(chatV1)`.
 *
 * The body is checked against `V1ChatRequest`, must not have `model` and is sent with
 * `stream: true`. Only `stream-end` proves the answer complete: `accumulateChat()` reports its
 * absence as an `IncompleteStreamError` with the partial `Chat`.
 *
 * ## Example
 *
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat } from 'cohere-rx';
 * import { sagemakerChatStream } from 'cohere-rx/sagemaker';
 *
 * const client = new SageMakerRuntimeClient({ region: 'eu-west-1' });
 * const chat = await lastValueFrom(
 *   sagemakerChatStream(client, { endpointName: 'cohere-command-r', body: { message: 'Hello' } }).pipe(accumulateChat()),
 * );
 * console.log(chat.text);
 * ```
 *
 * @param client The caller's `SageMakerRuntimeClient`.
 * @param input The endpoint name, the V1 chat body and the optional target variant.
 * @param options Abort signal, timeouts, frame size cap and `onUnknownEvent`.
 * @returns A cold Observable of V1 chat events; each subscription is one request.
 * @throws Everything {@link fromSageMaker} reports, plus `DecodeError` and `SchemaError`.
 */
export function sagemakerChatStream(
  client: SageMakerRuntimeClient,
  input: SageMakerInput<AwsChatBody>,
  options: AwsEventStreamOptions = {},
): Observable<ChatV1Event> {
  return sagemakerFrames(client, 'chat', input, options).pipe(decodeEvents(chatV1, decodeOptionsOf(options)));
}

/**
 * Streams a generation with a Cohere Command model on a SageMaker endpoint as typed, validated
 * generate events: {@link fromSageMaker} piped through `decodeEvents(generate)`.
 *
 * The body is checked against `GenerateRequest`, must not have `model` and is sent with
 * `stream: true`; `num_generations` is sent as given. Only the final `is_finished: true` event
 * proves the answer complete: `accumulateGenerate()` checks it.
 *
 * ## Example
 *
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { sagemakerGenerateStream } from 'cohere-rx/sagemaker';
 *
 * const client = new SageMakerRuntimeClient({ region: 'us-east-1' });
 * sagemakerGenerateStream(client, { endpointName: 'cohere-command', body: { prompt: 'Once upon a time', num_generations: 2 } })
 *   .subscribe((event) => {
 *     if (event.event_type === 'text-generation') console.log(event.index ?? 0, event.text);
 *   });
 * ```
 *
 * @param client The caller's `SageMakerRuntimeClient`.
 * @param input The endpoint name, the generate body and the optional target variant.
 * @param options Abort signal, timeouts, frame size cap and `onUnknownEvent`.
 * @returns A cold Observable of generate events; each subscription is one request.
 * @throws Everything {@link fromSageMaker} reports, plus `DecodeError` and `SchemaError`.
 */
export function sagemakerGenerateStream(
  client: SageMakerRuntimeClient,
  input: SageMakerInput<AwsGenerateBody>,
  options: AwsEventStreamOptions = {},
): Observable<GenerateEvent> {
  return sagemakerFrames(client, 'generate', input, options).pipe(decodeEvents(generate, decodeOptionsOf(options)));
}
