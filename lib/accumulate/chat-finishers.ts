/**
 * How `accumulateChat()` and `chatSnapshots()` finish a chat stream of either family: V2 events
 * (discriminated by `type`) with {@link reduceChat}, V1 and AWS events (by `event_type`) with
 * {@link reduceChatV1}. The family is chosen by the first event of each subscription.
 *
 * @module
 */
import type { Chat } from '../models/chat-models';
import { emptyChatV1Snapshot, reduceChatV1, toChat, type ChatV1Snapshot } from './chat-v1-reducer';
import { emptyChatSnapshot, reduceChat, reduceChatInPlace, toChatResponse, type ChatSnapshot } from './chat-v2-reducer';
import type { Finisher } from './finish-stream';
import { streamName, V2_STREAM, type StreamName } from './require-terminal';
import type { ChatResponse } from '../decoding/schemas/chat-response';
import type { ChatV1Event } from '../decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../decoding/schemas/v2-chat-events';

/** An event of either chat family. */
export type ChatEvent = ChatV2Event | ChatV1Event;

/** A chat stream of either family, before its first event told which. @internal */
export const CHAT_STREAM: StreamName = { protocol: 'chat', expected: 'message-end" or "stream-end' };

/** A V1 chat stream (api.cohere.com `v1/chat`, Command R / R+ on AWS). @internal */
export const CHAT_V1_STREAM: StreamName = { protocol: 'chatV1', expected: 'stream-end' };

/** The name of a chat stream, told by its first event. @internal */
export const chatStreamName = (first: object | undefined): StreamName => streamName(first, CHAT_V1_STREAM, CHAT_STREAM);

const isV2 = (event: ChatEvent): event is ChatV2Event => typeof (event as { type?: unknown }).type === 'string';

const v2 = (reduce: typeof reduceChat): Finisher<ChatEvent, ChatSnapshot, ChatResponse> => ({
  ...V2_STREAM,
  seed: emptyChatSnapshot,
  // An event of the other family is as good as unknown: it never breaks the stream.
  reduce: (snapshot, event) => (isV2(event) ? reduce(snapshot, event) : snapshot),
  isComplete: (snapshot) => snapshot.complete,
  result: toChatResponse,
});
const v2Snapshots = v2(reduceChat);
const v2InPlace = v2(reduceChatInPlace);

const v1: Finisher<ChatEvent, ChatV1Snapshot, Chat> = {
  ...CHAT_V1_STREAM,
  seed: emptyChatV1Snapshot,
  reduce: (snapshot, event) => (isV2(event) ? snapshot : reduceChatV1(snapshot, event)),
  isComplete: (snapshot) => snapshot.complete,
  result: toChat,
};

/** A chat finisher, of the family of a stream's first event. @internal */
export type ChatFinisher = Finisher<ChatEvent, ChatSnapshot | ChatV1Snapshot, ChatResponse | Chat>;

/** The finisher for a stream whose first event is `first`, whose snapshots are all shown (`chatSnapshots()`). @internal */
export function chatFinisher(first: ChatEvent): ChatFinisher {
  return (isV2(first) ? v2Snapshots : v1) as ChatFinisher;
}

/** The same, for a fold that shows only its final value (`accumulateChat()`): V2 deltas update in place. @internal */
export function finalChatFinisher(first: ChatEvent): ChatFinisher {
  return (isV2(first) ? v2InPlace : v1) as ChatFinisher;
}
