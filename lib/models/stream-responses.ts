/**
 * The typed stream responses of the AWS flavour of Cohere's Python SDK: `StreamEvent`, one type
 * per streamed item (`StreamStart`, `StreamTextGeneration`, …, `StreamEnd`) and
 * `streamResponseFromDict`, as its `StreamingChat` yields them.
 *
 * @module
 */
import type * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { JsonObject, opt } from '../decoding/schemas/shared';
import {
  CitationGenerationEvent,
  SearchQueriesGenerationEvent,
  SearchResultsEvent,
  StreamEndEvent,
  StreamStartEvent,
  TextGenerationEvent,
  ToolCallsGenerationEvent,
} from '../decoding/schemas/v1-chat-events';
import { response, responseMembers } from './chat';
import { model, read } from './model-schema';
import { toolCalls } from './tools';

/**
 * The `event_type` values the AWS SDK understands. Mirrors Python `StreamEvent(str, Enum)` as an
 * `as const` object plus a union type, so plain wire strings narrow a {@link StreamResponse}.
 * Python has no `tool-calls-chunk` or `debug` member.
 */
export const StreamEvent = {
  /** The stream began ({@link StreamStart}). */
  STREAM_START: 'stream-start',
  /** The model generated search queries ({@link StreamQueryGeneration}). */
  SEARCH_QUERIES_GENERATION: 'search-queries-generation',
  /** Connectors returned search results ({@link StreamSearchResults}). */
  SEARCH_RESULTS: 'search-results',
  /** A piece of the reply text ({@link StreamTextGeneration}). */
  TEXT_GENERATION: 'text-generation',
  /** The model generated tool calls ({@link ChatToolCallsGenerationEvent}). */
  TOOL_CALLS_GENERATION: 'tool-calls-generation',
  /** Citations for the text so far ({@link StreamCitationGeneration}). */
  CITATION_GENERATION: 'citation-generation',
  /** The stream ended, with the complete response ({@link StreamEnd}). */
  STREAM_END: 'stream-end',
} as const;

/** One of the {@link StreamEvent} values (Python `StreamEvent`). */
export type StreamEvent = (typeof StreamEvent)[keyof typeof StreamEvent];

const streamEndResponse = lazySchema(() => model(response.pick({ ...responseMembers, conversation_id: true, prompt: true })));

/**
 * What Python `StreamingChat` copies from a `stream-end` event's `response` onto itself; a
 * stateless port keeps it on {@link StreamEnd} instead. Pass the raw `response` to
 * {@link Chat.fromDict} for a {@link Chat}.
 *
 * @interface
 */
export type StreamEndResponse = z.output<typeof streamEndResponse>;

/** Per event type: the Python class it becomes and the members it reads. */
const streamModels = {
  'stream-start': ['StreamStart', lazySchema(() => model(StreamStartEvent.pick({ generation_id: true, conversation_id: true })))],
  'search-queries-generation': ['StreamQueryGeneration', lazySchema(() => model(SearchQueriesGenerationEvent.pick({ search_queries: true })))],
  'search-results': ['StreamSearchResults', lazySchema(() => model(SearchResultsEvent.pick({ search_results: true, documents: true })))],
  'text-generation': ['StreamTextGeneration', lazySchema(() => model(TextGenerationEvent.pick({ text: true })))],
  'citation-generation': ['StreamCitationGeneration', lazySchema(() => model(CitationGenerationEvent.pick({ citations: true })))],
  'tool-calls-generation': [
    'ChatToolCallsGenerationEvent',
    lazySchema(() => model(ToolCallsGenerationEvent.extend({ tool_calls: builtSchema(toolCalls) }).pick({ tool_calls: true }))),
  ],
  'stream-end': [
    'StreamEnd',
    lazySchema(() => model(StreamEndEvent.extend({ response: opt(streamEndResponse) }).pick({ finish_reason: true, response: true }))),
  ],
} as const satisfies Record<StreamEvent, readonly [string, z.ZodType]>;

/** Whether `value` is one of the {@link StreamEvent} values (Python: `StreamEvent(value)` succeeds). */
export function isStreamEvent(value: unknown): value is StreamEvent {
  return typeof value === 'string' && Object.hasOwn(streamModels, value);
}

