export { decodeEvents } from './decode-events';
export { jsonFrames } from './json-frames';
export { sseFrames } from './sse-frames';
export { accumulateChat, type FinalChat } from './accumulate-chat';
export { chatSnapshots, type SnapshotOf } from './chat-snapshots';
export { textDeltas } from './text-deltas';
export { accumulateGenerate } from './accumulate-generate';
export { collectToolCalls, type CompletedToolCall, type InvalidToolCall } from './collect-tool-calls';
export { groupGenerationsByIndex } from './group-generations-by-index';
export { partialToolCalls, type PartialToolCall } from './partial-tool-calls';
export { tapMetrics, type MeteredEvent, type StreamMetrics, type StreamOutcome, type TapMetricsOptions } from './tap-metrics';
// The types the operators' signatures name, so this entry is usable on its own. Those that are
// values too (schemas, `Chat`, the error class) are exported as values: the declaration bundle
// drops `type` from re-exports, and would otherwise declare values this entry does not have.

export type { ChatV1Snapshot } from '../lib/accumulate/chat-v1-reducer';
export type { ChatSnapshot } from '../lib/accumulate/chat-v2-reducer';
export type { DecodeOptions, UnknownEvent } from '../lib/decoding/decoder';
export type { FramingOptions } from '../lib/framing/frame-limits';
export type { ChatEvent, Protocol } from '../lib/decoding/protocols';
export type { FoldOptions, ItemOptions } from '../lib/accumulate/complete-stream';
export type { FastCheck } from '../lib/decoding/schemas/fast-checks';
export type { GenerateEvent } from '../lib/decoding/schemas/generate-events';
export type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
export type { ChatV2Event } from '../lib/decoding/schemas/v2-chat-events';
export type { ToolCallsOptions } from '../lib/accumulate/tool-call-assembler';
export { Chat } from '../lib/models/index';
export { ChatResponse } from '../lib/decoding/schemas/chat-response';
export { GenerateStreamEnd, GenerateTextGenerationEvent } from '../lib/decoding/schemas/generate-events';
export { ApiMeta, BedrockInvocationMetrics } from '../lib/decoding/schemas/v1-chat-events';
export { Usage } from '../lib/decoding/schemas/v2-chat-events';
export { JsonObject } from '../lib/decoding/schemas/shared';
export { ToolCallArgumentsError } from '../lib/errors/index';
