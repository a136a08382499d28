/**
 * The final value of a V2 chat stream: the same shape as the non-streamed `POST /v2/chat`
 * response, which `accumulateChat()` assembles from the events.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from './lazy-schema';
import { opt } from './shared';
import { V2TextContent, V2ThinkingContent } from '../../requests/v2-chat-request';
import { ChatFinishReason, Citation, LogprobItem, ToolCallV2, Usage } from './v2-chat-events';

/**
 * A content block of a response: the members of the request's `text` and `thinking` blocks. A
 * member this version does not know is accepted (and left out of a parse's result), since a
 * response may carry one: only requests are closed.
 */
const ContentBlock = lazySchema(() => z.discriminatedUnion('type', [z.object(V2TextContent.shape), z.object(V2ThinkingContent.shape)]));

/** The assistant message of a V2 chat response. */
export const AssistantMessageResponse = lazySchema(() =>
  z.looseObject({
    role: z.literal('assistant'),
    content: opt(z.array(builtSchema(ContentBlock))),
    tool_plan: opt(z.string()),
    tool_calls: opt(z.array(builtSchema(ToolCallV2))),
    citations: opt(z.array(builtSchema(Citation))),
  }),
);
/** The assistant message of a V2 chat response. */
export type AssistantMessageResponse = z.infer<typeof AssistantMessageResponse>;

/** A complete V2 chat response (`id`, `finish_reason`, `message`, `usage`, and `logprobs` when requested). */
export const ChatResponse = lazySchema(() =>
  z.looseObject({
    id: z.string(),
    finish_reason: builtSchema(ChatFinishReason),
    message: builtSchema(AssistantMessageResponse),
    usage: opt(Usage),
    logprobs: opt(z.array(builtSchema(LogprobItem))),
    /** The error message `message-end` reported, when generation failed inside the stream. */
    error: opt(z.string()),
  }),
);
/** A complete V2 chat response. */
export type ChatResponse = z.infer<typeof ChatResponse>;
