/**
 * The chat models of the AWS flavour of Cohere's Python SDK (`cohere.manually_maintained.cohere_aws.chat`
 * in `cohere-ai/cohere-python`), read through cohere-rx's V1 chat schemas: what Command R / R+
 * on AWS Bedrock and SageMaker stream, one V1 chat event per chunk.
 *
 * Every model is a plain JSON object with the wire's snake_case names, never a class instance.
 * Its companion `const` holds its constructors (`ToolCall.fromDict`, `Chat.fromDict`), as the
 * Python classes hold `from_dict`.
 *
 * One rule for every constructor:
 *
 * - A model reads only the members its Python class reads, each checked (nested values
 *   included) by its schema in `schemas/v1-chat-events`; other members are left out. Members
 *   of free-form objects (tool `parameters`, `documents`) are kept as they arrived.
 * - A member that is missing or `null` (Python `None`) is left out of the result, never written
 *   as `undefined` or `null`, so a JSON round trip is exact.
 * - A value of the wrong type, whether the input itself or a member read at any depth, throws
 *   {@link ModelFieldError} with the model, the member's path, what was expected and what
 *   arrived. (Python would pass it through untyped, or crash with `AttributeError`.)
 * - {@link Chat.fromDict} without `response_id` (missing or `null`) throws
 *   {@link MissingFieldError} (Python: `KeyError`).
 * - Where Python returns `None`, this returns `undefined`: {@link ToolCall.fromList} of a
 *   non-list, {@link streamResponseFromDict} of an unknown `event_type` or of a `stream-end`
 *   without `response`.
 *
 * @module
 */
import * as z from 'zod';
import { describeIssues, describeValue } from '../decoding/issues';
import { MissingFieldError, ModelFieldError } from '../errors/index';
import { JsonObject, opt } from '../decoding/schemas/shared';
import {
  BedrockInvocationMetrics,
  CitationGenerationEvent,
  NonStreamedChatResponse,
  SearchQueriesGenerationEvent,
  SearchResultsEvent,
  StreamEndEvent,
  StreamStartEvent,
  TextGenerationEvent,
  ToolCallsGenerationEvent,
  ToolCallV1,
} from '../decoding/schemas/v1-chat-events';

/**
 * The members of an object schema a model keeps: each optional, never `null`.
 *
 * @inline
 */
type Fields<S extends z.ZodObject> = { -readonly [K in keyof S['shape']]?: NonNullable<z.output<S['shape'][K]>> };

/** An object schema whose output keeps only its own, non-null members (the module's rule). */
function model<S extends z.ZodObject>(schema: S) {
  return schema.transform((data) => {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) {
      const value: unknown = (data as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) fields[key] = value;
    }
    return fields as Fields<S>;
  });
}

/** Parses `value` with `schema`, or throws {@link ModelFieldError} for its first issue. */
function read<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(schema, value);
  throw new ModelFieldError({
    model: name,
    issues: issues.length > 0 ? issues : [{ path: '', expected: 'a valid value', received: describeValue(value), message: 'Invalid input' }],
  });
}

/**
 * One parameter of a {@link Tool}: its type (e.g. `str`), what it means, whether it is required.
 * Mirrors Python `ToolParameterDefinitionsValue`; `required` is absent when Python leaves it unset.
 */
export interface ToolParameterDefinitionsValue {
  /** The parameter's type, as the model should read it (e.g. `str`, `int`, `List[str]`). */
  type: string;
  /** What the parameter means. */
  description: string;
  /** Whether the parameter must be given; absent means the API default. */
  required?: boolean | undefined;
}

/** Constructors for {@link ToolParameterDefinitionsValue} (Python `ToolParameterDefinitionsValue.__init__`). */
export const ToolParameterDefinitionsValue = {
  /** Builds a parameter definition, leaving `required` out when it is `undefined` (no `**kwargs`). */
  create({ type, description, required }: ToolParameterDefinitionsValue): ToolParameterDefinitionsValue {
    return required === undefined ? { type, description } : { type, description, required };
  },
};

/** A tool the model may call: name, description and parameters by name. Mirrors Python `Tool`. */
export interface Tool {
  /** The tool's name, as the model will use it in a {@link ToolCall}. */
  name: string;
  /** What the tool does. */
  description: string;
  /** The tool's parameters, by parameter name; absent when Python leaves it unset. */
  parameter_definitions?: Record<string, ToolParameterDefinitionsValue> | undefined;
}

