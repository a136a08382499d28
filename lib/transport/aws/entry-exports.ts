/**
 * What `cohere-rx/bedrock` and `cohere-rx/sagemaker` both export besides their own functions:
 * the AWS errors, the options, and the request and event types their signatures name, with the
 * request schemas (the same objects as cohere-rx's).
 *
 * @module
 * @internal
 */
export type { AwsChatBody, AwsGenerateBody } from './request-body';
export { AwsStreamError, ResponseConsumedError, type AwsService, type AwsStreamErrorDetails, type ResponseConsumedErrorDetails } from '../../errors/index';
export type { AwsEventStreamOptions, AwsStreamOptions, AwsTimeoutOptions } from './options';
export type { DecodeOptions } from '../../decoding/decoder';
export type { UnknownFields } from '../../requests/unknown-fields';
export type { CassetteRecorder } from '../../cassettes/recorder';
export { GenerateRequest } from '../../requests/generate-request';
export * from '../../requests/v1-chat-request';
export { JsonObject } from '../../decoding/schemas/shared';
export type { FramingOptions } from '../../framing/frame-limits';
export type { GenerateEvent } from '../../decoding/schemas/generate-events';
export type { ChatV1Event } from '../../decoding/schemas/v1-chat-events';
