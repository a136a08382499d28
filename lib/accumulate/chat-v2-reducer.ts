/**
 * The reducer of V2 chat streams: {@link reduceChat}, pure, behind `chatSnapshots()` (each event
 * gives a new {@link ChatSnapshot}); its in-place variant behind `accumulateChat()`; and
 * {@link toChatResponse}, which turns a complete snapshot into the {@link ChatResponse} the
 * non-streamed endpoint would have returned.
 *
 * @module
 */
import { chatV2 } from '../decoding/protocols';
import type { ChatResponse } from '../decoding/schemas/chat-response';
import type { V2TextContent, V2ThinkingContent } from '../requests/v2-chat-request';
import type { ChatFinishReason, ChatV2Event, Citation, LogprobItem, ToolCallV2, Usage } from '../decoding/schemas/v2-chat-events';
import { isErrorFinish } from '../decoding/schemas/finish-reasons';
import { FinishReasonError, StreamOrderError } from '../errors/index';
import type { Fold } from './complete-stream';
import { appended, inIndexOrder, NO_ITEMS, positionOf, replaced, type IndexedItems } from './indexed-items';
import { startedCall, withArgumentsDelta } from './tool-calls';

/** A content block of the assistant message: answer text, or a reasoning model's thinking. */
export type ChatContentBlock = V2TextContent | V2ThinkingContent;

/**
 * The log probabilities received so far, newest first, as an immutable chain: appending one is
 * O(1) and shares everything before it. {@link logprobsOf} lists them in order.
 */
export interface LogprobTrail {
  /** The newest item. */
  readonly item: LogprobItem;
  /** The items before it, or `undefined` for the first. */
  readonly before: LogprobTrail | undefined;
  /** How many items the chain holds. */
  readonly count: number;
}

/**
 * The assistant message as assembled so far. Content blocks, tool calls and citations are listed
 * in the order they arrived (their `index` order in every real stream); {@link ChatSnapshot.indexes}
 * gives the wire `index` of each, and {@link toChatResponse} puts them in `index` order.
 */
export interface ChatSnapshotMessage {
  /** Always `assistant`. */
  readonly role: 'assistant';
  /** Content blocks: text and thinking kept apart. */
  readonly content: readonly ChatContentBlock[];
  /** The tool plan streamed so far (`''` when there is none). */
  readonly tool_plan: string;
  /** Tool calls; `function.arguments` holds the JSON text streamed so far. */
  readonly tool_calls: readonly ToolCallV2[];
  /** Citations, wherever they arrived in the stream. */
  readonly citations: readonly Citation[];
}

/** The wire `index` of each content block, tool call and citation of a {@link ChatSnapshotMessage}, position by position. */
export interface ChatSnapshotIndexes {
  /** `index` of `message.content[i]` (a missing `index` is 0). */
  readonly content: readonly number[];
  /** `index` of `message.tool_calls[i]`. */
  readonly tool_calls: readonly number[];
  /** `index` of `message.citations[i]` (a citation without one gets the next ordinal). */
  readonly citations: readonly number[];
}

/**
 * A V2 chat stream assembled so far: what `chatSnapshots()` emits after every event and what an
 * `IncompleteStreamError` carries as `partial`. Snapshots are immutable and share their unchanged
 * parts with the previous one; text grows by string concatenation, so a stream of a million
 * deltas stays linear in time and memory.
 */
export interface ChatSnapshot {
  /** The response id from `message-start` (or `message-end`), `undefined` until one arrives. */
  readonly id: string | undefined;
  /** The assistant message so far: content blocks, tool plan, tool calls, citations. */
  readonly message: ChatSnapshotMessage;
  /** The wire `index` of each content block, tool call and citation of `message`. */
  readonly indexes: ChatSnapshotIndexes;
  /** From `message-end`. */
  readonly finish_reason: ChatFinishReason | undefined;
  /** From `message-end`. */
  readonly usage: Usage | undefined;
  /** `message-end`'s error message, when generation failed inside the stream. */
  readonly error: string | undefined;
  /** The log probabilities of the content deltas (only when the request sets `logprobs: true`). */
  readonly logprobs: LogprobTrail | undefined;
  /** Whether `message-end` has arrived. */
  readonly complete: boolean;
}

