/**
 * cohere-rx: Cohere's streaming responses as cold RxJS Observables, with typed, validated
 * events and operators that assemble the final value.
 *
 * @module cohere-rx
 */
export * from '../operators/index';
export {
  CohereStreamError,
  DecodeError,
  FRAME_EXCERPT_LENGTH,
  MissingFieldError,
  ModelFieldError,
  SchemaError,
  StreamInterruptedError,
  type DecodeErrorReason,
  type SchemaIssue,
} from './errors';
export {
  GenerationError,
  IncompleteStreamError,
  StreamOrderError,
  TextMismatchError,
  ToolCallArgumentsError,
  type StreamOrderReason,
} from './stream-errors';
export * from './transport/index';
export {
  emptyChatSnapshot,
  logprobsOf,
  reduceChat,
  toChatResponse,
  type ChatContentBlock,
  type ChatSnapshot,
  type ChatSnapshotMessage,
  type LogprobTrail,
} from './chat-v2-reducer';
export { emptyChatV1Snapshot, reduceChatV1, toChat, type ChatV1Snapshot, type ToolCallChunks } from './chat-v1-reducer';
export type { ChatEvent } from './chat-finishers';
export {
  emptyGenerateSnapshot,
  reduceGenerate,
  toGenerateStreamEnd,
  type GenerateSnapshot,
  type GenerationSnapshot,
} from './generate-reducer';
export { parsePartialToolArguments, parseToolArguments, type ToolCallRef } from './tool-call-arguments';
export type { ToolCallsOptions } from './tool-call-assembler';
export { createEventDecoder, isUnknownEvent, type DecodeOptions, type UnknownEvent } from './event-decoder';
export { DEFAULT_MAX_FRAME_SIZE, type FramingOptions } from './framing/frame-limits';
export { chatV1, chatV2, generate, type EventOf, type Protocol } from './protocols';
export type { FastCheck } from './schemas/fast-checks';
export * from './schemas/chat-response';
export * from './schemas/generate-events';
export * from './schemas/v1-chat-events';
export * from './schemas/v2-chat-events';
export { JsonObject, TokenCounts } from './schemas/shared';
export * from './schemas/generate-request';
export * from './schemas/v1-chat-request';
export * from './schemas/v2-chat-request';
export * from './aws-models';
