/**
 * The request body of Cohere's V1 chat endpoint (`POST /v1/chat`, streaming); without `model`
 * and `stream` it is also the body Cohere Command R / R+ take on AWS Bedrock and SageMaker. See
 * https://docs.cohere.com/reference/chat-stream-v1.
 *
 * Each object is a named interface with its zod schema of the same name, proven equal at compile
 * time. Members keep their wire names and the objects are closed: a member the API reference does
 * not list is a compile error in an object literal and a `RequestValidationError` before anything
 * is sent, unless the transport's `unknownFields` option is `'send'`. Members the API leaves free
 * stay free: a document's fields, a tool call's `parameters`, tool `outputs`, a connector's
 * `options`, the `schema` of `response_format`, and the tool calls of an earlier answer, echoed as
 * the model produced them. Parameters the API validates itself (safety mode, prompt truncation,
 * citation quality, message roles, …) are closed enums, and numbers carry the bounds Cohere's API
 * reference states. `stream` may only be `true`: the transports set it.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { chatStopSequences, chatTemperature, penalty, seed, streamFlag, tokenLimit, topK, topP } from './request-parameters';
import { schemaOf } from './request-schema';
import { JsonObject, opt } from '../decoding/schemas/shared';

/** A V1 tool call (`{ name, parameters }`), as the model produced it: open, since it is echoed back. */
export interface V1ToolCall {
  name: string;
  parameters: JsonObject;
  [member: string]: unknown;
}
/** A V1 tool call. */
export const V1ToolCall = schemaOf<V1ToolCall>()(lazySchema(() => z.looseObject({ name: z.string(), parameters: builtSchema(JsonObject) })));

/** The result of one V1 tool call: the call and its outputs, which must be a list of objects (free in form). */
export interface V1ToolResult {
  call: V1ToolCall;
  outputs: JsonObject[];
}
/** The result of one V1 tool call. */
export const V1ToolResult = schemaOf<V1ToolResult>()(
  lazySchema(() => z.strictObject({ call: builtSchema(V1ToolCall), outputs: z.array(builtSchema(JsonObject)) })),
);

/** A V1 `chat_history` text message from `USER`, `CHATBOT` or `SYSTEM`; `message` is not empty. */
export interface V1TextMessage {
  role: 'USER' | 'CHATBOT' | 'SYSTEM';
  message: string;
  tool_calls?: V1ToolCall[] | null | undefined;
}
/** A V1 `chat_history` text message. */
export const V1TextMessage = schemaOf<V1TextMessage>()(
  lazySchema(() =>
    z.strictObject({
      role: z.enum(['USER', 'CHATBOT', 'SYSTEM']),
      message: z.string().min(1),
      tool_calls: opt(z.array(builtSchema(V1ToolCall))),
    }),
  ),
);

/** A V1 `chat_history` message with the results of tool calls (`role: 'TOOL'`). */
export interface V1ToolMessage {
  role: 'TOOL';
  tool_results?: V1ToolResult[] | null | undefined;
}
/** A V1 `chat_history` tool message. */
export const V1ToolMessage = schemaOf<V1ToolMessage>()(
  lazySchema(() => z.strictObject({ role: z.literal('TOOL'), tool_results: opt(z.array(builtSchema(V1ToolResult))) })),
);

/**
 * One message of V1 `chat_history`, by `role`. See
 * https://docs.cohere.com/reference/chat-stream-v1.
 */
export type V1ChatMessage = V1TextMessage | V1ToolMessage;
/** One message of V1 `chat_history`, discriminated by `role`. */
export const V1ChatMessage = schemaOf<V1ChatMessage>()(
  lazySchema(() => z.discriminatedUnion('role', [builtSchema(V1TextMessage), builtSchema(V1ToolMessage)])),
);

/** One parameter of a V1 tool; `type` is a Python type name such as `str` or `int`. */
export interface V1ToolParameterDefinition {
  description?: string | null | undefined;
  type: string;
  required?: boolean | null | undefined;
}
/** One parameter of a V1 tool. */
export const V1ToolParameterDefinition = schemaOf<V1ToolParameterDefinition>()(
  lazySchema(() => z.strictObject({ description: opt(z.string()), type: z.string(), required: opt(z.boolean()) })),
);

/** A V1 tool the model may call: name, description and parameters keyed by name. */
export interface V1Tool {
  name: string;
  description: string;
  parameter_definitions?: Record<string, V1ToolParameterDefinition> | null | undefined;
}
/** A V1 tool the model may call. */
export const V1Tool = schemaOf<V1Tool>()(
  lazySchema(() =>
    z.strictObject({
      name: z.string(),
      description: z.string(),
      parameter_definitions: opt(z.record(z.string(), builtSchema(V1ToolParameterDefinition))),
    }),
  ),
);

/** A V1 connector (such as `{ id: 'web-search' }`) queried for documents before answering; `options` is free in form. */
export interface V1ChatConnector {
  id: string;
  user_access_token?: string | null | undefined;
  continue_on_failure?: boolean | null | undefined;
  options?: JsonObject | null | undefined;
}
/** A V1 connector. */
export const V1ChatConnector = schemaOf<V1ChatConnector>()(
  lazySchema(() =>
    z.strictObject({
      id: z.string().min(1),
      user_access_token: opt(z.string()),
      continue_on_failure: opt(z.boolean()),
      options: opt(JsonObject),
    }),
  ),
);

/**
 * A V1 document: its fields (such as `title`, `text`), free in form, with an optional `id` and an
 * optional `_excludes` list of fields hidden from the model.
 */
