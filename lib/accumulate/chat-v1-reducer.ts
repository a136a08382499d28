/**
 * The reducer of V1 chat streams (`POST /v1/chat`, Command R / R+ on AWS Bedrock and SageMaker):
 * {@link reduceChatV1}, pure, behind `chatSnapshots()` (each event gives a new
 * {@link ChatV1Snapshot}); its in-place variant behind `accumulateChat()`; and {@link toChat},
 * which turns a complete snapshot into a {@link Chat}.
 *
 * @module
 */
import { chatV1 } from '../decoding/protocols';
import { Chat } from '../models/index';
import type { JsonObject } from '../decoding/schemas/shared';
import type {
  BedrockInvocationMetrics,
  ChatCitation,
  ChatV1Event,
  NonStreamedChatResponse,
  SearchQuery,
  SearchResult,
  ToolCallV1,
} from '../decoding/schemas/v1-chat-events';
import { isErrorFinish } from '../decoding/schemas/finish-reasons';
import { FinishReasonError, StreamOrderError, TextMismatchError } from '../errors/index';
import type { Fold } from './complete-stream';
import { parseToolArguments } from './tool-call-arguments';
import { appended, inIndexOrder, NO_ITEMS, positionOf, replaced } from './indexed-items';
import { callDeltaOf, chunkIndex, withChunk, type ToolCallChunks } from './tool-calls';

/**
 * A V1 chat stream assembled so far: what `chatSnapshots()` emits after every event and what an
 * `IncompleteStreamError` carries as `partial`. Snapshots are immutable and share their unchanged
 * parts with the previous one; text grows by string concatenation.
 */
export interface ChatV1Snapshot {
  /** From `stream-start` (absent on Bedrock). */
  readonly generation_id: string | undefined;
  /** The answer text from `text-generation` events. */
  readonly text: string;
  /** The tool plan: `tool-calls-chunk` plan text, replaced by `tool-calls-generation`'s `text`. */
  readonly tool_plan: string;
  /** Every `citation-generation` event's citations, in arrival order. */
  readonly citations: readonly ChatCitation[];
  /** From `search-results`. */
  readonly documents: readonly JsonObject[];
  /** From `search-queries-generation`. */
  readonly search_queries: readonly SearchQuery[];
  /** From `search-results`. */
  readonly search_results: readonly SearchResult[];
  /** The complete tool calls of `tool-calls-generation`. */
  readonly tool_calls: readonly ToolCallV1[];
  /** Tool calls assembled from `tool-calls-chunk` fragments, in arrival order. */
  readonly tool_call_chunks: readonly ToolCallChunks[];
  /** The `tool_call_delta.index` of each of `tool_call_chunks`, position by position (a missing index is 0). */
  readonly tool_call_chunk_indexes: readonly number[];
  /** From `stream-end`. */
  readonly finish_reason: string | undefined;
  /** `stream-end`'s complete response, when it carries one. */
  readonly response: NonStreamedChatResponse | undefined;
  /** The usage and latency Bedrock adds to the last chunk. */
  readonly invocation_metrics: BedrockInvocationMetrics | undefined;
  /** Whether the terminal event (`stream-end`, or any event with `is_finished: true`) has arrived. */
  readonly complete: boolean;
}

/** The snapshot before any event: the seed for `scan(reduceChatV1, emptyChatV1Snapshot)`. */
export const emptyChatV1Snapshot: ChatV1Snapshot = Object.freeze({
  generation_id: undefined,
  text: '',
  tool_plan: '',
  citations: NO_ITEMS,
  documents: NO_ITEMS,
  search_queries: NO_ITEMS,
  search_results: NO_ITEMS,
  tool_calls: NO_ITEMS,
  tool_call_chunks: NO_ITEMS,
  tool_call_chunk_indexes: NO_ITEMS,
  finish_reason: undefined,
  response: undefined,
  invocation_metrics: undefined,
  complete: false,
});

