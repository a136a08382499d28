/**
 * cohere-rx: Cohere's streaming responses as cold RxJS Observables, with typed, validated
 * events and operators that assemble the final value.
 *
 * @module cohere-rx
 */
export * from '../operators/index';
export * from './errors/index';
export * from './transport/index';
export { Mode, streamingChat } from './transport/aws/streaming-chat';
export { recordCassette, type CassetteRecorder, type CassetteSink } from './cassettes/recorder';
export {
  CASSETTE_CHUNK_BYTES,
  CASSETTE_VERSION,
  type CassetteChunk,
  type CassetteEnding,
  type CassetteFraming,
  type CassetteHeader,
  type CassetteProtocol,
  type CassetteSource,
  type CassetteTake,
} from './cassettes/format';
export type { AwsEventStreamOptions, AwsStreamOptions, AwsTimeoutOptions } from './transport/aws/options';
export type { BedrockStreamEvent } from './transport/bedrock/chunks';
export type { SageMakerStreamEvent } from './transport/sagemaker/payload-parts';
export {
  emptyChatSnapshot,
  logprobsOf,
  reduceChat,
  toChatResponse,
  type ChatContentBlock,
  type ChatSnapshot,
  type ChatSnapshotIndexes,
  type ChatSnapshotMessage,
  type LogprobTrail,
} from './accumulate/chat-v2-reducer';
export { emptyChatV1Snapshot, reduceChatV1, toChat, type ChatV1Snapshot } from './accumulate/chat-v1-reducer';
export type { ToolCallChunks } from './accumulate/tool-calls';
export { DEFAULT_MAX_ITEMS, DEFAULT_SNAPSHOT_MAX_ITEMS, type FoldOptions, type ItemOptions } from './accumulate/complete-stream';

export { emptyGenerateSnapshot, reduceGenerate, toGenerateStreamEnd, type GenerateSnapshot, type GenerationSnapshot } from './accumulate/generate-reducer';
export { parsePartialToolArguments } from './accumulate/partial-json';
export { parseToolArguments, type ToolCallRef } from './accumulate/tool-call-arguments';
export { responseText } from './accumulate/response-text';
export { isIncompleteChat, isIncompleteGenerate, isIncompleteGenerations, isIncompleteText, isIncompleteToolCalls } from './accumulate/incomplete';
export type { ToolCallProgress, ToolCallsOptions } from './accumulate/tool-call-assembler';
export {
  citedSegments,
  type BlockCitation,
  type CitedSegment,
  type ContentBlockText,
  type SparseList,
  type V1CitedResponse,
  type V2CitedResponse,
} from './citations/cited-segments';
export { locateCitation, type CitationLocation, type CitationMatch, type CitationOffsets } from './citations/locate-citation';
export { createEventDecoder, isUnknownEvent, type DecodeOptions, type UnknownEvent } from './decoding/decoder';
export { DEFAULT_MAX_FRAME_SIZE, type FramingOptions } from './framing/frame-limits';
export { chatV1, chatV2, generate, type ChatEvent, type EventOf, type Protocol } from './decoding/protocols';
export type { FastCheck } from './decoding/schemas/fast-checks';
export * from './decoding/schemas/chat-response';
export * from './decoding/schemas/finish-reasons';
export * from './decoding/schemas/generate-events';
export * from './decoding/schemas/v1-chat-events';
export * from './decoding/schemas/v2-chat-events';
export { JsonObject, TokenCounts } from './decoding/schemas/shared';
export * from './requests/generate-request';
export * from './requests/v1-chat-request';
export * from './requests/v2-chat-request';
export type { UnknownFields } from './requests/unknown-fields';
export * from './models/index';