/** The snapshot before any event: the seed for `scan(reduceChat, emptyChatSnapshot)`. */
export const emptyChatSnapshot: ChatSnapshot = Object.freeze({
  id: undefined,
  message: Object.freeze({ role: 'assistant', content: NO_ITEMS, tool_plan: '', tool_calls: NO_ITEMS, citations: NO_ITEMS }),
  indexes: Object.freeze({ content: NO_ITEMS, tool_calls: NO_ITEMS, citations: NO_ITEMS }),
  finish_reason: undefined,
  usage: undefined,
  error: undefined,
  logprobs: undefined,
  complete: false,
});

function notStarted(snapshot: ChatSnapshot, eventType: string, index: number, start: string): StreamOrderError<ChatSnapshot> {
  return new StreamOrderError({
    protocol: 'chatV2',
    reason: 'not-started',
    eventType,
    index,
    expected: `a "${start}" with index ${index} first`,
    partial: snapshot,
  });
}

function indexOf(event: ChatV2Event): number | undefined {
  const { index } = event as { index?: unknown };
  return typeof index === 'number' ? index : undefined;
}

/** The three lists a message holds by index. */
type Lists = 'content' | 'tool_calls' | 'citations';

/** A list of the message with its indexes, for the helpers of indexed-items. */
function listOf<K extends Lists>(snapshot: ChatSnapshot, key: K): IndexedItems<ChatSnapshotMessage[K][number]> {
  return { items: snapshot.message[key], indexes: snapshot.indexes[key] };
}

/** The snapshot with list `key` replaced (a start event: new or restarted item). */
function withList<K extends Lists>(snapshot: ChatSnapshot, key: K, list: IndexedItems<ChatSnapshotMessage[K][number]>): ChatSnapshot {
  return {
    ...snapshot,
    message: { ...snapshot.message, [key]: list.items },
    indexes: { ...snapshot.indexes, [key]: list.indexes },
  };
}

/** The snapshot with the item at `index` of list `key` set: replaced where it is, or added last. */
function put<K extends Lists>(snapshot: ChatSnapshot, key: K, index: number, item: ChatSnapshotMessage[K][number], owned: boolean): ChatSnapshot {
  const list = listOf(snapshot, key);
  const position = positionOf(list.indexes, index);
  const next = position < 0 ? appended(list, index, item, owned) : { items: replaced(list.items, position, item, owned), indexes: list.indexes };
  if (owned && next.items === list.items) return snapshot;
  return withList(snapshot, key, next);
}

// The two builders below serve the hot path (one call per delta): literals of a fixed shape
// are several times cheaper than object spread.
function messageOf(
  message: ChatSnapshotMessage,
  content: ChatSnapshotMessage['content'],
  tool_plan: string,
  tool_calls: ChatSnapshotMessage['tool_calls'],
): ChatSnapshotMessage {
  return { role: 'assistant', content, tool_plan, tool_calls, citations: message.citations };
}

function snapshotOf(snapshot: ChatSnapshot, message: ChatSnapshotMessage, logprobs: LogprobTrail | undefined): ChatSnapshot {
  const { id, indexes, finish_reason, usage, error, complete } = snapshot;
  return { id, message, indexes, finish_reason, usage, error, logprobs, complete };
}

