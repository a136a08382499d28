/**
 * The events of a V1 chat stream, discriminated by `event_type`: `POST /v1/chat` with
 * `stream: true`, and Command R / R+ on AWS Bedrock and SageMaker.
 *
 * Every event may carry `is_finished` (the real wire always does; Cohere's schema does not say
 * so) and `p` (padding some AWS streams add). On Bedrock there is no `stream-start`, and the
 * last chunk carries `amazon-bedrock-invocationMetrics`. Members keep their wire names and
 * unknown members are kept.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from './lazy-schema';
import { CHAT_V1_FINISH_REASONS, CHAT_V1_STREAM_END_FINISH_REASONS } from './finish-reasons';
import { JsonObject, openEnum, opt, TokenCounts, WireIndex } from './shared';

/** Why a V1 chat stream ended (`stream-end`'s own `finish_reason`). */
export const ChatStreamEndFinishReason = lazySchema(() => openEnum(CHAT_V1_STREAM_END_FINISH_REASONS));
/** Why a V1 chat stream ended; unknown future values are kept as strings. */
export type ChatStreamEndFinishReason = z.infer<typeof ChatStreamEndFinishReason>;

/** Why a V1 response or a generation finished (the wider list used inside responses). */
export const FinishReason = lazySchema(() => openEnum(CHAT_V1_FINISH_REASONS));
/** Why a V1 response or a generation finished; unknown future values are kept as strings. */
export type FinishReason = z.infer<typeof FinishReason>;

/** A search query the model generated for retrieval. */
export const SearchQuery = lazySchema(() => z.looseObject({ text: opt(z.string()), generation_id: opt(z.string()) }));
/** A search query the model generated for retrieval. */
export type SearchQuery = z.infer<typeof SearchQuery>;

/** What one connector returned for one search query. */
export const SearchResult = lazySchema(() =>
  z.looseObject({
    search_query: opt(SearchQuery),
    connector: opt(z.looseObject({ id: opt(z.string()) })),
    document_ids: opt(z.array(z.string())),
    error_message: opt(z.string()),
    continue_on_failure: opt(z.boolean()),
  }),
);
/** What one connector returned for one search query. */
export type SearchResult = z.infer<typeof SearchResult>;

/** A V1 citation: a span of the text (`start`/`end` offsets) and the ids of its documents. */
export const ChatCitation = lazySchema(() =>
  z.looseObject({
    start: opt(WireIndex),
    end: opt(WireIndex),
    text: opt(z.string()),
    document_ids: opt(z.array(z.string())),
    type: opt(openEnum(['TEXT_CONTENT', 'PLAN'] as const)),
  }),
);
/** A V1 citation. */
export type ChatCitation = z.infer<typeof ChatCitation>;

/** A complete V1 tool call: the tool's name and its parameters as an object. */
export const ToolCallV1 = lazySchema(() => z.looseObject({ name: opt(z.string()), parameters: opt(JsonObject) }));
/** A complete V1 tool call. */
export type ToolCallV1 = z.infer<typeof ToolCallV1>;

/** One turn of a V1 conversation, as `chat_history` holds it. */
export const ChatHistoryMessage = lazySchema(() =>
  z.looseObject({
    role: openEnum(['CHATBOT', 'SYSTEM', 'USER', 'TOOL'] as const),
    message: opt(z.string()),
    tool_calls: opt(z.array(builtSchema(ToolCallV1))),
    tool_results: opt(z.array(z.unknown())),
  }),
);
/** One turn of a V1 conversation. */
export type ChatHistoryMessage = z.infer<typeof ChatHistoryMessage>;

/** Billing and token counts of a V1 response. */
export const ApiMeta = lazySchema(() =>
  z.looseObject({
    api_version: opt(z.looseObject({ version: opt(z.string()), is_deprecated: opt(z.boolean()), is_experimental: opt(z.boolean()) })),
    billed_units: opt(
      z.looseObject({
        images: opt(z.number()),
        input_tokens: opt(z.number()),
        image_tokens: opt(z.number()),
        output_tokens: opt(z.number()),
        search_units: opt(z.number()),
        classifications: opt(z.number()),
      }),
    ),
    tokens: opt(TokenCounts),
    cached_tokens: opt(z.number()),
    warnings: opt(z.array(z.string())),
  }),
);
/** Billing and token counts of a V1 response. */
export type ApiMeta = z.infer<typeof ApiMeta>;

/** Token counts of older V1 responses (2023 to early 2024), before `meta`. */
export const TokenCount = lazySchema(() =>
  z.looseObject({
    prompt_tokens: opt(z.number()),
    response_tokens: opt(z.number()),
    total_tokens: opt(z.number()),
    billed_tokens: opt(z.number()),
  }),
);
/** Token counts of older V1 responses. */
export type TokenCount = z.infer<typeof TokenCount>;

/** Usage and latency that AWS Bedrock adds to the last chunk of a stream. */
export const BedrockInvocationMetrics = lazySchema(() =>
  z.looseObject({
    inputTokenCount: opt(z.number()),
    outputTokenCount: opt(z.number()),
    invocationLatency: opt(z.number()),
    firstByteLatency: opt(z.number()),
  }),
);
/** Usage and latency that AWS Bedrock adds to the last chunk of a stream. */
export type BedrockInvocationMetrics = z.infer<typeof BedrockInvocationMetrics>;

