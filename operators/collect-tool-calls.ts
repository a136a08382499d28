import { filter, map, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../lib/decoding/decoder';
import type { JsonObject } from '../lib/decoding/schemas/shared';
import type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../lib/decoding/schemas/v2-chat-events';
import { ToolCallArgumentsError } from '../lib/errors/index';
import { completeArguments, assembleToolCalls, type ToolCallProgress, type ToolCallsOptions } from '../lib/accumulate/tool-call-assembler';

/** A complete tool call whose arguments are a JSON object. */
export interface CompletedToolCall {
  /** The call's position among the turn's tool calls (V2 `index`, V1 `tool_call_delta.index` or position). */
  readonly index: number;
  /** The call's id, for the tool result (V2 streams only). */
  readonly id?: string;
  /** The tool the model called. */
  readonly name: string;
  /** The arguments as JSON text: as streamed, or `JSON.stringify` of V1 `parameters` that did not stream. */
  readonly arguments: string;
  /** The arguments, parsed (`{}` for a call without arguments). */
  readonly parsed: JsonObject;
  /** Never set on a valid call: lets `call.error` be read on a {@link CompletedToolCall} | {@link InvalidToolCall}. */
  readonly error?: undefined;
}

/** A complete tool call whose arguments are not a JSON object (emitted with `invalidArguments: 'emit'`). */
export interface InvalidToolCall {
  /** The call's position among the turn's tool calls. */
  readonly index: number;
  /** The call's id (V2 streams only). */
  readonly id?: string;
  /** The tool the model called. */
  readonly name: string;
  /** The arguments text, as streamed. */
  readonly arguments: string;
  /** There is no arguments object. */
  readonly parsed: undefined;
  /** Why the arguments are not a JSON object. */
  readonly error: ToolCallArgumentsError;
}

/** The complete call of a call in progress: its arguments parsed, or the error when `emit` allows it. */
function toCompletedToolCall(call: ToolCallProgress, emitInvalid: boolean): CompletedToolCall | InvalidToolCall {
  const base = { index: call.index, ...(call.id === undefined ? {} : { id: call.id }), name: call.name, arguments: call.arguments };
  try {
    return { ...base, parsed: completeArguments(call) };
  } catch (error) {
    if (!emitInvalid || !(error instanceof ToolCallArgumentsError)) throw error;
    return { ...base, parsed: undefined, error };
  }
}

/**
 * Emits each tool call of a chat stream as soon as it is complete, with its arguments parsed.
 *
 * <span class="informal">Chat events (V2 or V1) in, one complete call per tool call out, at
 * its end: index, id, name, the arguments text and the parsed object.</span>
 *
 * ```text
 * source:  -a-b-c-d-e-f-g-|
 * > collectToolCalls()
 * result:  -------P---Q---|
 *
 * a: tool-call-start 0 (weather)   b: tool-call-delta 0 '{"city"'   c: tool-call-delta 0 ':"Paris"}'
 * d: tool-call-end 0   e: tool-call-start 1 (time)   f: tool-call-end 1   g: message-end
 * P: { index: 0, name: 'weather', parsed: { city: 'Paris' } }   Q: { index: 1, name: 'time', parsed: {} }
 * ```
 *
 * 1. V2 chat: calls are kept by `index` (a missing index is 0). `tool-call-start` opens a call
 *    with its `id` and `function.name`; each `tool-call-delta` appends a fragment of the
 *    arguments JSON text (pretty-printed or compact, split anywhere); at `tool-call-end` the
 *    call is emitted (a call still open at `message-end` is emitted then: the message is
 *    over). A call with no delta has arguments `""`, parsed as `{}`. A delta or end
 *    for an index no start opened is a {@link StreamOrderError} (`not-started`) whose
 *    `partial` lists the calls still open.
 * 2. V1 chat (api.cohere.com, Bedrock, SageMaker): `tool-calls-chunk` parameter fragments are
 *    joined by `tool_call_delta.index`, with the name of the call's first chunk; tool-plan
 *    chunks (`text` only) are ignored. Such a call is emitted when a chunk of the next call
 *    arrives, at `tool-calls-generation`, or at `stream-end`. Each call of the consolidated
 *    `tool-calls-generation` whose position no chunked call had is emitted too, with
 *    `parsed` the `parameters` object and `arguments` its `JSON.stringify`: a call that
 *    streamed as chunks and appears in the generation is emitted once, as streamed.
 * 3. Arguments are parsed with {@link parseToolArguments}: a `"__proto__"` member stays plain
 *    data and no prototype changes.
 * 4. Arguments that are not a JSON object error the stream with {@link ToolCallArgumentsError}
 *    (naming the tool and keeping the text), after the calls before it were emitted: a turn
 *    whose calls cannot all be run is not silently shortened. With
 *    `invalidArguments: 'emit'` the call is emitted as an {@link InvalidToolCall}
 *    (`parsed: undefined`, `error`) and the stream goes on, e.g. to report the error to the
 *    model as that call's tool result.
 * 5. Every other event (text, citations, tool plan, unknown events) is skipped. Only calls
 *    whose end arrived are emitted. The output completes when the source does, provided the
 *    terminal event (`message-end`, `stream-end`, `is_finished: true`) arrived: a stream cut
 *    short (it completes early, or fails after events arrived with a
 *    {@link StreamInterruptedError}, a `DecodeError` or a `SchemaError`, that error then being
 *    `cause`) errors with
 *    {@link IncompleteStreamError} whose `partial` lists the calls still in progress, so an
 *    agent never runs half of a turn's calls as if they were all of them. A cut after the
 *    terminal event completes the output. Events after the terminal event are not checked
 *    ({@link accumulateChat} reports them). Each subscription assembles from scratch.
 *
 * ## Examples
 *
 * ```ts
 * import { chatV2, collectToolCalls, decodeEvents, fromCohere } from 'cohere-rx';
 *
 * fromCohere(endpoint, body)
 *   .pipe(decodeEvents(chatV2), collectToolCalls())
 *   .subscribe((call) => console.log(call.id, call.name, call.parsed)); // weather_e8p4… weather { location: 'San Francisco' }
 * ```
 *
 * Running each call as it arrives, and reporting bad arguments to the model instead of failing:
 *
 * ```ts
 * import { mergeMap } from 'rxjs';
 * import { chatV2, collectToolCalls, decodeEvents } from 'cohere-rx';
 *
 * events$.pipe(
 *   collectToolCalls({ invalidArguments: 'emit' }),
 *   mergeMap(async (call) =>
 *     call.error === undefined
 *       ? { call, result: await tools[call.name](call.parsed) }
 *       : { call, result: { error: call.error.message } },
 *   ),
 * );
 * ```
 *
 * @see {@link partialToolCalls} for every step of each call, for progressive UIs.
 * @param options What to do with invalid arguments.
 * @returns An operator from chat events to complete tool calls.
 * @throws {@link ToolCallArgumentsError}, {@link StreamOrderError} and {@link IncompleteStreamError} as error notifications.
 */
export function collectToolCalls(
  options?: ToolCallsOptions & { readonly invalidArguments?: 'error' | undefined },
): OperatorFunction<ChatV2Event | ChatV1Event | UnknownEvent, CompletedToolCall>;
export function collectToolCalls(
  options: ToolCallsOptions & { readonly invalidArguments: 'emit' },
): OperatorFunction<ChatV2Event | ChatV1Event | UnknownEvent, CompletedToolCall | InvalidToolCall>;
export function collectToolCalls(options?: ToolCallsOptions): OperatorFunction<ChatV2Event | ChatV1Event | UnknownEvent, CompletedToolCall | InvalidToolCall>;
export function collectToolCalls(
  options: ToolCallsOptions = {},
): OperatorFunction<ChatV2Event | ChatV1Event | UnknownEvent, CompletedToolCall | InvalidToolCall> {
  const emitInvalid = options.invalidArguments === 'emit';
  return assembleToolCalls(options, (calls) =>
    calls.pipe(
      filter((call) => call.complete),
      map((call) => toCompletedToolCall(call, emitInvalid)),
    ),
  );
}
