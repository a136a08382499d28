/**
 * The request body of Cohere's V2 chat endpoint (`POST /v2/chat`, streaming): messages and their
 * content blocks, tools and options. See https://docs.cohere.com/reference/chat-stream.
 *
 * Members keep their wire names and unknown members are kept, because the API grows. Parameters
 * the API validates itself (safety mode, tool choice, message roles, …) are closed enums, and
 * numbers carry the bounds Cohere's API reference states, so a typo or an out-of-range value fails
 * here, before the request is sent. Values the model produced and the caller echoes back (tool
 * calls, citations) stay open. `stream` may only be `true`: the transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { chatTemperature, penalty, seed, streamFlag, tokenCount, topK, topP } from './request-parameters';
import { JsonObject, opt } from '../decoding/schemas/shared';
import { Citation, ToolCallV2 } from '../decoding/schemas/v2-chat-events';

// ---------------------------------------------------------------------------------------------
// V2 chat: content blocks
// ---------------------------------------------------------------------------------------------

/** A text content block (`{ type: 'text', text }`) of a V2 chat message. */
export const V2TextContent = z.looseObject({
  type: z.literal('text'),
  text: z.string(),
});
/** A text content block of a V2 chat message. */
export type V2TextContent = z.infer<typeof V2TextContent>;

/** An image reference: a web URL or a base64 data URI, with an optional processing detail level. */
export const V2ImageUrl = z.looseObject({
  url: z.string(),
  detail: opt(z.enum(['auto', 'low', 'high'])),
});
/** An image reference of an `image_url` content block. */
export type V2ImageUrl = z.infer<typeof V2ImageUrl>;

/** An image content block (`{ type: 'image_url', image_url: { url, detail? } }`) of a V2 user message. */
export const V2ImageUrlContent = z.looseObject({
  type: z.literal('image_url'),
  image_url: V2ImageUrl,
});
/** An image content block of a V2 user message. */
export type V2ImageUrlContent = z.infer<typeof V2ImageUrlContent>;

/**
 * A document the model can cite (`{ id?, data }`), as passed in V2 `documents` or in a
 * `document` content block; without `id` Cohere generates one. See
 * https://docs.cohere.com/reference/chat-stream.
 */
export const V2Document = z.looseObject({
  id: opt(z.string()),
  data: JsonObject,
});
/** A document the model can cite. */
export type V2Document = z.infer<typeof V2Document>;

/** A document content block (`{ type: 'document', document }`) of a V2 tool (or user) message. */
export const V2DocumentContent = z.looseObject({
  type: z.literal('document'),
  document: V2Document,
});
/** A document content block of a V2 message. */
export type V2DocumentContent = z.infer<typeof V2DocumentContent>;

/** A thinking content block (`{ type: 'thinking', thinking }`) of a V2 assistant message, as a reasoning model returned it. */
export const V2ThinkingContent = z.looseObject({
  type: z.literal('thinking'),
  thinking: z.string(),
});
/** A thinking content block of a V2 assistant message. */
export type V2ThinkingContent = z.infer<typeof V2ThinkingContent>;

/** A content block of a V2 user message: `text`, `image_url` or `document`. */
export const V2UserContent = z.discriminatedUnion('type', [V2TextContent, V2ImageUrlContent, V2DocumentContent]);
/** A content block of a V2 user message. */
export type V2UserContent = z.infer<typeof V2UserContent>;

/** A content block of a V2 assistant message: `text` or `thinking`. */
export const V2AssistantContent = z.discriminatedUnion('type', [V2TextContent, V2ThinkingContent]);
/** A content block of a V2 assistant message. */
export type V2AssistantContent = z.infer<typeof V2AssistantContent>;

/** A content block of a V2 tool message: `text` or `document`. */
export const V2ToolContent = z.discriminatedUnion('type', [V2TextContent, V2DocumentContent]);
/** A content block of a V2 tool message. */
export type V2ToolContent = z.infer<typeof V2ToolContent>;

// ---------------------------------------------------------------------------------------------
// V2 chat: messages
// ---------------------------------------------------------------------------------------------

/** A V2 user message: text, or a list of `text`, `image_url` and `document` blocks. */
export const V2UserMessage = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(V2UserContent)]),
});
/** A V2 user message. */
export type V2UserMessage = z.infer<typeof V2UserMessage>;