/** The complete V1 chat response: `stream-end`'s `response`, and the non-streamed reply. */
export const NonStreamedChatResponse = lazySchema(() =>
  z.looseObject({
    text: opt(z.string()),
    generation_id: opt(z.string()),
    response_id: opt(z.string()),
    conversation_id: opt(z.string()),
    preamble: opt(z.string()),
    prompt: opt(z.string()),
    citations: opt(z.array(builtSchema(ChatCitation))),
    documents: opt(z.array(builtSchema(JsonObject))),
    is_search_required: opt(z.boolean()),
    search_queries: opt(z.array(builtSchema(SearchQuery))),
    search_results: opt(z.array(builtSchema(SearchResult))),
    finish_reason: opt(FinishReason),
    tool_calls: opt(z.array(builtSchema(ToolCallV1))),
    chat_history: opt(z.array(builtSchema(ChatHistoryMessage))),
    meta: opt(ApiMeta),
    token_count: opt(TokenCount),
  }),
);
/** The complete V1 chat response. */
export type NonStreamedChatResponse = z.infer<typeof NonStreamedChatResponse>;

/** Members every V1 event may carry: `is_finished` (true only on the last) and AWS padding `p`. */
const common = () => ({ is_finished: opt(z.boolean()), p: opt(z.string()) });

/** The first event on api.cohere.com (absent on Bedrock). */
export const StreamStartEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('stream-start'),
    generation_id: opt(z.string()),
    conversation_id: opt(z.string()),
  }),
);
/** The first event on api.cohere.com (absent on Bedrock). */
export type StreamStartEvent = z.infer<typeof StreamStartEvent>;

/** The search queries generated for retrieval-augmented answers. */
export const SearchQueriesGenerationEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('search-queries-generation'),
    search_queries: opt(z.array(builtSchema(SearchQuery))),
  }),
);
/** The search queries generated for retrieval-augmented answers. */
export type SearchQueriesGenerationEvent = z.infer<typeof SearchQueriesGenerationEvent>;

/** The documents retrieved by connectors, and what each search returned. */
export const SearchResultsEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('search-results'),
    search_results: opt(z.array(builtSchema(SearchResult))),
    documents: opt(z.array(builtSchema(JsonObject))),
  }),
);
/** The documents retrieved by connectors, and what each search returned. */
export type SearchResultsEvent = z.infer<typeof SearchResultsEvent>;

/** A piece of the answer text. */
export const TextGenerationEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('text-generation'),
    text: opt(z.string()),
  }),
);
/** A piece of the answer text. */
export type TextGenerationEvent = z.infer<typeof TextGenerationEvent>;

/** Citations of the text generated so far. */
export const CitationGenerationEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('citation-generation'),
    citations: opt(z.array(builtSchema(ChatCitation))),
  }),
);
/** Citations of the text generated so far. */
export type CitationGenerationEvent = z.infer<typeof CitationGenerationEvent>;

/**
 * A piece of a tool call being generated. Two forms exist: the tool plan as
 * `tool_call_delta.text`, or as a top-level `text` with no `tool_call_delta`. Parameter
 * fragments arrive as `tool_call_delta: { index, parameters }`, the first one with `name`.
 */
export const ToolCallsChunkEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('tool-calls-chunk'),
    tool_call_delta: opt(z.looseObject({ name: opt(z.string()), index: opt(WireIndex), parameters: opt(z.string()), text: opt(z.string()) })),
    text: opt(z.string()),
  }),
);
/** A piece of a tool call being generated. */
export type ToolCallsChunkEvent = z.infer<typeof ToolCallsChunkEvent>;

/** The complete tool calls (with the tool plan as `text`). */
export const ToolCallsGenerationEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('tool-calls-generation'),
    text: opt(z.string()),
    tool_calls: opt(z.array(builtSchema(ToolCallV1))),
  }),
);
/** The complete tool calls (with the tool plan as `text`). */
export type ToolCallsGenerationEvent = z.infer<typeof ToolCallsGenerationEvent>;

/** The terminal event, with the complete response (and Bedrock's invocation metrics). */
export const StreamEndEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('stream-end'),
    finish_reason: opt(ChatStreamEndFinishReason),
    response: opt(NonStreamedChatResponse),
    'amazon-bedrock-invocationMetrics': opt(BedrockInvocationMetrics),
  }),
);
/** The terminal event, with the complete response (and Bedrock's invocation metrics). */
export type StreamEndEvent = z.infer<typeof StreamEndEvent>;

/** A debug event carrying the rendered prompt. */
export const ChatDebugEvent = lazySchema(() =>
  z.looseObject({
    ...common(),
    event_type: z.literal('debug'),
    prompt: opt(z.string()),
  }),
);
/** A debug event carrying the rendered prompt. */
export type ChatDebugEvent = z.infer<typeof ChatDebugEvent>;

/** Every V1 chat event schema, by its `event_type`. */
export const chatV1EventSchemas = {
  'stream-start': StreamStartEvent,
  'search-queries-generation': SearchQueriesGenerationEvent,
  'search-results': SearchResultsEvent,
  'text-generation': TextGenerationEvent,
  'citation-generation': CitationGenerationEvent,
  'tool-calls-chunk': ToolCallsChunkEvent,
  'tool-calls-generation': ToolCallsGenerationEvent,
  'stream-end': StreamEndEvent,
  debug: ChatDebugEvent,
} as const;

/** One event of a V1 chat stream, discriminated by `event_type`. */
export type ChatV1Event = {
  [K in keyof typeof chatV1EventSchemas]: z.infer<(typeof chatV1EventSchemas)[K]>;
}[keyof typeof chatV1EventSchemas];

/** The V1 chat event of a given `event_type`. */
export type ChatV1EventOf<T extends ChatV1Event['event_type']> = Extract<ChatV1Event, { event_type: T }>;
