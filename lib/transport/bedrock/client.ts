/**
 * `createBedrock`: the Bedrock functions bound to a `BedrockRuntimeClient` and to defaults.
 *
 * @module
 */
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { Observable } from 'rxjs';
import type { GenerateEvent } from '../../decoding/schemas/generate-events';
import type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
import { checkedAwsOptions, type AwsEventStreamOptions, type AwsStreamOptions } from '../aws/options';
import type { AwsChatBody, AwsGenerateBody } from '../aws/request-body';
import { mergeOptions } from '../merge-options';
import { bedrockChatStream, bedrockGenerateStream } from './event-streams';
import { fromBedrock, type BedrockInput } from './from-bedrock';

/** What {@link createBedrock} returns: the free functions of the same names, without their client argument. */
export interface CohereBedrockClient {
  /** {@link fromBedrock} through the client, with its defaults under the call's options. */
  fromBedrock(input: BedrockInput, options?: AwsStreamOptions): Observable<string>;
  /** {@link bedrockChatStream} through the client, with its defaults under the call's options. */
  bedrockChatStream(input: BedrockInput<AwsChatBody>, options?: AwsEventStreamOptions): Observable<ChatV1Event>;
  /** {@link bedrockGenerateStream} through the client, with its defaults under the call's options. */
  bedrockGenerateStream(input: BedrockInput<AwsGenerateBody>, options?: AwsEventStreamOptions): Observable<GenerateEvent>;
}

/**
 * The Bedrock functions bound to `client` and to `defaults` (`timeouts`, `signal`,
 * `maxFrameSize`, `onUnknownEvent`): each call's options are merged over the defaults as
 * `createCohere` merges them (`timeouts` member by member, everything else replaced whole).
 * The defaults are checked here: a value out of range is an `InvalidOptionError`.
 *
 * ## Example
 *
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { accumulateChat } from 'cohere-rx';
 * import { createBedrock } from 'cohere-rx/bedrock';
 *
 * const bedrock = createBedrock(new BedrockRuntimeClient({ region: 'us-east-1' }), { timeouts: { idleMs: 30_000 } });
 * bedrock
 *   .bedrockChatStream({ modelId: 'cohere.command-r-plus-v1:0', body: { message: 'Hello' } })
 *   .pipe(accumulateChat())
 *   .subscribe((chat) => console.log(chat.text));
 * ```
 *
 * @param client The caller's `BedrockRuntimeClient`.
 * @param defaults The options every call starts from.
 * @returns `fromBedrock`, `bedrockChatStream` and `bedrockGenerateStream`, bound to both.
 * @throws `InvalidOptionError` for a default out of its range.
 */
export function createBedrock(client: BedrockRuntimeClient, defaults: AwsEventStreamOptions = {}): CohereBedrockClient {
  checkedAwsOptions(defaults);
  return {
    fromBedrock: (input, options) => fromBedrock(client, input, mergeOptions<AwsStreamOptions>(defaults, options)),
    bedrockChatStream: (input, options) => bedrockChatStream(client, input, mergeOptions(defaults, options)),
    bedrockGenerateStream: (input, options) => bedrockGenerateStream(client, input, mergeOptions(defaults, options)),
  };
}
