/**
 * {@link Chat}: a complete V1 chat response, the final value of every V1 chat stream
 * (api.cohere.com `v1/chat`, Command R / R+ on AWS Bedrock and SageMaker), as the Python SDK's
 * `Chat.from_dict` reads it.
 *
 * @module
 */
import type * as z from 'zod';
import { builtSchema, lazySchema } from '../decoding/schemas/lazy-schema';
import { opt } from '../decoding/schemas/shared';
import { BedrockInvocationMetrics, NonStreamedChatResponse } from '../decoding/schemas/v1-chat-events';
import { MissingFieldError } from '../errors/index';
import { model, read } from './model-schema';
import { toolCalls } from './tools';

/** A V1 chat response whose tool calls are read as `ToolCall`s. @internal */
export const response = lazySchema(() => NonStreamedChatResponse.extend({ tool_calls: builtSchema(toolCalls) }));
/** What Python `Chat.from_dict` and `StreamingChat` (at `stream-end`) both read of a response. @internal */
export const responseMembers = {
  response_id: true,
  generation_id: true,
  text: true,
  chat_history: true,
  preamble: true,
  token_count: true,
  is_search_required: true,
  citations: true,
  documents: true,
  search_results: true,
  search_queries: true,
  tool_calls: true,
} as const;

const chat = lazySchema(() =>
  model(
    response
      .extend({ 'amazon-bedrock-invocationMetrics': opt(BedrockInvocationMetrics) })
      .pick({ ...responseMembers, finish_reason: true, meta: true, 'amazon-bedrock-invocationMetrics': true }),
  ),
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
