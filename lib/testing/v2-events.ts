/**
 * Builders of V2 chat events (`POST /v2/chat`): one event at a time ({@link chatV2Event}), a whole
 * scripted answer ({@link chatV2Events}), and the `ChatResponse` that answer accumulates to
 * ({@link chatResponseOf}).
 *
 * @module
 */
import type { ChatResponse } from '../decoding/schemas/chat-response';
import type { ChatV2Event, Citation } from '../decoding/schemas/v2-chat-events';
import {
  argumentsOf,
  DEFAULT_RESPONSE_ID,
  DEFAULT_USAGE,
  finishReasonOf,
  fragmentsOf,
  piecesOf,
  textOf,
  toolCallId,
  type ChatScript,
  type ScriptedCitation,
} from './chat-script';

/**
 * Short builders for single V2 chat events, shaped as api.cohere.com sends them (for
 * instance, `message-start` carries the empty arrays real streams carry).
 *
 * @example
 * ```ts
 * import { chatV2Event } from 'cohere-rx/testing';
 *
 * const events = [chatV2Event.start('resp-7'), chatV2Event.contentStart(0), chatV2Event.text('Hello'), chatV2Event.contentEnd(0), chatV2Event.end()];
 * ```
 */
export const chatV2Event = {
  /** `message-start` with the response id. */
  start: (id = DEFAULT_RESPONSE_ID): ChatV2Event => ({
    type: 'message-start',
    id,
    delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
  }),
  /** `content-start` of block `index`, a `text` block or a `thinking` one. */
  contentStart: (index = 0, type: 'text' | 'thinking' = 'text'): ChatV2Event => ({
    type: 'content-start',
    index,
    delta: { message: { content: type === 'text' ? { type, text: '' } : { type, thinking: '' } } },
  }),
  /** `content-delta` carrying a piece of text for block `index`. */
  text: (text: string, index = 0): ChatV2Event => ({ type: 'content-delta', index, delta: { message: { content: { text } } } }),
  /** `content-delta` carrying a piece of thinking for block `index`. */
  thinking: (thinking: string, index = 0): ChatV2Event => ({ type: 'content-delta', index, delta: { message: { content: { thinking } } } }),
  /** `content-end` of block `index`. */
  contentEnd: (index = 0): ChatV2Event => ({ type: 'content-end', index }),
  /** `tool-plan-delta` carrying a piece of the tool plan. */
  plan: (tool_plan: string): ChatV2Event => ({ type: 'tool-plan-delta', delta: { message: { tool_plan } } }),
  /** `tool-call-start` of call `index`, with its id and function name (arguments `''`). */
  callStart: (index: number, id: string, name: string): ChatV2Event => ({
    type: 'tool-call-start',
    index,
    delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } },
  }),
  /** `tool-call-delta` carrying a fragment of call `index`'s arguments. */
  args: (index: number, fragment: string): ChatV2Event => ({
    type: 'tool-call-delta',
    index,
    delta: { message: { tool_calls: { function: { arguments: fragment } } } },
  }),
  /** `tool-call-end` of call `index`. */
  callEnd: (index: number): ChatV2Event => ({ type: 'tool-call-end', index }),
  /** `citation-start` of citation number `index`. */
  citation: (index: number, citation: Citation): ChatV2Event => ({ type: 'citation-start', index, delta: { message: { citations: citation } } }),
  /** `citation-end` of citation number `index`. */
  citationEnd: (index: number): ChatV2Event => ({ type: 'citation-end', index }),
  /** `message-end` with the finish reason and {@link DEFAULT_USAGE}; `extra` members of `delta` (`usage`, `error`) win. */
  end: (finish_reason = 'COMPLETE', extra: Readonly<Record<string, unknown>> = {}): ChatV2Event => ({
    type: 'message-end',
    delta: { finish_reason, usage: DEFAULT_USAGE, ...extra },
  }),
};

/** The citation a V2 stream carries for a scripted one, in text block `block`. */
function citationOf(citation: ScriptedCitation, block: number): Citation {
  return {
    start: citation.start,
    end: citation.end,
    text: citation.text,
    sources: [...(citation.sources ?? [])],
    type: 'TEXT_CONTENT',
    ...(block === 0 ? {} : { content_index: block }),
  };
}

/** The pair of events of citation `index`. */
function citationEvents(citation: ScriptedCitation, index: number, block: number): ChatV2Event[] {
  return [chatV2Event.citation(index, citationOf(citation, block)), chatV2Event.citationEnd(index)];
}

