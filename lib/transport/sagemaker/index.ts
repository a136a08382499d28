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
// The AWS errors, the options, and the request and event types the signatures name.
export * from '../aws/entry-exports';