export interface V1ChatDocument {
  id?: string | null | undefined;
  _excludes?: string[] | null | undefined;
  [field: string]: unknown;
}
/** A V1 document. */
export const V1ChatDocument = schemaOf<V1ChatDocument>()(lazySchema(() => z.looseObject({ id: opt(z.string()), _excludes: opt(z.array(z.string())) })));

/** V1 `response_format` for plain text: `{ type: 'text' }`. */
export interface V1TextResponseFormat {
  type: 'text';
}
/** V1 `response_format` for plain text. */
export const V1TextResponseFormat = schemaOf<V1TextResponseFormat>()(lazySchema(() => z.strictObject({ type: z.literal('text') })));

/** V1 `response_format` for a JSON object, optionally constrained by a JSON Schema (`schema`, free in form). */
export interface V1JsonResponseFormat {
  type: 'json_object';
  schema?: JsonObject | null | undefined;
}
/** V1 `response_format` for a JSON object. */
export const V1JsonResponseFormat = schemaOf<V1JsonResponseFormat>()(
  lazySchema(() => z.strictObject({ type: z.literal('json_object'), schema: opt(JsonObject) })),
);

/** V1 `response_format`: plain text, or a JSON object optionally constrained by `schema`. */
export type V1ResponseFormat = V1TextResponseFormat | V1JsonResponseFormat;
/** V1 `response_format`, by `type`. */
export const V1ResponseFormat = schemaOf<V1ResponseFormat>()(
  lazySchema(() => z.discriminatedUnion('type', [builtSchema(V1TextResponseFormat), builtSchema(V1JsonResponseFormat)])),
);

/**
 * V1 `citation_quality`. The current SDKs send upper-case values; earlier versions of the API
 * reference listed lower-case `fast`, `accurate` and `off`, which are still accepted here.
 */
export type V1CitationQuality = 'ENABLED' | 'DISABLED' | 'FAST' | 'ACCURATE' | 'OFF' | 'fast' | 'accurate' | 'off';
/** V1 `citation_quality`. */
export const V1CitationQuality = schemaOf<V1CitationQuality>()(
  lazySchema(() => z.enum(['ENABLED', 'DISABLED', 'FAST', 'ACCURATE', 'OFF', 'fast', 'accurate', 'off'])),
);

/**
 * The body of a streaming V1 chat request (`POST /v1/chat`); without `model` and `stream` it is
 * also the body Cohere Command R / R+ take on AWS. See
 * https://docs.cohere.com/reference/chat-stream-v1; the bounds of each parameter, and their
 * sources, are in cohere-rx's `docs/requests.md`.
 */
export interface V1ChatRequest {
  message: string;
  model?: string | null | undefined;
  preamble?: string | null | undefined;
  chat_history?: V1ChatMessage[] | null | undefined;
  conversation_id?: string | null | undefined;
  prompt_truncation?: 'OFF' | 'AUTO' | 'AUTO_PRESERVE_ORDER' | null | undefined;
  connectors?: V1ChatConnector[] | null | undefined;
  search_queries_only?: boolean | null | undefined;
  documents?: V1ChatDocument[] | null | undefined;
  citation_quality?: V1CitationQuality | null | undefined;
  /** 0 to 1. */
  temperature?: number | null | undefined;
  /** An integer of at least 1. */
  max_tokens?: number | null | undefined;
  /** An integer of at least 1. */
  max_input_tokens?: number | null | undefined;
  /** An integer from 0 (disabled) to 500. */
  k?: number | null | undefined;
  /** 0.01 to 0.99. */
  p?: number | null | undefined;
  /** A non-negative integer. */
  seed?: number | null | undefined;
  /** Up to 5 strings. */
  stop_sequences?: string[] | null | undefined;
  /** 0 to 1. */
  frequency_penalty?: number | null | undefined;
  /** 0 to 1. */
  presence_penalty?: number | null | undefined;
  raw_prompting?: boolean | null | undefined;
  tools?: V1Tool[] | null | undefined;
  tool_results?: V1ToolResult[] | null | undefined;
  force_single_step?: boolean | null | undefined;
  response_format?: V1ResponseFormat | null | undefined;
  safety_mode?: 'CONTEXTUAL' | 'STRICT' | 'NONE' | null | undefined;
  /** Only `true`: the transports set it. */
  stream?: true | null | undefined;
}
/** The body of a streaming V1 chat request (`POST /v1/chat`). */
export const V1ChatRequest = schemaOf<V1ChatRequest>()(
  lazySchema(() =>
    z.strictObject({
      message: z.string(),
      model: opt(z.string()),
      preamble: opt(z.string()),
      chat_history: opt(z.array(builtSchema(V1ChatMessage))),
      conversation_id: opt(z.string()),
      prompt_truncation: opt(z.enum(['OFF', 'AUTO', 'AUTO_PRESERVE_ORDER'])),
      connectors: opt(z.array(builtSchema(V1ChatConnector))),
      search_queries_only: opt(z.boolean()),
      documents: opt(z.array(builtSchema(V1ChatDocument))),
      citation_quality: opt(V1CitationQuality),
      temperature: opt(chatTemperature),
      max_tokens: opt(tokenLimit),
      max_input_tokens: opt(tokenLimit),
      k: opt(topK),
      p: opt(topP),
      seed: opt(seed),
      stop_sequences: opt(chatStopSequences),
      frequency_penalty: opt(penalty),
      presence_penalty: opt(penalty),
      raw_prompting: opt(z.boolean()),
      tools: opt(z.array(builtSchema(V1Tool))),
      tool_results: opt(z.array(builtSchema(V1ToolResult))),
      force_single_step: opt(z.boolean()),
      response_format: opt(V1ResponseFormat),
      safety_mode: opt(z.enum(['CONTEXTUAL', 'STRICT', 'NONE'])),
      stream: builtSchema(streamFlag),
    }),
  ),
);