/**
 * The events of a V2 chat stream that carries a scripted answer, in the order api.cohere.com
 * sends them: `message-start`; the thinking block; the tool plan; each tool call
 * (`tool-call-start`, its argument fragments, `tool-call-end`); the text block with its
 * citations placed as `script.citationPlacement` says; `message-end` with the finish reason,
 * the usage and the error.
 *
 * <span class="informal">A few fields in, the events `decodeEvents(chatV2)` emits out: feed
 * them to `accumulateChat()` and you get {@link chatResponseOf} the same script.</span>
 *
 * @example
 * ```ts
 * import { from, lastValueFrom } from 'rxjs';
 * import { accumulateChat } from 'cohere-rx';
 * import { chatV2Events } from 'cohere-rx/testing';
 *
 * const events = chatV2Events({ text: ['Hello', ', world'] });
 * const response = await lastValueFrom(from(events).pipe(accumulateChat()));
 * console.log(response.message.content); // [{ type: 'text', text: 'Hello, world' }]
 * ```
 *
 * @param script The answer.
 * @returns The events, message-start to message-end.
 */
export function chatV2Events(script: ChatScript): ChatV2Event[] {
  const events = [chatV2Event.start(script.id ?? DEFAULT_RESPONSE_ID)];
  let block = 0;
  if (script.thinking !== undefined) {
    events.push(
      chatV2Event.contentStart(block, 'thinking'),
      ...piecesOf(script.thinking).map((piece) => chatV2Event.thinking(piece, block)),
      chatV2Event.contentEnd(block),
    );
    block++;
  }
  events.push(...piecesOf(script.toolPlan).map(chatV2Event.plan));
  (script.toolCalls ?? []).forEach((call, index) => {
    events.push(
      chatV2Event.callStart(index, toolCallId(call, index), call.name),
      ...fragmentsOf(call).map((fragment) => chatV2Event.args(index, fragment)),
      chatV2Event.callEnd(index),
    );
  });
  const citations = script.citations ?? [];
  const placement = script.citationPlacement ?? 'end-of-block';
  let cited = 0;
  const citeUpTo = (length: number) => {
    for (; cited < citations.length && (citations[cited]?.end ?? 0) <= length; cited++) {
      events.push(...citationEvents(citations[cited] as ScriptedCitation, cited, block));
    }
  };
  if (script.text !== undefined) {
    events.push(chatV2Event.contentStart(block));
    let length = 0;
    for (const piece of piecesOf(script.text)) {
      events.push(chatV2Event.text(piece, block));
      length += piece.length;
      if (placement === 'inline') citeUpTo(length);
    }
    if (placement !== 'after-block') citeUpTo(Number.POSITIVE_INFINITY);
    events.push(chatV2Event.contentEnd(block));
  }
  citeUpTo(Number.POSITIVE_INFINITY);
  const usage = script.usage ?? DEFAULT_USAGE;
  events.push(chatV2Event.end(finishReasonOf(script, 'TOOL_CALL'), { usage, ...(script.error === undefined ? {} : { error: script.error }) }));
  return events;
}

/**
 * The `ChatResponse` that `accumulateChat()` assembles from the events of a scripted answer
 * (whichever way they are framed, split or timed): what to expect at the end of a V2 pipeline.
 *
 * @example
 * ```ts
 * import { chatResponseOf } from 'cohere-rx/testing';
 *
 * const expected = chatResponseOf({ text: ['Hello', ', world'] });
 * console.log(expected.message.content); // [{ type: 'text', text: 'Hello, world' }]
 * ```
 *
 * @param script The answer.
 * @returns The final response: `id`, `finish_reason`, `message` (content blocks, tool plan,
 *   tool calls, citations, each only when the answer has them), `usage`, and `error` when set.
 */
export function chatResponseOf(script: ChatScript): ChatResponse {
  const block = script.thinking === undefined ? 0 : 1;
  const toolCalls = (script.toolCalls ?? []).map((call, index) => ({
    id: toolCallId(call, index),
    type: 'function',
    function: { name: call.name, arguments: argumentsOf(call) },
  }));
  const citations = (script.citations ?? []).map((citation) => citationOf(citation, block));
  const plan = textOf(script.toolPlan);
  return {
    id: script.id ?? DEFAULT_RESPONSE_ID,
    finish_reason: finishReasonOf(script, 'TOOL_CALL'),
    message: {
      role: 'assistant',
      content: [
        ...(script.thinking === undefined ? [] : [{ type: 'thinking' as const, thinking: textOf(script.thinking) }]),
        ...(script.text === undefined ? [] : [{ type: 'text' as const, text: textOf(script.text) }]),
      ],
      ...(plan === '' ? {} : { tool_plan: plan }),
      ...(toolCalls.length === 0 ? {} : { tool_calls: toolCalls }),
      ...(citations.length === 0 ? {} : { citations }),
    },
    usage: script.usage ?? DEFAULT_USAGE,
    ...(script.error === undefined ? {} : { error: script.error }),
  };
}
