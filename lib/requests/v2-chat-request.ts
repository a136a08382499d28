/**
 * The request body of Cohere's V2 chat endpoint (`POST /v2/chat`, streaming): messages and their
 * content blocks, tools and options. See https://docs.cohere.com/reference/chat-stream.
 *
 * Each object is a named interface with its zod schema of the same name, proven equal at compile
 * time. Members keep their wire names and the objects are closed: a member the API reference does
 * not list (`maxTokens`, `temprature`) is a compile error in an object literal and a
 * `RequestValidationError` before anything is sent, unless the transport's `unknownFields` option
 * is `'send'`. Members the API leaves free stay free: a tool's JSON Schema `parameters`, a
 * document's `data`, `json_schema`, and the tool calls and citations of an earlier answer, echoed
 * as the model produced them. Parameters the API validates itself (safety mode, tool choice,
 * message roles, …) are closed enums, and numbers carry the bounds Cohere's API reference states.
 * `stream` may only be `true`: the transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { chatStopSequences, chatTemperature, penalty, seed, streamFlag, tokenLimit, topK, topP } from './request-parameters';
import { schemaOf } from './request-schema';
import { JsonObject, opt } from '../decoding/schemas/shared';
import { Citation, ToolCallV2 } from '../decoding/schemas/v2-chat-events';

// ---------------------------------------------------------------------------------------------
// V2 chat: content blocks
// ---------------------------------------------------------------------------------------------

/** A text content block of a V2 chat message. */
export interface V2TextContent {
  type: 'text';
  text: string;
}
/** A text content block (`{ type: 'text', text }`) of a V2 chat message. */
export const V2TextContent = schemaOf<V2TextContent>()(lazySchema(() => z.strictObject({ type: z.literal('text'), text: z.string() })));

/** An image reference: a web URL or a base64 data URI, with an optional processing detail level. */
export interface V2ImageUrl {
  url: string;
  detail?: 'auto' | 'low' | 'high' | null | undefined;
}
/** An image reference of an `image_url` content block. */
export const V2ImageUrl = schemaOf<V2ImageUrl>()(lazySchema(() => z.strictObject({ url: z.string(), detail: opt(z.enum(['auto', 'low', 'high'])) })));

/** An image content block (`{ type: 'image_url', image_url: { url, detail? } }`) of a V2 user message. */
export interface V2ImageUrlContent {
  type: 'image_url';
  image_url: V2ImageUrl;
}
/** An image content block of a V2 user message. */
export const V2ImageUrlContent = schemaOf<V2ImageUrlContent>()(
  lazySchema(() => z.strictObject({ type: z.literal('image_url'), image_url: builtSchema(V2ImageUrl) })),
);

/**
 * A document the model can cite (`{ id?, data }`), as passed in V2 `documents` or in a `document`
 * content block: `data` holds its fields (such as `title` and `text`); without `id` Cohere
 * generates one. See https://docs.cohere.com/reference/chat-stream.
 */
export interface V2Document {
  id?: string | null | undefined;
  data: JsonObject;
}
/** A document the model can cite: `{ id?, data }`. */
export const V2Document = schemaOf<V2Document>()(lazySchema(() => z.strictObject({ id: opt(z.string()), data: builtSchema(JsonObject) })));

/** A document content block (`{ type: 'document', document: { id?, data } }`) of a V2 tool (or user) message. */
export interface V2DocumentContent {
  type: 'document';
  document: V2Document;
}
/** A document content block of a V2 message. */
export const V2DocumentContent = schemaOf<V2DocumentContent>()(
  lazySchema(() => z.strictObject({ type: z.literal('document'), document: builtSchema(V2Document) })),
);

/** A thinking content block (`{ type: 'thinking', thinking }`) of a V2 assistant message, as a reasoning model returned it. */
export interface V2ThinkingContent {
  type: 'thinking';
  thinking: string;
}
/** A thinking content block of a V2 assistant message. */
export const V2ThinkingContent = schemaOf<V2ThinkingContent>()(lazySchema(() => z.strictObject({ type: z.literal('thinking'), thinking: z.string() })));

/** A content block of a V2 user message: `text`, `image_url` or `document`. */
export type V2UserContent = V2TextContent | V2ImageUrlContent | V2DocumentContent;
/** A content block of a V2 user message, by `type`. */
export const V2UserContent = schemaOf<V2UserContent>()(
  lazySchema(() => z.discriminatedUnion('type', [builtSchema(V2TextContent), builtSchema(V2ImageUrlContent), builtSchema(V2DocumentContent)])),
);

/** A content block of a V2 assistant message: `text` or `thinking`. */
export type V2AssistantContent = V2TextContent | V2ThinkingContent;
/** A content block of a V2 assistant message, by `type`. */
export const V2AssistantContent = schemaOf<V2AssistantContent>()(
  lazySchema(() => z.discriminatedUnion('type', [builtSchema(V2TextContent), builtSchema(V2ThinkingContent)])),
);