/** Constructors for {@link Tool} (Python `Tool.__init__`). */
export const Tool = {
  /** Builds a tool, leaving `undefined` members out (definitions via {@link ToolParameterDefinitionsValue.create}). */
  create({ name, description, parameter_definitions: defs }: Tool): Tool {
    if (defs === undefined) return { name, description };
    const entries = Object.entries(defs).map(([key, def]) => [key, ToolParameterDefinitionsValue.create(def)] as const);
    return { name, description, parameter_definitions: Object.fromEntries(entries) };
  },
};

const toolCall = model(ToolCallV1.extend({ generation_id: opt(z.string()) }));
const toolCallList = z.array(toolCall);
const toolCalls = opt(toolCallList);

/**
 * A tool call the model generated: `name`, `parameters` and `generation_id` (which the V1 wire
 * and Bedrock do not send). Mirrors Python `ToolCall`, whose `from_dict` reads all three with `.get`.
 *
 * @interface
 */
export type ToolCall = z.output<typeof toolCall>;

/** Constructors for {@link ToolCall} (Python `ToolCall.from_dict`, `ToolCall.from_list`). */
export const ToolCall = {
  /** Reads one tool call (Python `ToolCall.from_dict`). @throws {@link ModelFieldError} for a wrong type. */
  fromDict: (obj: unknown): ToolCall => read('ToolCall', toolCall, obj),
  /**
   * Reads a list of tool calls (Python `ToolCall.from_list`): `undefined` when `list` is not an
   * array, else one tool call per element. @throws {@link ModelFieldError} for a wrong-typed element.
   */
  fromList: (list: unknown): ToolCall[] | undefined =>
    Array.isArray(list) ? read('ToolCall', toolCallList, list) : undefined,
};

/** A V1 chat response whose tool calls are read as {@link ToolCall}s. */
const response = NonStreamedChatResponse.extend({ tool_calls: toolCalls });
/** What Python `Chat.from_dict` and `StreamingChat` (at `stream-end`) both read of a response. */
const responseMembers = {
  response_id: true, generation_id: true, text: true, chat_history: true, preamble: true, token_count: true,
  is_search_required: true, citations: true, documents: true, search_results: true, search_queries: true,
  tool_calls: true,
} as const;

const chat = model(
  response
    .extend({ 'amazon-bedrock-invocationMetrics': opt(BedrockInvocationMetrics) })
    .pick({ ...responseMembers, finish_reason: true, meta: true, 'amazon-bedrock-invocationMetrics': true }),
);

/**
 * A complete chat response (a `stream-end` event's `response`, or a non-streamed V1 reply): the
 * members of Python `Chat`, plus the usage Cohere reports in `meta` and, for a Bedrock stream,
 * the `amazon-bedrock-invocationMetrics` of its last chunk. `conversation_id` and `prompt` are
 * not part of it.
 *
 * @interface
 */
export type Chat = z.output<typeof chat> & { response_id: string };

/** Constructors for {@link Chat} (Python `Chat.from_dict`). */
export const Chat = {
  /**
   * Reads a complete chat response (Python `Chat.from_dict`).
   *
   * @throws {@link ModelFieldError} when `obj` or a member it reads has the wrong type.
   * @throws {@link MissingFieldError} when `response_id` is missing or `null`.
   */
  fromDict(obj: unknown): Chat {
    const { response_id, ...rest } = read('Chat', chat, obj);
    if (response_id === undefined) throw new MissingFieldError({ model: 'Chat', field: 'response_id', received: obj });
    return { response_id, ...rest };
  },
};

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

const streamEndResponse = model(response.pick({ ...responseMembers, conversation_id: true, prompt: true }));

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
  'stream-start': ['StreamStart', model(StreamStartEvent.pick({ generation_id: true, conversation_id: true }))],
  'search-queries-generation': [
    'StreamQueryGeneration',
    model(SearchQueriesGenerationEvent.pick({ search_queries: true })),
  ],
  'search-results': ['StreamSearchResults', model(SearchResultsEvent.pick({ search_results: true, documents: true }))],
  'text-generation': ['StreamTextGeneration', model(TextGenerationEvent.pick({ text: true }))],
  'citation-generation': ['StreamCitationGeneration', model(CitationGenerationEvent.pick({ citations: true }))],
  'tool-calls-generation': [
    'ChatToolCallsGenerationEvent',
    model(ToolCallsGenerationEvent.extend({ tool_calls: toolCalls }).pick({ tool_calls: true })),
  ],
  'stream-end': [
    'StreamEnd',
    model(StreamEndEvent.extend({ response: opt(streamEndResponse) }).pick({ finish_reason: true, response: true })),
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
  | StreamStart
  | StreamQueryGeneration
  | StreamSearchResults
  | StreamTextGeneration
  | StreamCitationGeneration
  | ChatToolCallsGenerationEvent
  | StreamEnd;

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
