/**
 * Builders of V1 chat events (`POST /v1/chat`, Command R / R+ on AWS Bedrock and SageMaker):
 * one event at a time ({@link chatV1Event}), a whole scripted answer ({@link chatV1Events}), and the
 * `Chat` that answer accumulates to ({@link chatOf}).
 *
 * @module
 */
import type { Chat } from '../models/index';
import type { JsonObject } from '../decoding/schemas/shared';
import type { BedrockInvocationMetrics, ChatCitation, ChatV1Event, NonStreamedChatResponse, ToolCallV1 } from '../decoding/schemas/v1-chat-events';
import {
  argumentsOf,
  DEFAULT_GENERATION_ID,
  DEFAULT_RESPONSE_ID,
  DEFAULT_USAGE,
  finishReasonOf,
  fragmentsOf,
  piecesOf,
  textOf,
  type ChatScript,
} from './chat-script';

/**
 * Which service a V1 stream imitates: api.cohere.com and SageMaker start with `stream-start`;
 * Bedrock does not, and adds `amazon-bedrock-invocationMetrics` to the last chunk.
 */
export type V1Source = 'cohere' | 'bedrock' | 'sagemaker';

/** Options of {@link chatV1Events} and {@link chatOf}. */
export interface ChatV1Options {
  /**
   * The service the stream imitates.
   *
   * @defaultValue `'cohere'`
   */
  readonly source?: V1Source | undefined;
}

/**
 * Short builders for single V1 chat events, shaped as api.cohere.com and Bedrock send them
 * (every event carries `is_finished`).
 *
 * @example
 * ```ts
 * import { chatV1Event } from 'cohere-rx/testing';
 *
 * const events = [chatV1Event.start(), chatV1Event.text('Hello'), chatV1Event.end({ response_id: 'r1', text: 'Hello' })];
 * ```
 */
export const chatV1Event = {
  /** `stream-start` with the generation id. */
  start: (generation_id = DEFAULT_GENERATION_ID): ChatV1Event => ({ event_type: 'stream-start', is_finished: false, generation_id }),
  /** `text-generation` carrying a piece of the answer. */
  text: (text: string): ChatV1Event => ({ event_type: 'text-generation', is_finished: false, text }),
  /** `search-results` carrying the documents the answer cites. */
  documents: (documents: readonly JsonObject[]): ChatV1Event => ({ event_type: 'search-results', is_finished: false, documents: [...documents] }),
  /** `tool-calls-chunk` carrying a piece of the tool plan (`tool_call_delta.text`). */
  plan: (text: string): ChatV1Event => ({ event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { text } }),
  /** `tool-calls-chunk` carrying a fragment of call `index`'s parameters (the first chunk of a call names it). */
  parameters: (index: number, parameters: string, name?: string): ChatV1Event => ({
    event_type: 'tool-calls-chunk',
    is_finished: false,
    tool_call_delta: { index, ...(name === undefined ? {} : { name }), parameters },
  }),
  /** `tool-calls-generation` with the complete calls and the whole plan as `text`. */
  toolCalls: (tool_calls: readonly ToolCallV1[], text?: string): ChatV1Event => ({
    event_type: 'tool-calls-generation',
    is_finished: false,
    ...(text === undefined ? {} : { text }),
    tool_calls: [...tool_calls],
  }),
  /** `citation-generation` carrying citations of the text so far. */
  citations: (citations: readonly ChatCitation[]): ChatV1Event => ({ event_type: 'citation-generation', is_finished: false, citations: [...citations] }),
  /** `stream-end` (`finish_reason` COMPLETE) with the complete `response` when given; `extra` members win. */
  end: (response?: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>> = {}): ChatV1Event => ({
    event_type: 'stream-end',
    is_finished: true,
    finish_reason: 'COMPLETE',
    ...(response === undefined ? {} : { response }),
    ...extra,
  }),
};

/** The documents the citations of a script come from, each once, as V1 carries them (`id` first). */
function documentsOf(script: ChatScript): JsonObject[] {
  const documents = new Map<string, JsonObject>();
  for (const citation of script.citations ?? []) {
    for (const source of citation.sources ?? []) {
      if (source.type === 'document' && typeof source.id === 'string' && !documents.has(source.id)) {
        documents.set(source.id, { id: source.id, ...source.document });
      }
    }
  }
  return [...documents.values()];
}

function citationsOf(script: ChatScript): ChatCitation[] {
  return (script.citations ?? []).map((citation) => ({
    start: citation.start,
    end: citation.end,
    text: citation.text,
    document_ids: (citation.sources ?? []).flatMap((source) => (typeof source.id === 'string' ? [source.id] : [])),
  }));
}

/** The complete calls of a script, or `undefined` when some call's arguments are not a JSON object (V1 cannot carry them). */
function toolCallsOf(script: ChatScript): ToolCallV1[] | undefined {
  const calls: ToolCallV1[] = [];
  for (const call of script.toolCalls ?? []) {
    const text = argumentsOf(call);
    let parameters: unknown = {};
    try {
      if (text !== '') parameters = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) return undefined;
    calls.push({ name: call.name, parameters: parameters as JsonObject });
  }
  return calls;
}

/** Bedrock's usage and latency, from a script's token counts. */
function invocationMetricsOf(script: ChatScript): BedrockInvocationMetrics {
  const tokens = (script.usage ?? DEFAULT_USAGE).tokens;
  return { inputTokenCount: tokens?.input_tokens ?? 0, outputTokenCount: tokens?.output_tokens ?? 0, invocationLatency: 250, firstByteLatency: 50 };
}