/**
 * What every streamed item carries (Python base class `StreamResponse`): `is_finished` (`true`
 * for {@link StreamEnd} only, set by the kind, not read from the wire), `event_type`, and
 * `index`, the reader's running count of items (not a Cohere field).
 */
export interface StreamResponseBase<E extends StreamEvent = StreamEvent> {
  /** `true` for `stream-end` only. */
  is_finished: E extends 'stream-end' ? true : false;
  /** Which kind of item this is. */
  event_type: E;
  /** The item's 0-based position among the items produced so far. */
  index: number;
}

/** The streamed item of event type `E`: the base members plus what its Python class reads. */
type StreamItem<E extends StreamEvent> = StreamResponseBase<E> & z.output<(typeof streamModels)[E][1]>;

/**
 * The stream began. Mirrors Python `StreamStart`.
 *
 * @interface
 */
export type StreamStart = StreamItem<'stream-start'>;
/**
 * The model generated search queries. Mirrors Python `StreamQueryGeneration`.
 *
 * @interface
 */
export type StreamQueryGeneration = StreamItem<'search-queries-generation'>;
/**
 * Connectors returned search results and documents. Mirrors Python `StreamSearchResults`.
 *
 * @interface
 */
export type StreamSearchResults = StreamItem<'search-results'>;
/**
 * A piece of the reply text. Mirrors Python `StreamTextGeneration`.
 *
 * @interface
 */
export type StreamTextGeneration = StreamItem<'text-generation'>;
/**
 * Citations for the reply so far. Mirrors Python `StreamCitationGeneration`.
 *
 * @interface
 */
export type StreamCitationGeneration = StreamItem<'citation-generation'>;
/**
 * The model generated tool calls (its plan `text` is dropped). Mirrors Python `ChatToolCallsGenerationEvent`.
 *
 * @interface
 */
export type ChatToolCallsGenerationEvent = StreamItem<'tool-calls-generation'>;
/**
 * The stream ended, with its own `finish_reason` and the `response`. Mirrors Python `StreamEnd`.
 *
 * @interface
 */
export type StreamEnd = StreamItem<'stream-end'> & { response: StreamEndResponse };

/** One item of a streamed AWS chat, discriminated by `event_type` (Python `StreamResponse` and its subclasses). */
export type StreamResponse =
  StreamStart | StreamQueryGeneration | StreamSearchResults | StreamTextGeneration | StreamCitationGeneration | ChatToolCallsGenerationEvent | StreamEnd;

/**
 * Builds the typed item for one parsed stream event, as Python
 * `StreamingChat._make_response_item(index, streaming_item)` does.
 *
 * @param obj - One event, parsed from JSON.
 * @param index - The item's running position: how many items were produced before it.
 * @returns `undefined` for an `event_type` that is not a {@link StreamEvent} and for a
 *   `stream-end` without `response` (Python: `None`).
 * @throws {@link ModelFieldError} when `obj` is not an object or a member read has the wrong type.
 * @throws `RangeError` when `index` is not a non-negative safe integer.
 */
export function streamResponseFromDict(obj: unknown, index: number): StreamResponse | undefined {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`streamResponseFromDict: index must be a non-negative integer, received ${String(index)}.`);
  }
  const eventType = read('StreamResponse', JsonObject, obj)['event_type'];
  if (!isStreamEvent(eventType)) return undefined;
  const [name, schema] = streamModels[eventType];
  const fields = read<Record<string, unknown>>(name, schema, obj);
  if (eventType === StreamEvent.STREAM_END && fields['response'] === undefined) return undefined;
  // The item matches `eventType`'s member of the union; TypeScript cannot correlate the two.
  const item = { is_finished: eventType === StreamEvent.STREAM_END, event_type: eventType, index, ...fields };
  return item as StreamResponse;
}

/**
 * Turns parsed stream events into typed items with a running `index`, as Python
 * `StreamingChat.__iter__` does once each chunk is decoded: events that give `undefined` are
 * skipped and do not advance the index.
 *
 * @throws {@link ModelFieldError} as {@link streamResponseFromDict} does.
 */
export function* streamResponsesFromDicts(events: Iterable<unknown>): Generator<StreamResponse, void, undefined> {
  let index = 0;
  for (const event of events) {
    const item = streamResponseFromDict(event, index);
    if (item !== undefined) {
      index += 1;
      yield item;
    }
  }
}
