/**
 * The rules of a tool call as it streams, in one place: the V2 reducer (`accumulateChat()`), the
 * V1 reducer and the tool-call assembler (`collectToolCalls()`, `partialToolCalls()`) all build
 * calls with these functions, so they cannot disagree on a name or an arguments text.
 *
 * @module
 * @internal
 */
import type { ToolCallsChunkEvent } from '../decoding/schemas/v1-chat-events';
import type { ChatV2EventOf, ToolCallV2 } from '../decoding/schemas/v2-chat-events';

/**
 * V2: the call a `tool-call-start` opens, with its id (`''` when absent), type (`function` when
 * absent), function name (`''` when absent) and arguments text (normally `''`); other members
 * it carries are kept.
 */
export function startedCall(event: ChatV2EventOf<'tool-call-start'>): ToolCallV2 {
  const start = event.delta?.message?.tool_calls;
  return {
    ...start,
    id: start?.id ?? '',
    type: start?.type ?? 'function',
    function: { ...start?.function, name: start?.function?.name ?? '', arguments: start?.function?.arguments ?? '' },
  };
}

/** V2: the call with a `tool-call-delta`'s arguments fragment appended. */
export function withArgumentsDelta(call: ToolCallV2, event: ChatV2EventOf<'tool-call-delta'>): ToolCallV2 {
  const fragment = event.delta?.message?.tool_calls?.function?.arguments ?? '';
  return { ...call, function: { ...call.function, arguments: (call.function?.arguments ?? '') + fragment } };
}

/** The `tool_call_delta` of a V1 `tool-calls-chunk`. */
export type ToolCallDelta = NonNullable<ToolCallsChunkEvent['tool_call_delta']>;

/**
 * V1: whether a `tool-calls-chunk` carries part of a call (a `name` or `parameters`), rather than
 * only tool-plan text.
 */
export function callDeltaOf(event: ToolCallsChunkEvent): ToolCallDelta | undefined {
  const delta = event.tool_call_delta;
  return delta != null && (delta.name != null || delta.parameters != null) ? delta : undefined;
}

/** V1: the position of the call a chunk belongs to (a missing index is 0). */
export function chunkIndex(delta: ToolCallDelta): number {
  return delta.index ?? 0;
}

/** A V1 tool call assembled from `tool-calls-chunk` fragments: its name and its parameters' JSON text so far. */
export interface ToolCallChunks {
  /** The tool's name: the first non-empty name a chunk of the call carried. */
  readonly name: string;
  /** The parameters' JSON text streamed so far. */
  readonly parameters: string;
}

/**
 * V1: the call with a chunk folded in: the first non-empty name a chunk carries is the call's,
 * and the chunk's `parameters` fragment is appended.
 */
export function withChunk(call: ToolCallChunks | undefined, delta: ToolCallDelta): ToolCallChunks {
  return { name: call?.name || (delta.name ?? ''), parameters: (call?.parameters ?? '') + (delta.parameters ?? '') };
}
