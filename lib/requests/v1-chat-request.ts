/**
 * The request body of Cohere's V1 chat endpoint (`POST /v1/chat`, streaming); without `model`
 * and `stream` it is also the body Cohere Command R / R+ take on AWS Bedrock. See
 * https://docs.cohere.com/reference/chat-stream-v1.
 *
 * Members keep their wire names and unknown members are kept, because the API grows. Parameters
 * the API validates itself (safety mode, prompt truncation, citation quality, message roles, …)
 * are closed enums, and numbers carry the bounds Cohere's API reference states, so a typo or an
 * out-of-range value fails here, before the request is sent. `stream` may only be `true`: the
 * transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { chatTemperature, penalty, seed, streamFlag, tokenCount, topK, topP } from './request-parameters';
import { JsonObject, opt } from '../decoding/schemas/shared';

/** A V1 tool call (`{ name, parameters }`), as the model produced it. */
export const V1ToolCall = z.looseObject({
  name: z.string(),
  parameters: JsonObject,
});
/** A V1 tool call. */
export type V1ToolCall = z.infer<typeof V1ToolCall>;

/** The result of one V1 tool call: the call and its outputs, which must be a list of objects. */
export const V1ToolResult = z.looseObject({
  call: V1ToolCall,
  outputs: z.array(JsonObject),
});
/** The result of one V1 tool call. */
export type V1ToolResult = z.infer<typeof V1ToolResult>;

/** A V1 `chat_history` text message from `USER`, `CHATBOT` or `SYSTEM`. */
export const V1TextMessage = z.looseObject({
  role: z.enum(['USER', 'CHATBOT', 'SYSTEM']),
  message: z.string(),
  tool_calls: opt(z.array(V1ToolCall)),
});
/** A V1 `chat_history` text message. */
export type V1TextMessage = z.infer<typeof V1TextMessage>;

/** A V1 `chat_history` message with the results of tool calls (`role: 'TOOL'`). */
export const V1ToolMessage = z.looseObject({
  role: z.literal('TOOL'),
  tool_results: opt(z.array(V1ToolResult)),
});
/** A V1 `chat_history` tool message. */
export type V1ToolMessage = z.infer<typeof V1ToolMessage>;

/**
 * One message of V1 `chat_history`, discriminated by `role`. See
 * https://docs.cohere.com/reference/chat-stream-v1.
 */
export const V1ChatMessage = z.discriminatedUnion('role', [V1TextMessage, V1ToolMessage]);
/** One message of V1 `chat_history`. */
export type V1ChatMessage = z.infer<typeof V1ChatMessage>;

/** One parameter of a V1 tool; `type` is a Python type name such as `str` or `int`. */
export const V1ToolParameterDefinition = z.looseObject({
  description: opt(z.string()),
  type: z.string(),
  required: opt(z.boolean()),
});
/** One parameter of a V1 tool. */
export type V1ToolParameterDefinition = z.infer<typeof V1ToolParameterDefinition>;

/** A V1 tool the model may call: name, description and parameters keyed by name. */
export const V1Tool = z.looseObject({
  name: z.string(),
  description: z.string(),
  parameter_definitions: opt(z.record(z.string(), V1ToolParameterDefinition)),
});
/** A V1 tool the model may call. */
export type V1Tool = z.infer<typeof V1Tool>;

/** A V1 connector (such as `{ id: 'web-search' }`) queried for documents before answering. */
export const V1ChatConnector = z.looseObject({
  id: z.string(),
  user_access_token: opt(z.string()),
  continue_on_failure: opt(z.boolean()),
  options: opt(JsonObject),
});
/** A V1 connector. */
export type V1ChatConnector = z.infer<typeof V1ChatConnector>;

/**
 * A V1 document: a dictionary of strings (such as `title`, `text`), with an optional `id` and an
 * optional `_excludes` list of keys hidden from the model.
 */
export const V1ChatDocument = z.looseObject({
  id: opt(z.string()),
  _excludes: opt(z.array(z.string())),
});
/** A V1 document. */
export type V1ChatDocument = z.infer<typeof V1ChatDocument>;

/** V1 `response_format`: plain text, or a JSON object optionally constrained by `schema`. */
export const V1ResponseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object'), schema: opt(JsonObject) }),
]);
/** V1 `response_format`. */
export type V1ResponseFormat = z.infer<typeof V1ResponseFormat>;

/**
 * V1 `citation_quality`. The current SDKs send upper-case values; earlier versions of the API
 * reference listed lower-case `fast`, `accurate` and `off`, which are still accepted here.
 */
export const V1CitationQuality = z.enum(['ENABLED', 'DISABLED', 'FAST', 'ACCURATE', 'OFF', 'fast', 'accurate', 'off']);
/** V1 `citation_quality`. */
export type V1CitationQuality = z.infer<typeof V1CitationQuality>;

/**
 * The body of a streaming V1 chat request (`POST /v1/chat`); without `model` and `stream` it is
 * also the body Cohere Command R / R+ take on AWS Bedrock. See
 * https://docs.cohere.com/reference/chat-stream-v1.
 */
export const V1ChatRequest = z.looseObject({
  message: z.string(),
  model: opt(z.string()),
  preamble: opt(z.string()),
  chat_history: opt(z.array(V1ChatMessage)),
  conversation_id: opt(z.string()),
  prompt_truncation: opt(z.enum(['OFF', 'AUTO', 'AUTO_PRESERVE_ORDER'])),
  connectors: opt(z.array(V1ChatConnector)),
  search_queries_only: opt(z.boolean()),
  documents: opt(z.array(V1ChatDocument)),
  citation_quality: opt(V1CitationQuality),
  temperature: opt(chatTemperature),
  max_tokens: opt(tokenCount),
  max_input_tokens: opt(tokenCount),
  k: opt(topK),
  p: opt(topP),
  seed: opt(seed),
  stop_sequences: opt(z.array(z.string())),
  frequency_penalty: opt(penalty),
  presence_penalty: opt(penalty),
  raw_prompting: opt(z.boolean()),
  tools: opt(z.array(V1Tool)),
  tool_results: opt(z.array(V1ToolResult)),
  force_single_step: opt(z.boolean()),
  response_format: opt(V1ResponseFormat),
  safety_mode: opt(z.enum(['CONTEXTUAL', 'STRICT', 'NONE'])),
  stream: streamFlag,
});
/** The body of a streaming V1 chat request. */
export type V1ChatRequest = z.infer<typeof V1ChatRequest>;
