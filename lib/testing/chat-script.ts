/**
 * The short description of a chat answer that the chat builders of `cohere-rx/testing` turn
 * into V2 and V1 events, wire frames and the final value those frames accumulate to.
 *
 * @module
 */
import type { Source, Usage } from '../decoding/schemas/v2-chat-events';

/** Text given whole (one piece) or as the pieces a stream carries it in, in order. */
export type Pieces = string | readonly string[];

/** A tool call of a scripted answer. */
export interface ScriptedToolCall {
  /** The tool's name. */
  readonly name: string;
  /**
   * The call's id (V2 only).
   *
   * @defaultValue `<name>_<position>`, such as `search_0`
   */
  readonly id?: string | undefined;
  /**
   * The arguments: an object (sent as its JSON text) or the raw text as the model wrote it
   * (which may be invalid JSON, to test how a pipeline reports it).
   *
   * @defaultValue `''`: no arguments, as Cohere streams a call without parameters
   */
  readonly arguments?: Readonly<Record<string, unknown>> | string | undefined;
  /**
   * How the arguments text is streamed: in that many fragments of nearly equal length, or as
   * these exact fragments (then their concatenation is the arguments text and `arguments` is
   * not read).
   *
   * @defaultValue `1`: the whole text in one fragment (none when it is empty)
   */
  readonly fragments?: number | readonly string[] | undefined;
}

/** A citation of a scripted answer: a span of the answer text, backed by sources. */
export interface ScriptedCitation {
  /** Offset of the span's first character in the answer text. */
  readonly start: number;
  /** Offset just past the span's last character. */
  readonly end: number;
  /** The cited text (`text.slice(start, end)` of the answer). */
  readonly text: string;
  /**
   * Where it comes from, as V2 sources: `{ type: 'document', id, document }` or
   * `{ type: 'tool', id, tool_output }`. V1 streams carry their ids as `document_ids`, and
   * the documents themselves in `search-results`.
   */
  readonly sources?: readonly Source[] | undefined;
}

/**
 * Where a V2 stream carries its citations: right after the delta that completes each span
 * (`'inline'`, as Cohere's API reference shows), after the last delta of the text block
 * (`'end-of-block'`, as Cohere's RAG guide shows), or after the block ends (`'after-block'`, as
 * some recordings show).
 */
export type CitationPlacement = 'inline' | 'end-of-block' | 'after-block';

/**
 * A chat answer, described in a few fields: the builders turn it into the events of a V2 or V1
 * stream and into the final value those events accumulate to.
 *
 * @example
 * ```ts
 * import type { ChatScript } from 'cohere-rx/testing';
 *
 * const answer: ChatScript = {
 *   text: ['The emperor', ' penguin is', ' the tallest.'],
 *   citations: [{ start: 4, end: 19, text: 'emperor penguin', sources: [{ type: 'document', id: 'doc_0', document: { title: 'Penguins' } }] }],
 * };
 * ```
 */
export interface ChatScript {
  /**
   * The response id (V2 `id`, V1 `response_id`).
   *
   * @defaultValue `'resp-1'`
   */
  readonly id?: string | undefined;
  /**
   * The V1 `generation_id`.
   *
   * @defaultValue `'gen-1'`
   */
  readonly generationId?: string | undefined;
  /** A reasoning model's thinking, streamed as a `thinking` block before the text (V2 only). */
  readonly thinking?: Pieces | undefined;
  /** The tool plan streamed before the tool calls. */
  readonly toolPlan?: Pieces | undefined;
  /** The tool calls, in order. */
  readonly toolCalls?: readonly ScriptedToolCall[] | undefined;
  /** The answer text; absent for a turn that only calls tools. */
  readonly text?: Pieces | undefined;
  /** Citations of the answer text. */
  readonly citations?: readonly ScriptedCitation[] | undefined;
  /**
   * Where a V2 stream carries the citations.
   *
   * @defaultValue `'end-of-block'`
   */
  readonly citationPlacement?: CitationPlacement | undefined;
  /**
   * Why generation stopped.
   *
   * @defaultValue `'ERROR'` with an `error`, else `'TOOL_CALL'` (V2) when there are tool calls, else `'COMPLETE'`
   */
  readonly finishReason?: string | undefined;
  /**
   * Token counts, in the V2 shape (V1 streams report them as `meta`).
   *
   * @defaultValue {@link DEFAULT_USAGE}
   */
  readonly usage?: Usage | undefined;
  /** The error message a V2 `message-end` reports when generation failed inside the stream. */
  readonly error?: string | undefined;
}

/** The usage the builders report when a script gives none. */
export const DEFAULT_USAGE: Usage = Object.freeze({
  billed_units: { input_tokens: 5, output_tokens: 2 },
  tokens: { input_tokens: 50, output_tokens: 2 },
  cached_tokens: 1,
});

/** The response id the builders use when a script gives none. */
export const DEFAULT_RESPONSE_ID = 'resp-1';

/** The V1 generation id the builders use when a script gives none. */
export const DEFAULT_GENERATION_ID = 'gen-1';

/**
 * The pieces of a text: a string is one piece (none when empty).
 *
 * @internal
 */
export function piecesOf(text: Pieces | undefined): string[] {
  if (text === undefined) return [];
  if (typeof text === 'string') return text === '' ? [] : [text];
  return [...text];
}

/**
 * The whole text of pieces.
 *
 * @internal
 */
export function textOf(text: Pieces | undefined): string {
  return piecesOf(text).join('');
}

/**
 * The arguments text of a scripted tool call.
 *
 * @internal
 */
export function argumentsOf(call: ScriptedToolCall): string {
  if (Array.isArray(call.fragments)) return call.fragments.join('');
  if (call.arguments === undefined) return '';
  return typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments);
}

/**
 * The fragments a scripted tool call's arguments are streamed in.
 *
 * @internal
 */
export function fragmentsOf(call: ScriptedToolCall): string[] {
  if (typeof call.fragments === 'object') return call.fragments.filter((fragment) => fragment !== '');
  return splitInto(argumentsOf(call), typeof call.fragments === 'number' ? call.fragments : 1);
}

/** Cuts a text into `count` pieces of nearly equal length, never inside a character (none for an empty text). */
function splitInto(text: string, count: number): string[] {
  const characters = Array.from(text);
  const pieces = Math.max(1, Math.min(Math.floor(count), characters.length));
  const out: string[] = [];
  for (let piece = 0; piece < pieces && characters.length > 0; piece++) {
    const from = Math.round((piece * characters.length) / pieces);
    const to = Math.round(((piece + 1) * characters.length) / pieces);
    out.push(characters.slice(from, to).join(''));
  }
  return out;
}

/**
 * The id of the `position`-th scripted tool call.
 *
 * @internal
 */
export function toolCallId(call: ScriptedToolCall, position: number): string {
  return call.id ?? `${call.name}_${position}`;
}

/**
 * Why a scripted chat answer stopped.
 *
 * @internal
 */
export function finishReasonOf(script: ChatScript, toolCallReason: string): string {
  if (script.finishReason !== undefined) return script.finishReason;
  if (script.error !== undefined) return 'ERROR';
  return (script.toolCalls?.length ?? 0) > 0 ? toolCallReason : 'COMPLETE';
}