/** The complete response `stream-end` carries: what the non-streamed endpoint would return. */
function responseOf(script: ChatScript): NonStreamedChatResponse {
  const usage = script.usage ?? DEFAULT_USAGE;
  const citations = citationsOf(script);
  const documents = documentsOf(script);
  const toolCalls = toolCallsOf(script) ?? [];
  const meta = {
    ...(usage.billed_units == null ? {} : { billed_units: usage.billed_units }),
    ...(usage.tokens == null ? {} : { tokens: usage.tokens }),
    ...(usage.cached_tokens == null ? {} : { cached_tokens: usage.cached_tokens }),
  };
  return {
    response_id: script.id ?? DEFAULT_RESPONSE_ID,
    generation_id: script.generationId ?? DEFAULT_GENERATION_ID,
    text: script.text === undefined ? textOf(script.toolPlan) : textOf(script.text),
    finish_reason: finishReasonOf(script, 'COMPLETE'),
    ...(citations.length === 0 ? {} : { citations }),
    ...(documents.length === 0 ? {} : { documents }),
    ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
    meta,
  };
}

/**
 * The events of a V1 chat stream that carries a scripted answer, in the order Cohere sends
 * them: `stream-start` (not on Bedrock); `search-results` with the cited documents; the tool
 * plan and each call's parameter fragments as `tool-calls-chunk` events, then
 * `tool-calls-generation` with the complete calls (left out when some call's arguments are
 * not a JSON object, which V1 cannot carry: the stream then fails as a broken call does);
 * `text-generation` per text piece; one `citation-generation` per citation; `stream-end` with
 * the complete `response` (and, on Bedrock, the invocation metrics). Thinking and `error` are
 * V2 only and left out.
 *
 * @example
 * ```ts
 * import { from, lastValueFrom } from 'rxjs';
 * import { accumulateChat } from 'cohere-rx';
 * import { chatV1Events } from 'cohere-rx/testing';
 *
 * const chat = await lastValueFrom(from(chatV1Events({ text: ['Hi', ' there'] }, { source: 'bedrock' })).pipe(accumulateChat()));
 * console.log(chat.text, chat['amazon-bedrock-invocationMetrics']);
 * ```
 *
 * @param script The answer.
 * @param options The service the stream imitates.
 * @returns The events, up to `stream-end`.
 */
export function chatV1Events(script: ChatScript, options: ChatV1Options = {}): ChatV1Event[] {
  const source = options.source ?? 'cohere';
  const events: ChatV1Event[] = source === 'bedrock' ? [] : [chatV1Event.start(script.generationId ?? DEFAULT_GENERATION_ID)];
  const documents = documentsOf(script);
  if (documents.length > 0) events.push(chatV1Event.documents(documents));
  events.push(...piecesOf(script.toolPlan).map(chatV1Event.plan));
  (script.toolCalls ?? []).forEach((call, index) => {
    const fragments = fragmentsOf(call);
    if (fragments.length === 0) events.push(chatV1Event.parameters(index, '', call.name));
    fragments.forEach((fragment, at) => events.push(chatV1Event.parameters(index, fragment, at === 0 ? call.name : undefined)));
  });
  const toolCalls = toolCallsOf(script);
  if (toolCalls !== undefined && toolCalls.length > 0) events.push(chatV1Event.toolCalls(toolCalls, textOf(script.toolPlan)));
  events.push(...piecesOf(script.text).map(chatV1Event.text));
  events.push(...citationsOf(script).map((citation) => chatV1Event.citations([citation])));
  const response = responseOf(script);
  const metrics = source === 'bedrock' ? { 'amazon-bedrock-invocationMetrics': invocationMetricsOf(script) } : {};
  events.push(chatV1Event.end(response, { finish_reason: response.finish_reason, ...metrics }));
  return events;
}

/**
 * The `Chat` that `accumulateChat()` assembles from the events of a scripted answer (see
 * {@link chatV1Events}): what to expect at the end of a V1, Bedrock or SageMaker chat pipeline.
 *
 * @example
 * ```ts
 * import { chatOf } from 'cohere-rx/testing';
 *
 * console.log(chatOf({ text: 'Hello' }).text); // 'Hello'
 * ```
 *
 * @param script The answer.
 * @param options The service the stream imitates (Bedrock adds the invocation metrics).
 * @returns The final chat: `response_id`, `generation_id`, `text` (the tool plan for a turn
 *   that only calls tools), `finish_reason`, `meta`, and `citations`, `documents`,
 *   `tool_calls` when the answer has them.
 * @throws SyntaxError when a tool call's arguments are not JSON (the stream fails with
 *   `ToolCallArgumentsError` then).
 */
export function chatOf(script: ChatScript, options: ChatV1Options = {}): Chat {
  const response = responseOf(script);
  if ((script.toolCalls?.length ?? 0) > 0 && response.tool_calls === undefined) {
    throw new SyntaxError(`the arguments of a tool call are not a JSON object: ${JSON.stringify(script.toolCalls?.map(argumentsOf))}`);
  }
  return {
    ...response,
    response_id: script.id ?? DEFAULT_RESPONSE_ID,
    ...(options.source === 'bedrock' ? { 'amazon-bedrock-invocationMetrics': invocationMetricsOf(script) } : {}),
  } as Chat;
}