/**
 * Folds one V2 chat event into a snapshot, returning a new snapshot and leaving `snapshot`
 * untouched. Use it with `scan` for your own snapshots: `events$.pipe(scan(reduceChat, emptyChatSnapshot))`.
 *
 * 1. `message-start` starts the answer: it sets `id`; a `message-start` after other events starts
 *    the answer over (a whole-stream retry resent it), from the empty snapshot. `message-end`
 *    sets `finish_reason`, `usage`, `error` (and `id` when `message-start` gave none) and marks
 *    the snapshot complete.
 * 2. `content-start` opens block `index` (a missing `index` is 0) as `thinking` when its type
 *    says so, else as `text` (a second start of the same index starts that block over);
 *    `content-delta` appends its `text` (or `thinking`) to the block.
 * 3. `tool-plan-delta` appends to `tool_plan`; `tool-call-start` opens call `index` with its id,
 *    type and function name; `tool-call-delta` appends to its `function.arguments` text.
 * 4. `citation-start` stores citation `index` whenever it arrives, between deltas, after the last
 *    delta or after `content-end`; each citation keeps its `content_index` and sources.
 * 5. Items are listed in arrival order with their `index` in `indexes`; any index value costs
 *    one entry. Each change gives new arrays for the list it changes (O(k) for k items: the
 *    operators bound k with `maxItems`); the other lists are shared with the previous snapshot.
 * 6. Tolerated, because real streams may do it: a `content-delta` after its `content-end` (it is
 *    appended), `citation-end`/`content-end`/`tool-call-end` without payload, and `debug` events
 *    (ignored).
 *
 * @throws {@link StreamOrderError} `not-started` for a `content-delta`, `content-end`,
 *   `tool-call-delta` or `tool-call-end` whose block or call was never started, and
 *   `after-terminal` for any event after `message-end`.
 */
export function reduceChat(snapshot: ChatSnapshot, event: ChatV2Event): ChatSnapshot {
  return fold(snapshot, event, false);
}

/**
 * {@link reduceChat} for a fold that never shows its snapshots to anyone (`accumulateChat()`): it
 * changes the lists of its own snapshot in place and finds an index through a map, O(1) per
 * event whatever the index values and item counts. The value it folds to is the same.
 *
 * @internal
 */
export function reduceChatInPlace(snapshot: ChatSnapshot, event: ChatV2Event): ChatSnapshot {
  return fold(snapshot, event, true);
}

function fold(snapshot: ChatSnapshot, event: ChatV2Event, owned: boolean): ChatSnapshot {
  if (snapshot.complete) {
    throw new StreamOrderError({
      protocol: 'chatV2',
      reason: 'after-terminal',
      eventType: event.type,
      index: indexOf(event),
      expected: 'the end of the stream after "message-end"',
      partial: snapshot,
    });
  }
  switch (event.type) {
    case 'content-delta': {
      const index = event.index ?? 0;
      const { message } = snapshot;
      const position = positionOf(snapshot.indexes.content, index);
      const block = message.content[position];
      if (block === undefined) throw notStarted(snapshot, event.type, index, 'content-start');
      const piece = event.delta?.message?.content;
      // A fold that shows no snapshot owns its blocks (its own content-start made them): the
      // text grows in place, one string concatenation and no new object per delta.
      if (owned && event.logprobs == null) {
        if (block.type === 'thinking') (block as { thinking: string }).thinking += piece?.thinking ?? '';
        else (block as { text: string }).text += piece?.text ?? '';
        return snapshot;
      }
      const next: ChatContentBlock =
        block.type === 'thinking'
          ? { type: 'thinking', thinking: block.thinking + (piece?.thinking ?? '') }
          : { type: 'text', text: block.text + (piece?.text ?? '') };
      const content = replaced(message.content, position, next, owned);
      const logprobs =
        event.logprobs == null ? snapshot.logprobs : { item: event.logprobs, before: snapshot.logprobs, count: (snapshot.logprobs?.count ?? 0) + 1 };
      return snapshotOf(snapshot, messageOf(message, content, message.tool_plan, message.tool_calls), logprobs);
    }
    case 'content-start': {
      const content = event.delta?.message?.content;
      const block: ChatContentBlock =
        content?.type === 'thinking' ? { type: 'thinking', thinking: content.thinking ?? '' } : { type: 'text', text: content?.text ?? '' };
      return put(snapshot, 'content', event.index ?? 0, block, owned);
    }
    case 'content-end':
      if (positionOf(snapshot.indexes.content, event.index ?? 0) < 0) throw notStarted(snapshot, event.type, event.index ?? 0, 'content-start');
      return snapshot;
    case 'tool-plan-delta': {
      const { message } = snapshot;
      return snapshotOf(
        snapshot,
        messageOf(message, message.content, message.tool_plan + (event.delta?.message?.tool_plan ?? ''), message.tool_calls),
        snapshot.logprobs,
      );
    }
    case 'tool-call-start':
      return put(snapshot, 'tool_calls', event.index ?? 0, startedCall(event), owned);
    case 'tool-call-delta': {
      const index = event.index ?? 0;
      const { message } = snapshot;
      const position = positionOf(snapshot.indexes.tool_calls, index);
      const call = message.tool_calls[position];
      if (call === undefined) throw notStarted(snapshot, event.type, index, 'tool-call-start');
      const toolCalls = replaced(message.tool_calls, position, withArgumentsDelta(call, event), owned);
      if (owned) return snapshot;
      return snapshotOf(snapshot, messageOf(message, message.content, message.tool_plan, toolCalls), snapshot.logprobs);
    }
    case 'tool-call-end':
      if (positionOf(snapshot.indexes.tool_calls, event.index ?? 0) < 0) throw notStarted(snapshot, event.type, event.index ?? 0, 'tool-call-start');
      return snapshot;
    case 'citation-start': {
      const citation = event.delta?.message?.citations;
      if (citation == null) return snapshot;
      return put(snapshot, 'citations', event.index ?? snapshot.message.citations.length, citation, owned);
    }
    case 'message-start':
      return { ...emptyChatSnapshot, id: event.id ?? undefined };
    case 'message-end':
      return {
        ...snapshot,
        id: snapshot.id ?? event.id ?? undefined,
        finish_reason: event.delta?.finish_reason ?? undefined,
        usage: event.delta?.usage ?? undefined,
        error: event.delta?.error ?? undefined,
        complete: true,
      };
    case 'citation-end':
    case 'debug':
      return snapshot;
  }
}

