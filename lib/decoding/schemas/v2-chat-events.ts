/**
 * The events of a V2 chat stream (`POST /v2/chat` with `stream: true`), discriminated by `type`.
 *
 * As in Cohere's own schema every member except `type` is optional (a missing `index` means 0);
 * members keep their wire names, unknown members are kept, and a member of the wrong type is a
 * schema error. Several plural names hold a single object: `delta.message.content`,
 * `delta.message.tool_calls` and `delta.message.citations` are one object per event.
 *
 * @module
 */
import * as z from 'zod';
import { builtSchema, lazySchema } from './lazy-schema';
import { CHAT_V2_FINISH_REASONS } from './finish-reasons';
import { JsonObject, openEnum, opt, TokenCounts, WireIndex } from './shared';

/** Why a V2 chat generation stopped. */
export const ChatFinishReason = lazySchema(() => openEnum(CHAT_V2_FINISH_REASONS));
/** Why a V2 chat generation stopped; unknown future values are kept as strings. */
export type ChatFinishReason = z.infer<typeof ChatFinishReason>;

/** Token counts of a V2 chat response (`billed_units` excludes the system preamble). */
export const Usage = lazySchema(() =>
  z.looseObject({
    billed_units: opt(
      z.looseObject({
        input_tokens: opt(z.number()),
        output_tokens: opt(z.number()),
        search_units: opt(z.number()),
        classifications: opt(z.number()),
      }),
    ),
    tokens: opt(TokenCounts),
    /** Prompt tokens served from Cohere's inference cache. */
    cached_tokens: opt(z.number()),
  }),
);
/** Token counts of a V2 chat response. */
export type Usage = z.infer<typeof Usage>;

/** Log probabilities of one content delta (only when the request sets `logprobs: true`). */
export const LogprobItem = lazySchema(() =>
  z.looseObject({
    text: opt(z.string()),
    token_ids: z.array(z.number()),
    logprobs: opt(z.array(z.number())),
  }),
);
/** Log probabilities of one content delta. */
export type LogprobItem = z.infer<typeof LogprobItem>;

/** Where a citation's text comes from: a document, a tool result, or a kind added later. */
export const Source = lazySchema(() =>
  z.looseObject({
    type: openEnum(['document', 'tool'] as const),
    id: opt(z.string()),
    document: opt(JsonObject),
    tool_output: opt(JsonObject),
  }),
);
/** Where a citation's text comes from. */
export type Source = z.infer<typeof Source>;

/** A span of the answer backed by sources; `start`/`end` are character offsets into block `content_index`. */
export const Citation = lazySchema(() =>
  z.looseObject({
    start: opt(WireIndex),
    end: opt(WireIndex),
    text: opt(z.string()),
    sources: opt(z.array(builtSchema(Source))),
    content_index: opt(WireIndex),
    type: opt(openEnum(['TEXT_CONTENT', 'THINKING_CONTENT', 'PLAN'] as const)),
  }),
);
/** A span of the answer backed by sources. */
export type Citation = z.infer<typeof Citation>;

/** One tool call as the assistant message carries it; `arguments` is JSON text. `id` and `type` are required, as in Cohere's schema. */
export const ToolCallV2 = lazySchema(() =>
  z.looseObject({
    id: z.string(),
    type: openEnum(['function'] as const),
    function: opt(z.looseObject({ name: opt(z.string()), arguments: opt(z.string()) })),
  }),
);
/** One tool call as the assistant message carries it. */
export type ToolCallV2 = z.infer<typeof ToolCallV2>;

/** The `index` of an event. */
const index = () => opt(WireIndex);
const message = <T extends z.core.$ZodLooseShape>(shape: T) => opt(z.looseObject({ message: opt(z.looseObject(shape)) }));

/** The first event: the response id and the assistant role (real streams add empty arrays). */
export const MessageStartEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('message-start'),
    id: opt(z.string()),
    delta: message({
      role: opt(z.string()),
      content: opt(z.array(z.unknown())),
      tool_plan: opt(z.string()),
      tool_calls: opt(z.array(z.unknown())),
      citations: opt(z.array(z.unknown())),
    }),
  }),
);
/** The first event: the response id and the assistant role (real streams add empty arrays). */
export type MessageStartEvent = z.infer<typeof MessageStartEvent>;

/** Opens content block `index`: `text`, or `thinking` for reasoning models. */
export const ContentStartEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('content-start'),
    index: index(),
    delta: message({
      content: opt(
        z.looseObject({
          type: opt(openEnum(['text', 'thinking'] as const)),
          text: opt(z.string()),
          thinking: opt(z.string()),
        }),
      ),
    }),
  }),
);
/** Opens content block `index`: `text`, or `thinking` for reasoning models. */
export type ContentStartEvent = z.infer<typeof ContentStartEvent>;

