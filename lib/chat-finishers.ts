/**
 * How `accumulateChat()` and `chatSnapshots()` finish a chat stream of either family: V2 events
 * (discriminated by `type`) with {@link reduceChat}, V1 and AWS events (by `event_type`) with
 * {@link reduceChatV1}. The family is chosen by the first event of each subscription.
 *
 * @module
 */
import type { Chat } from './aws-models';
import { emptyChatV1Snapshot, reduceChatV1, toChat, type ChatV1Snapshot } from './chat-v1-reducer';
import { emptyChatSnapshot, reduceChat, toChatResponse, type ChatSnapshot } from './chat-v2-reducer';
import type { EmptyStream, Finisher } from './finish-stream';
import type { ChatResponse } from './schemas/chat-response';
import type { ChatV1Event } from './schemas/v1-chat-events';
import type { ChatV2Event } from './schemas/v2-chat-events';

/** An event of either chat family. */
export type ChatEvent = ChatV2Event | ChatV1Event;

/** What the chat operators say about a stream in which no event arrived. @internal */
export const emptyChat: EmptyStream = { protocol: 'chat', expected: 'message-end" or "stream-end' };

const isV2 = (event: ChatEvent): event is ChatV2Event => typeof (event as { type?: unknown }).type === 'string';

const v2: Finisher<ChatEvent, ChatSnapshot, ChatResponse> = {
  protocol: 'chatV2',
  expected: 'message-end',
  seed: emptyChatSnapshot,
  // An event of the other family is as good as unknown: it never breaks the stream.
  reduce: (snapshot, event) => (isV2(event) ? reduceChat(snapshot, event) : snapshot),
  isComplete: (snapshot) => snapshot.complete,
  result: toChatResponse,
};

const v1: Finisher<ChatEvent, ChatV1Snapshot, Chat> = {
  protocol: 'chatV1',
  expected: 'stream-end',
  seed: emptyChatV1Snapshot,
  reduce: (snapshot, event) => (isV2(event) ? snapshot : reduceChatV1(snapshot, event)),
  isComplete: (snapshot) => snapshot.complete,
  result: toChat,
};

/** The finisher for a stream whose first event is `first`. @internal */
export function chatFinisher(first: ChatEvent): Finisher<ChatEvent, ChatSnapshot | ChatV1Snapshot, ChatResponse | Chat> {
  return (isV2(first) ? v2 : v1) as Finisher<ChatEvent, ChatSnapshot | ChatV1Snapshot, ChatResponse | Chat>;
}
