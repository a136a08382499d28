import type { OperatorFunction } from 'rxjs';
import { chatV1Fold, type ChatV1Snapshot } from '../lib/accumulate/chat-v1-reducer';
import { chatV2Fold, type ChatSnapshot } from '../lib/accumulate/chat-v2-reducer';
import { DEFAULT_SNAPSHOT_MAX_ITEMS, scanStream, type FoldOptions, type Folds } from '../lib/accumulate/complete-stream';
import type { UnknownEvent } from '../lib/decoding/decoder';
import type { ChatEvent } from '../lib/decoding/protocols';
import type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../lib/decoding/schemas/v2-chat-events';
import type { StreamResponse } from '../lib/models/index';

/** The snapshot of a chat stream: a {@link ChatSnapshot} for V2 events, a {@link ChatV1Snapshot} for V1 and AWS events. */
export type SnapshotOf<E> = E extends ChatV2Event ? ChatSnapshot : E extends ChatV1Event | StreamResponse ? ChatV1Snapshot : never;

/**
 * The chat assembled so far, after every event: for UIs (an Angular signal, the `async` pipe).
 *
 * <span class="informal">The same reducer as {@link accumulateChat}, as a `scan`: one immutable
 * snapshot per event, the last one `complete`.</span>
 *
 * ```text
 * source:  -s-b-d-d-e-|
 * > chatSnapshots()
 * result:  -A-B-C-D-E-|
 *
 * s: message-start   b: content-start   d: content-delta ('Hel', then 'lo')   e: message-end
 * A: no content   B: text ''   C: text 'Hel'   D: text 'Hello'   E: text 'Hello', complete: true
 * ```
 *
 * 1. V2 events give {@link ChatSnapshot}s (text in `message.content[i].text`, tool calls,
 *    citations, usage), V1 and AWS events give {@link ChatV1Snapshot}s (`text`, `tool_plan`,
 *    citations, documents, tool calls); the family is chosen by the first event.
 * 2. An event that changes the chat gives a new snapshot object (one that changes nothing, such
 *    as `content-end` or `citation-end`, emits the previous object again); earlier snapshots are
 *    never changed. Unchanged parts are shared and text grows by string concatenation, so no
 *    event copies the whole text: a stream of a million deltas stays linear in time and memory.
 *    Keep only the snapshots you need.
 * 3. The last snapshot has `complete: true`; it is emitted once the final value checks out (see
 *    {@link accumulateChat} for the errors). A source that completes before the terminal event,
 *    or is cut after events arrived (the cut then being `cause`), errors with
 *    {@link IncompleteStreamError}, carrying the last snapshot as `partial`.
 * 4. Unknown events (`unknownEvents: 'emit'`) are skipped and emit nothing.
 *
 * ## Example
 *
 * ```ts
 * import { map } from 'rxjs';
 * import { chatSnapshots, chatStream, responseText } from 'cohere-rx';
 *
 * const text$ = chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }).pipe(
 *   chatSnapshots(),
 *   map(responseText),
 * );
 * ```
 *
 * @see {@link accumulateChat} for the final value only.
 * @param options `maxItems`: the most content blocks, tool calls and citations a stream may place;
 *   `modelErrors`: whether an answer whose finish reason says the model failed is an error (the default) or a value.
 * @returns An operator from chat events to snapshots.
 * @throws {@link IncompleteStreamError}, {@link StreamOrderError}, {@link TextMismatchError} as error notifications.
 */
export function chatSnapshots<E extends ChatEvent | StreamResponse | UnknownEvent>(options: FoldOptions = {}): OperatorFunction<E, SnapshotOf<E>> {
  const folds: Folds<ChatEvent, ChatSnapshot | ChatV1Snapshot, unknown> = [chatV2Fold, chatV1Fold];
  return scanStream(folds, { ...options, maxItems: options.maxItems ?? DEFAULT_SNAPSHOT_MAX_ITEMS }) as OperatorFunction<E, SnapshotOf<E>>;
}
