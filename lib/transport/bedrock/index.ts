/**
 * cohere-rx/bedrock: Cohere models on AWS Bedrock (Command R / R+, Command) as cold RxJS
 * Observables, through the caller's `BedrockRuntimeClient` from `@aws-sdk/client-bedrock-runtime`
 * (an optional peer dependency, loaded only by this entry point).
 *
 * The client is yours: its region, credentials, HTTP handler and retry strategy apply. Its
 * retries happen only before the stream starts; prefer the `timeouts` option to the handler's
 * `requestTimeout`, which on HTTP/2 ends a stream silently instead of failing it.
 *
 * ```ts
 * import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
 * import { accumulateChat } from 'cohere-rx';
 * import { bedrockChatStream } from 'cohere-rx/bedrock';
 *
 * const client = new BedrockRuntimeClient({
 *   region: 'us-east-1',
 *   // Credentials come from the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, an instance role…),
 *   // or are given: credentials: { accessKeyId, secretAccessKey, sessionToken },
 *   maxAttempts: 3, // retries of throttled or failed requests, before the stream starts
 * });
 *
 * bedrockChatStream(client, { modelId: 'cohere.command-r-plus-v1:0', body: { message: 'Hello' } }, { timeouts: { idleMs: 30_000 } })
 *   .pipe(accumulateChat())
 *   .subscribe({ next: (chat) => console.log(chat.text), error: (e) => console.error(e) });
 * ```
 *
 * Sent `InvokeModelWithResponseStream` yourself? `fromBedrockResponse(output)` streams the frames of
 * the output you hold, and `streamingChat` (from `cohere-rx`) its typed stream responses.
 *
 * @module cohere-rx/bedrock
 */
export { bedrockChatStream, bedrockGenerateStream } from './event-streams';
export { createBedrock, type CohereBedrockClient } from './client';
export { fromBedrock, type BedrockInput } from './from-bedrock';
export { fromBedrockResponse, type BedrockOutput } from './from-bedrock-response';
export type { BedrockStreamEvent } from './chunks';
// The AWS errors, the options, and the request and event types the signatures name.
export * from '../aws/entry-exports';