/**
 * Folds one V1 chat event into a snapshot, returning a new snapshot and leaving `snapshot`
 * untouched. Use it with `scan` for your own snapshots: `events$.pipe(scan(reduceChatV1, emptyChatV1Snapshot))`.
 *
 * 1. `stream-start` sets `generation_id`; a `stream-start` after other events starts the answer
 *    over (a whole-stream retry resent it), from the empty snapshot.
 * 2. `text-generation` appends to `text`; `citation-generation` appends its citations;
 *    `search-queries-generation` and `search-results` set the queries, results and documents.
 * 3. `tool-calls-chunk` appends plan text (`tool_call_delta.text`, or a top-level `text`) to
 *    `tool_plan` and parameter fragments to call `tool_call_delta.index` (a missing index is 0;
 *    the call is named by the first chunk that names it), listed in arrival order with their
 *    indexes in `tool_call_chunk_indexes`; `tool-calls-generation` sets the complete
 *    `tool_calls` and the whole plan. Each change gives new arrays for what it changes (O(k)
 *    for k items: the operators bound k with `maxItems`).
 * 4. `stream-end` (or any event with `is_finished: true`) sets `finish_reason`, the `response`
 *    and Bedrock's invocation metrics, and marks the snapshot complete.
 * 5. Tolerated, because real streams do it: no `stream-start` (Bedrock), `tool-calls-generation`
 *    with or without chunks before it, and `debug` events (ignored).
 *
 * @throws {@link StreamOrderError} `after-terminal` for any event after the terminal one.
 */
export function reduceChatV1(snapshot: ChatV1Snapshot, event: ChatV1Event): ChatV1Snapshot {
  return fold(snapshot, event, false);
}

/**
 * {@link reduceChatV1} for a fold that never shows its snapshots to anyone (`accumulateChat()`):
 * it appends text to its own snapshot and citations and tool-call chunks to its own arrays in
 * place, O(1) per event whatever the item counts. The value it folds to is the same.
 *
 * @internal
 */
export function reduceChatV1InPlace(snapshot: ChatV1Snapshot, event: ChatV1Event): ChatV1Snapshot {
  return fold(snapshot, event, true);
}

function fold(snapshot: ChatV1Snapshot, event: ChatV1Event, owned: boolean): ChatV1Snapshot {
  if (snapshot.complete) {
    throw new StreamOrderError({
      protocol: 'chatV1',
      reason: 'after-terminal',
      eventType: event.event_type,
      expected: 'the end of the stream after "stream-end"',
      partial: snapshot,
    });
  }
  const next = apply(snapshot, event, owned);
  return chatV1.isTerminal(event) && !next.complete ? { ...next, complete: true } : next;
}

/** `items` with `added` after them: in place when the fold owns them (not the frozen seed's), else a new array. */
function concatenated<T>(items: readonly T[], added: readonly T[], owned: boolean): readonly T[] {
  if (!owned || Object.isFrozen(items)) return items.concat(added);
  for (const item of added) (items as T[]).push(item);
  return items;
}

function apply(snapshot: ChatV1Snapshot, event: ChatV1Event, owned: boolean): ChatV1Snapshot {
  switch (event.event_type) {
    case 'text-generation':
      // A fold that shows no snapshot owns every snapshot but the frozen seed: the text grows
      // in place, one string concatenation and no new object per delta.
      if (owned && !Object.isFrozen(snapshot)) {
        (snapshot as { text: string }).text += event.text ?? '';
        return snapshot;
      }
      return { ...snapshot, text: snapshot.text + (event.text ?? '') };
    case 'citation-generation':
      return event.citations == null ? snapshot : { ...snapshot, citations: concatenated(snapshot.citations, event.citations, owned) };
    case 'stream-start':
      // A stream starts once: a `stream-start` after other events starts the answer over (a whole-stream retry resent it).
      return { ...emptyChatV1Snapshot, generation_id: event.generation_id ?? undefined };
    case 'search-queries-generation':
      return { ...snapshot, search_queries: event.search_queries ?? snapshot.search_queries };
    case 'search-results':
      return { ...snapshot, search_results: event.search_results ?? snapshot.search_results, documents: event.documents ?? snapshot.documents };
    case 'tool-calls-chunk': {
      const plan = event.tool_call_delta == null ? event.text : event.tool_call_delta.text;
      const delta = callDeltaOf(event);
      if (delta === undefined) return plan == null ? snapshot : { ...snapshot, tool_plan: snapshot.tool_plan + plan };
      const index = chunkIndex(delta);
      const list = { items: snapshot.tool_call_chunks, indexes: snapshot.tool_call_chunk_indexes };
      const position = positionOf(list.indexes, index);
      const call = withChunk(snapshot.tool_call_chunks[position], delta);
      const next = position < 0 ? appended(list, index, call, owned) : { items: replaced(list.items, position, call, owned), indexes: list.indexes };
      return { ...snapshot, tool_plan: snapshot.tool_plan + (plan ?? ''), tool_call_chunks: next.items, tool_call_chunk_indexes: next.indexes };
    }
    case 'tool-calls-generation':
      return { ...snapshot, tool_calls: event.tool_calls ?? snapshot.tool_calls, tool_plan: event.text ?? snapshot.tool_plan };
    case 'stream-end':
      return {
        ...snapshot,
        finish_reason: event.finish_reason ?? event.response?.finish_reason ?? undefined,
        response: event.response ?? undefined,
        invocation_metrics: event['amazon-bedrock-invocationMetrics'] ?? undefined,
        complete: true,
      };
    case 'debug':
      return snapshot;
  }
}