/** A content block of a V2 tool message: `text` or `document`. */
export type V2ToolContent = V2TextContent | V2DocumentContent;
/** A content block of a V2 tool message, by `type`. */
export const V2ToolContent = schemaOf<V2ToolContent>()(
  lazySchema(() => z.discriminatedUnion('type', [builtSchema(V2TextContent), builtSchema(V2DocumentContent)])),
);

// ---------------------------------------------------------------------------------------------
// V2 chat: messages
// ---------------------------------------------------------------------------------------------

/** A V2 user message: text, or a list of `text`, `image_url` and `document` blocks. */
export interface V2UserMessage {
  role: 'user';
  content: string | V2UserContent[];
}
/** A V2 user message. */
export const V2UserMessage = schemaOf<V2UserMessage>()(
  lazySchema(() =>
    z.strictObject({
      role: z.literal('user'),
      content: z.union([z.string(), z.array(builtSchema(V2UserContent))]),
    }),
  ),
);

/**
 * A V2 assistant message (an earlier model turn): content, tool plan, tool calls and citations,
 * all optional. The tool calls and citations are open: they are echoed as the model produced them.
 */
export interface V2AssistantMessage {
  role: 'assistant';
  tool_calls?: ToolCallV2[] | null | undefined;
  tool_plan?: string | null | undefined;
  content?: string | V2AssistantContent[] | null | undefined;
  citations?: Citation[] | null | undefined;
}
/** A V2 assistant message. */
export const V2AssistantMessage = schemaOf<V2AssistantMessage>()(
  lazySchema(() =>
    z.strictObject({
      role: z.literal('assistant'),
      tool_calls: opt(z.array(builtSchema(ToolCallV2))),
      tool_plan: opt(z.string()),
      content: opt(z.union([z.string(), z.array(builtSchema(V2AssistantContent))])),
      citations: opt(z.array(builtSchema(Citation))),
    }),
  ),
);

/** A V2 system message: text, or a list of `text` blocks. */
export interface V2SystemMessage {
  role: 'system';
  content: string | V2TextContent[];
}
/** A V2 system message. */
export const V2SystemMessage = schemaOf<V2SystemMessage>()(
  lazySchema(() =>
    z.strictObject({
      role: z.literal('system'),
      content: z.union([z.string(), z.array(builtSchema(V2TextContent))]),
    }),
  ),
);

/** A V2 tool message: the output of the tool call `tool_call_id`, as JSON text or `text` / `document` blocks. */
export interface V2ToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | V2ToolContent[];
}
/** A V2 tool message. */
export const V2ToolMessage = schemaOf<V2ToolMessage>()(
  lazySchema(() =>
    z.strictObject({
      role: z.literal('tool'),
      tool_call_id: z.string(),
      content: z.union([z.string(), z.array(builtSchema(V2ToolContent))]),
    }),
  ),
);

/**
 * One message of V2 `messages`, by `role` (`user`, `assistant`, `system`, `tool`). See
 * https://docs.cohere.com/reference/chat-stream.
 */
export type V2ChatMessage = V2UserMessage | V2AssistantMessage | V2SystemMessage | V2ToolMessage;
/** One message of V2 `messages`, discriminated by `role`. */
export const V2ChatMessage = schemaOf<V2ChatMessage>()(
  lazySchema(() =>
    z.discriminatedUnion('role', [builtSchema(V2UserMessage), builtSchema(V2AssistantMessage), builtSchema(V2SystemMessage), builtSchema(V2ToolMessage)]),
  ),
);

// ---------------------------------------------------------------------------------------------
// V2 chat: options
// ---------------------------------------------------------------------------------------------

/** The function a V2 tool exposes; `parameters` is a JSON Schema object (required by Cohere's schema), free in form. */
export interface V2ToolFunction {
  name: string;
  description?: string | null | undefined;
  parameters: JsonObject;
}
/** The function a V2 tool exposes. */
export const V2ToolFunction = schemaOf<V2ToolFunction>()(
  lazySchema(() => z.strictObject({ name: z.string(), description: opt(z.string()), parameters: builtSchema(JsonObject) })),
);

/** A V2 tool (`{ type: 'function', function: { name, description?, parameters } }`) the model may call. */
export interface V2Tool {
  type?: 'function' | null | undefined;
  function: V2ToolFunction;
}
/** A V2 tool the model may call. */
export const V2Tool = schemaOf<V2Tool>()(lazySchema(() => z.strictObject({ type: opt(z.literal('function')), function: builtSchema(V2ToolFunction) })));

/** V2 `citation_options`: how (or whether) citations are generated. */
export interface V2CitationOptions {
  mode?: 'ENABLED' | 'DISABLED' | 'FAST' | 'ACCURATE' | 'OFF' | null | undefined;
}
/** V2 `citation_options`. */
export const V2CitationOptions = schemaOf<V2CitationOptions>()(
  lazySchema(() => z.strictObject({ mode: opt(z.enum(['ENABLED', 'DISABLED', 'FAST', 'ACCURATE', 'OFF'])) })),
);

