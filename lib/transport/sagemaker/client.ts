/**
 * `createSageMaker`: the SageMaker functions bound to a `SageMakerRuntimeClient` and to defaults.
 *
 * @module
 */
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { Observable } from 'rxjs';
import type { GenerateEvent } from '../../decoding/schemas/generate-events';
import type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
import { checkedAwsOptions, type AwsEventStreamOptions, type AwsStreamOptions } from '../aws/options';
import type { AwsChatBody, AwsGenerateBody } from '../aws/request-body';
import { mergeOptions } from '../merge-options';
import { sagemakerChatStream, sagemakerGenerateStream } from './event-streams';
import { fromSageMaker, type SageMakerInput } from './from-sagemaker';

/** What {@link createSageMaker} returns: the free functions of the same names, without their client argument. */
export interface CohereSageMakerClient {
  /** {@link fromSageMaker} through the client, with its defaults under the call's options. */
  fromSageMaker(input: SageMakerInput, options?: AwsStreamOptions): Observable<string>;
  /** {@link sagemakerChatStream} through the client, with its defaults under the call's options. */
  sagemakerChatStream(input: SageMakerInput<AwsChatBody>, options?: AwsEventStreamOptions): Observable<ChatV1Event>;
  /** {@link sagemakerGenerateStream} through the client, with its defaults under the call's options. */
  sagemakerGenerateStream(input: SageMakerInput<AwsGenerateBody>, options?: AwsEventStreamOptions): Observable<GenerateEvent>;
}

/**
 * The SageMaker functions bound to `client` and to `defaults` (`timeouts`, `signal`,
 * `maxFrameSize`, `onUnknownEvent`): each call's options are merged over the defaults as
 * `createCohere` merges them (`timeouts` member by member, everything else replaced whole).
 * The defaults are checked here: a value out of range is an `InvalidOptionError`.
 *
 * ## Example
 *
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { createSageMaker } from 'cohere-rx/sagemaker';
 *
 * const sagemaker = createSageMaker(new SageMakerRuntimeClient({ region: 'eu-west-1' }), { timeouts: { totalMs: 120_000 } });
 * sagemaker
 *   .sagemakerGenerateStream({ endpointName: 'cohere-command', body: { prompt: 'Once upon a time' } })
 *   .subscribe((event) => console.log(event.event_type));
 * ```
 *
 * @param client The caller's `SageMakerRuntimeClient`.
 * @param defaults The options every call starts from.
 * @returns `fromSageMaker`, `sagemakerChatStream` and `sagemakerGenerateStream`, bound to both.
 * @throws `InvalidOptionError` for a default out of its range.
 */
export function createSageMaker(client: SageMakerRuntimeClient, defaults: AwsEventStreamOptions = {}): CohereSageMakerClient {
  checkedAwsOptions(defaults);
  return {
    fromSageMaker: (input, options) => fromSageMaker(client, input, mergeOptions<AwsStreamOptions>(defaults, options)),
    sagemakerChatStream: (input, options) => sagemakerChatStream(client, input, mergeOptions(defaults, options)),
    sagemakerGenerateStream: (input, options) => sagemakerGenerateStream(client, input, mergeOptions(defaults, options)),
  };
}