/** The log probabilities of a snapshot, in stream order. */
export function logprobsOf(snapshot: ChatSnapshot): LogprobItem[] {
  const items: LogprobItem[] = new Array<LogprobItem>(snapshot.logprobs?.count ?? 0);
  for (let link = snapshot.logprobs; link !== undefined; link = link.before) items[link.count - 1] = link.item;
  return items;
}

/**
 * The {@link ChatResponse} of a snapshot: content blocks, tool calls and citations in index
 * order (sorted once, here); `tool_plan`, `tool_calls`, `citations`, `usage`, `logprobs` and `error`
 * only when the stream carried them, as in the non-streamed response. A snapshot without an id
 * gets `''`; one whose `message-end` gave no finish reason gets `ERROR` when it carried an error,
 * else `COMPLETE`.
 */
export function toChatResponse(snapshot: ChatSnapshot): ChatResponse {
  const { message } = snapshot;
  const toolCalls = inIndexOrder(listOf(snapshot, 'tool_calls'));
  const citations = inIndexOrder(listOf(snapshot, 'citations'));
  return {
    id: snapshot.id ?? '',
    finish_reason: snapshot.finish_reason ?? (snapshot.error === undefined ? 'COMPLETE' : 'ERROR'),
    message: {
      role: 'assistant',
      content: inIndexOrder(listOf(snapshot, 'content')),
      ...(message.tool_plan === '' ? {} : { tool_plan: message.tool_plan }),
      ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
      ...(citations.length === 0 ? {} : { citations }),
    },
    ...(snapshot.usage === undefined ? {} : { usage: snapshot.usage }),
    ...(snapshot.logprobs === undefined ? {} : { logprobs: logprobsOf(snapshot) }),
    ...(snapshot.error === undefined ? {} : { error: snapshot.error }),
  };
}

/** How `chatSnapshots()` folds a V2 chat stream: every snapshot is shown, so each is new. @internal */
export const chatV2Fold: Fold<ChatV2Event, ChatSnapshot, ChatResponse> = {
  protocol: chatV2,
  seed: emptyChatSnapshot,
  reduce: reduceChat,
  result: toChatResponse,
  items: ({ message }) => message.content.length + message.tool_calls.length + message.citations.length,
  failure: (response) =>
    isErrorFinish('chatV2', response.finish_reason)
      ? new FinishReasonError({ protocol: 'chatV2', finishReason: response.finish_reason, modelMessage: response.error ?? undefined, response })
      : undefined,
};

/** How `accumulateChat()` folds a V2 chat stream: only the final value is shown, so deltas update in place. @internal */
export const chatV2FinalFold: Fold<ChatV2Event, ChatSnapshot, ChatResponse> = {
  ...chatV2Fold,
  reduce: reduceChatInPlace,
};