/** V2 `response_format` for plain text: `{ type: 'text' }`. */
export interface V2TextResponseFormat {
  type: 'text';
}
/** V2 `response_format` for plain text. */
export const V2TextResponseFormat = schemaOf<V2TextResponseFormat>()(lazySchema(() => z.strictObject({ type: z.literal('text') })));

/** V2 `response_format` for a JSON object, optionally constrained by a JSON Schema (`json_schema`, free in form). */
export interface V2JsonResponseFormat {
  type: 'json_object';
  json_schema?: JsonObject | null | undefined;
}
/** V2 `response_format` for a JSON object. */
export const V2JsonResponseFormat = schemaOf<V2JsonResponseFormat>()(
  lazySchema(() => z.strictObject({ type: z.literal('json_object'), json_schema: opt(JsonObject) })),
);

/** V2 `response_format`: plain text, or a JSON object optionally constrained by `json_schema`. */
export type V2ResponseFormat = V2TextResponseFormat | V2JsonResponseFormat;
/** V2 `response_format`, by `type`. */
export const V2ResponseFormat = schemaOf<V2ResponseFormat>()(
  lazySchema(() => z.discriminatedUnion('type', [builtSchema(V2TextResponseFormat), builtSchema(V2JsonResponseFormat)])),
);

/** V2 `thinking`: turns reasoning on or off, with an optional positive token budget. */
export interface V2Thinking {
  type: 'enabled' | 'disabled';
  token_budget?: number | null | undefined;
}
/** V2 `thinking`. */
export const V2Thinking = schemaOf<V2Thinking>()(
  lazySchema(() => z.strictObject({ type: z.enum(['enabled', 'disabled']), token_budget: opt(z.number().int().min(1)) })),
);

/**
 * The body of a streaming V2 chat request (`POST /v2/chat`). See
 * https://docs.cohere.com/reference/chat-stream; the bounds of each parameter, and their
 * sources, are in cohere-rx's `docs/requests.md`.
 */
export interface V2ChatRequest {
  model: string;
  messages: V2ChatMessage[];
  tools?: V2Tool[] | null | undefined;
  strict_tools?: boolean | null | undefined;
  documents?: (string | V2Document)[] | null | undefined;
  citation_options?: V2CitationOptions | null | undefined;
  response_format?: V2ResponseFormat | null | undefined;
  safety_mode?: 'CONTEXTUAL' | 'STRICT' | 'OFF' | null | undefined;
  /** An integer of at least 1. */
  max_tokens?: number | null | undefined;
  /** Up to 5 strings. */
  stop_sequences?: string[] | null | undefined;
  /** 0 to 1. */
  temperature?: number | null | undefined;
  /** A non-negative integer. */
  seed?: number | null | undefined;
  /** 0 to 1. */
  frequency_penalty?: number | null | undefined;
  /** 0 to 1. */
  presence_penalty?: number | null | undefined;
  /** An integer from 0 (disabled) to 500. */
  k?: number | null | undefined;
  /** 0.01 to 0.99. */
  p?: number | null | undefined;
  logprobs?: boolean | null | undefined;
  tool_choice?: 'REQUIRED' | 'NONE' | null | undefined;
  thinking?: V2Thinking | null | undefined;
  /** A non-negative integer: lower numbers are handled first, 0 (the default) is the highest. */
  priority?: number | null | undefined;
  /** Only `true`: the transports set it. */
  stream?: true | null | undefined;
}
/** The body of a streaming V2 chat request (`POST /v2/chat`). */
export const V2ChatRequest = schemaOf<V2ChatRequest>()(
  lazySchema(() =>
    z.strictObject({
      model: z.string(),
      messages: z.array(builtSchema(V2ChatMessage)),
      tools: opt(z.array(builtSchema(V2Tool))),
      strict_tools: opt(z.boolean()),
      documents: opt(z.array(z.union([z.string(), builtSchema(V2Document)]))),
      citation_options: opt(V2CitationOptions),
      response_format: opt(V2ResponseFormat),
      safety_mode: opt(z.enum(['CONTEXTUAL', 'STRICT', 'OFF'])),
      max_tokens: opt(tokenLimit),
      stop_sequences: opt(chatStopSequences),
      temperature: opt(chatTemperature),
      seed: opt(seed),
      frequency_penalty: opt(penalty),
      presence_penalty: opt(penalty),
      k: opt(topK),
      p: opt(topP),
      logprobs: opt(z.boolean()),
      tool_choice: opt(z.enum(['REQUIRED', 'NONE'])),
      thinking: opt(V2Thinking),
      priority: opt(z.number().int().min(0)),
      stream: builtSchema(streamFlag),
    }),
  ),
);