/** A V2 assistant message (an earlier model turn): content, tool plan, tool calls and citations, all optional. */
export const V2AssistantMessage = z.looseObject({
  role: z.literal('assistant'),
  tool_calls: opt(z.array(ToolCallV2)),
  tool_plan: opt(z.string()),
  content: opt(z.union([z.string(), z.array(V2AssistantContent)])),
  citations: opt(z.array(Citation)),
});
/** A V2 assistant message. */
export type V2AssistantMessage = z.infer<typeof V2AssistantMessage>;

/** A V2 system message: text, or a list of `text` blocks. */
export const V2SystemMessage = z.looseObject({
  role: z.literal('system'),
  content: z.union([z.string(), z.array(V2TextContent)]),
});
/** A V2 system message. */
export type V2SystemMessage = z.infer<typeof V2SystemMessage>;

/** A V2 tool message: the output of the tool call `tool_call_id`, as JSON text or `text`/`document` blocks. */
export const V2ToolMessage = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.union([z.string(), z.array(V2ToolContent)]),
});
/** A V2 tool message. */
export type V2ToolMessage = z.infer<typeof V2ToolMessage>;

/**
 * One message of V2 `messages`, discriminated by `role` (`user`, `assistant`, `system`, `tool`).
 * See https://docs.cohere.com/reference/chat-stream.
 */
export const V2ChatMessage = z.discriminatedUnion('role', [V2UserMessage, V2AssistantMessage, V2SystemMessage, V2ToolMessage]);
/** One message of V2 `messages`. */
export type V2ChatMessage = z.infer<typeof V2ChatMessage>;

// ---------------------------------------------------------------------------------------------
// V2 chat: options
// ---------------------------------------------------------------------------------------------

/** The function a V2 tool exposes; `parameters` is a JSON Schema object (required by Cohere's schema). */
export const V2ToolFunction = z.looseObject({
  name: z.string(),
  description: opt(z.string()),
  parameters: JsonObject,
});
/** The function a V2 tool exposes. */
export type V2ToolFunction = z.infer<typeof V2ToolFunction>;

/** A V2 tool (`{ type: 'function', function: { name, description?, parameters } }`) the model may call. */
export const V2Tool = z.looseObject({
  type: opt(z.literal('function')),
  function: V2ToolFunction,
});
/** A V2 tool the model may call. */
export type V2Tool = z.infer<typeof V2Tool>;

/** V2 `citation_options`: how (or whether) citations are generated. */
export const V2CitationOptions = z.looseObject({
  mode: opt(z.enum(['ENABLED', 'DISABLED', 'FAST', 'ACCURATE', 'OFF'])),
});
/** V2 `citation_options`. */
export type V2CitationOptions = z.infer<typeof V2CitationOptions>;

/** V2 `response_format`: plain text, or a JSON object optionally constrained by `json_schema`. */
export const V2ResponseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object'), json_schema: opt(JsonObject) }),
]);
/** V2 `response_format`. */
export type V2ResponseFormat = z.infer<typeof V2ResponseFormat>;

/** V2 `thinking`: turns reasoning on or off, with an optional positive token budget. */
export const V2Thinking = z.looseObject({
  type: z.enum(['enabled', 'disabled']),
  token_budget: opt(z.number().int().min(1)),
});
/** V2 `thinking`. */
export type V2Thinking = z.infer<typeof V2Thinking>;

/**
 * The body of a streaming V2 chat request (`POST /v2/chat`). See
 * https://docs.cohere.com/reference/chat-stream.
 */
export const V2ChatRequest = z.looseObject({
  model: z.string(),
  messages: z.array(V2ChatMessage),
  tools: opt(z.array(V2Tool)),
  strict_tools: opt(z.boolean()),
  documents: opt(z.array(z.union([z.string(), V2Document]))),
  citation_options: opt(V2CitationOptions),
  response_format: opt(V2ResponseFormat),
  safety_mode: opt(z.enum(['CONTEXTUAL', 'STRICT', 'OFF'])),
  max_tokens: opt(tokenCount),
  stop_sequences: opt(z.array(z.string())),
  temperature: opt(chatTemperature),
  seed: opt(seed),
  frequency_penalty: opt(penalty),
  presence_penalty: opt(penalty),
  k: opt(topK),
  p: opt(topP),
  logprobs: opt(z.boolean()),
  tool_choice: opt(z.enum(['REQUIRED', 'NONE'])),
  thinking: opt(V2Thinking),
  priority: opt(z.number().int()),
  stream: streamFlag,
});
/** The body of a streaming V2 chat request. */
export type V2ChatRequest = z.infer<typeof V2ChatRequest>;
