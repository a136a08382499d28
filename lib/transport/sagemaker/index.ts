/**
 * cohere-rx/sagemaker: Cohere models on AWS SageMaker endpoints as cold RxJS Observables,
 * through the caller's `SageMakerRuntimeClient` from `@aws-sdk/client-sagemaker-runtime` (an
 * optional peer dependency, loaded only by this entry point).
 *
 * The client is yours: its region, credentials, HTTP handler and retry strategy apply; its
 * retries happen only before the stream starts.
 *
 * ```ts
 * import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
 * import { accumulateChat } from 'cohere-rx';
 * import { sagemakerChatStream } from 'cohere-rx/sagemaker';
 *
 * const client = new SageMakerRuntimeClient({ region: 'eu-west-1' }); // credentials from the environment
 *
 * sagemakerChatStream(client, { endpointName: 'cohere-command-r', body: { message: 'Hello' } })
 *   .pipe(accumulateChat())
 *   .subscribe((chat) => console.log(chat.text));
 * ```
 *
 * Sent `InvokeEndpointWithResponseStream` yourself? `fromSageMakerResponse(output)` streams the frames of
 * the output you hold, and `streamingChat` (from `cohere-rx`) its typed stream responses.
 *
 * @module cohere-rx/sagemaker
 */
export { fromSageMaker, type SageMakerInput } from './from-sagemaker';
export { fromSageMakerResponse, type SageMakerOutput } from './from-sagemaker-response';
export type { SageMakerStreamEvent } from './payload-parts';
export { sagemakerChatStream, sagemakerGenerateStream } from './event-streams';
export { createSageMaker, type CohereSageMakerClient } from './client';
export type { AwsChatBody, AwsGenerateBody } from '../aws/request-body';
export { AwsStreamError, ResponseConsumedError, type AwsService, type AwsStreamErrorDetails, type ResponseConsumedErrorDetails } from '../../errors/index';
export type { AwsEventStreamOptions, AwsStreamOptions, AwsTimeoutOptions } from '../aws/options';
export type { DecodeOptions } from '../../decoding/decoder';
export type { UnknownFields } from '../../requests/unknown-fields';
export type { CassetteRecorder } from '../../cassettes/recorder';
// The request bodies the signatures name, with their schemas (the same objects as cohere-rx's).
export { GenerateRequest } from '../../requests/generate-request';
export * from '../../requests/v1-chat-request';
export { JsonObject } from '../../decoding/schemas/shared';
export type { FramingOptions } from '../../framing/frame-limits';
export type { GenerateEvent } from '../../decoding/schemas/generate-events';
export type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