/** The tool calls of a snapshot: `tool-calls-generation`'s, else those assembled from chunks. */
function toolCallsOf(snapshot: ChatV1Snapshot): readonly ToolCallV1[] {
  if (snapshot.tool_calls.length > 0) return snapshot.tool_calls;
  const chunks = inIndexOrder({ items: snapshot.tool_call_chunks.map((call, position) => ({ call, position })), indexes: snapshot.tool_call_chunk_indexes });
  return chunks.map(({ call, position }) => ({
    name: call.name,
    parameters: parseToolArguments(call.parameters, { toolName: call.name, index: snapshot.tool_call_chunk_indexes[position] ?? 0 }),
  }));
}

/**
 * The {@link Chat} of a complete snapshot.
 *
 * When `stream-end` carried a `response` (api.cohere.com), the response is the source of truth:
 * its members win, read as `Chat.fromDict` reads them, and its `text` must equal the text the
 * deltas carried (the tool plan, for a turn that only calls tools); a turn that only calls tools
 * and carried no plan text (the typed stream responses of `streamingChat` do not carry it) has
 * nothing to check it against, and the response's text stands. When it did not (AWS
 * variants), the value is built from the events. Either way the value is read by `Chat.fromDict`,
 * so members the stream never carried (or sent as `null`) are left out, Bedrock's invocation metrics are added when the last chunk carried them, and a
 * stream without a response id gets `response_id: ''`.
 *
 * @throws {@link TextMismatchError} when the response's text differs from the streamed text.
 * @throws {@link ToolCallArgumentsError} when the parameters of a chunk-assembled tool call are not a JSON object.
 */
export function toChat(snapshot: ChatV1Snapshot): Chat {
  const streamed = snapshot.text === '' ? snapshot.tool_plan : snapshot.text;
  const { response } = snapshot;
  const planNotCarried = streamed === '' && snapshot.tool_calls.length > 0;
  if (typeof response?.text === 'string' && !planNotCarried && response.text !== streamed) {
    throw new TextMismatchError({ protocol: 'chatV1', streamed, final: response.text });
  }
  const toolCalls = toolCallsOf(snapshot);
  const some = <T>(items: readonly T[]) => (items.length === 0 ? undefined : items);
  return Chat.fromDict({
    generation_id: snapshot.generation_id,
    text: streamed,
    finish_reason: snapshot.finish_reason,
    citations: some(snapshot.citations),
    documents: some(snapshot.documents),
    search_queries: some(snapshot.search_queries),
    search_results: some(snapshot.search_results),
    tool_calls: some(toolCalls),
    ...response,
    response_id: response?.response_id ?? '',
    'amazon-bedrock-invocationMetrics': snapshot.invocation_metrics,
  });
}

/** How `chatSnapshots()` folds a V1 chat stream: every snapshot is shown, so each is new. @internal */
export const chatV1Fold: Fold<ChatV1Event, ChatV1Snapshot, Chat> = {
  protocol: chatV1,
  seed: emptyChatV1Snapshot,
  reduce: reduceChatV1,
  result: toChat,
  items: (snapshot) => snapshot.citations.length + snapshot.tool_call_chunks.length,
  failure: (chat) =>
    chat.finish_reason !== undefined && isErrorFinish('chatV1', chat.finish_reason)
      ? new FinishReasonError({ protocol: 'chatV1', finishReason: chat.finish_reason, modelMessage: undefined, response: chat })
      : undefined,
};

/** How `accumulateChat()` folds a V1 chat stream: only the final value is shown, so lists grow in place. @internal */
export const chatV1FinalFold: Fold<ChatV1Event, ChatV1Snapshot, Chat> = { ...chatV1Fold, reduce: reduceChatV1InPlace };