/** A piece of content block `index`: `text` for text blocks, `thinking` for thinking blocks. */
export const ContentDeltaEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('content-delta'),
    index: index(),
    delta: message({ content: opt(z.looseObject({ text: opt(z.string()), thinking: opt(z.string()) })) }),
    logprobs: opt(LogprobItem),
  }),
);
/** A piece of content block `index`: `text` for text blocks, `thinking` for thinking blocks. */
export type ContentDeltaEvent = z.infer<typeof ContentDeltaEvent>;

/** Closes content block `index`. */
export const ContentEndEvent = lazySchema(() => z.looseObject({ type: z.literal('content-end'), index: index() }));
/** Closes content block `index`. */
export type ContentEndEvent = z.infer<typeof ContentEndEvent>;

/** A piece of the tool plan, streamed before tool calls (it has no index). */
export const ToolPlanDeltaEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('tool-plan-delta'),
    delta: message({ tool_plan: opt(z.string()) }),
  }),
);
/** A piece of the tool plan, streamed before tool calls (it has no index). */
export type ToolPlanDeltaEvent = z.infer<typeof ToolPlanDeltaEvent>;

/** Opens tool call `index` with its id and function name (`arguments` is `""`). */
export const ToolCallStartEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('tool-call-start'),
    index: index(),
    delta: message({ tool_calls: opt(ToolCallV2) }),
  }),
);
/** Opens tool call `index` with its id and function name (`arguments` is `""`). */
export type ToolCallStartEvent = z.infer<typeof ToolCallStartEvent>;

/** A fragment of tool call `index`'s arguments (JSON text split anywhere). */
export const ToolCallDeltaEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('tool-call-delta'),
    index: index(),
    delta: message({
      tool_calls: opt(z.looseObject({ function: opt(z.looseObject({ arguments: opt(z.string()) })) })),
    }),
  }),
);
/** A fragment of tool call `index`'s arguments (JSON text split anywhere). */
export type ToolCallDeltaEvent = z.infer<typeof ToolCallDeltaEvent>;

/** Closes tool call `index`: its arguments are complete. */
export const ToolCallEndEvent = lazySchema(() => z.looseObject({ type: z.literal('tool-call-end'), index: index() }));
/** Closes tool call `index`: its arguments are complete. */
export type ToolCallEndEvent = z.infer<typeof ToolCallEndEvent>;

/** Citation number `index` (an ordinal, not a content block: see `content_index`). */
export const CitationStartEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('citation-start'),
    index: index(),
    delta: message({ citations: opt(Citation) }),
  }),
);
/** Citation number `index` (an ordinal, not a content block: see `content_index`). */
export type CitationStartEvent = z.infer<typeof CitationStartEvent>;

/** Closes citation number `index`. */
export const CitationEndEvent = lazySchema(() => z.looseObject({ type: z.literal('citation-end'), index: index() }));
/** Closes citation number `index`. */
export type CitationEndEvent = z.infer<typeof CitationEndEvent>;

/** The terminal event: finish reason, usage, and an error message when generation failed. */
export const MessageEndEvent = lazySchema(() =>
  z.looseObject({
    type: z.literal('message-end'),
    id: opt(z.string()),
    delta: opt(
      z.looseObject({
        error: opt(z.string()),
        finish_reason: opt(ChatFinishReason),
        usage: opt(Usage),
      }),
    ),
  }),
);
/** The terminal event: finish reason, usage, and an error message when generation failed. */
export type MessageEndEvent = z.infer<typeof MessageEndEvent>;

/** A debug event carrying the rendered prompt (shape unverified on the wire). */
export const DebugEvent = lazySchema(() => z.looseObject({ type: z.literal('debug'), prompt: opt(z.string()) }));
/** A debug event carrying the rendered prompt (shape unverified on the wire). */
export type DebugEvent = z.infer<typeof DebugEvent>;

/** Every V2 chat event schema, by its `type`. */
export const chatV2EventSchemas = {
  'message-start': MessageStartEvent,
  'content-start': ContentStartEvent,
  'content-delta': ContentDeltaEvent,
  'content-end': ContentEndEvent,
  'tool-plan-delta': ToolPlanDeltaEvent,
  'tool-call-start': ToolCallStartEvent,
  'tool-call-delta': ToolCallDeltaEvent,
  'tool-call-end': ToolCallEndEvent,
  'citation-start': CitationStartEvent,
  'citation-end': CitationEndEvent,
  'message-end': MessageEndEvent,
  debug: DebugEvent,
} as const;

/** One event of a V2 chat stream, discriminated by `type`. */
export type ChatV2Event = {
  [K in keyof typeof chatV2EventSchemas]: z.infer<(typeof chatV2EventSchemas)[K]>;
}[keyof typeof chatV2EventSchemas];

/** The V2 chat event of a given `type`. */
export type ChatV2EventOf<T extends ChatV2Event['type']> = Extract<ChatV2Event, { type: T }>;
