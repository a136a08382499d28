import { map, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../lib/decoding/decoder';
import type { JsonObject } from '../lib/decoding/schemas/shared';
import type { ChatV1Event } from '../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../lib/decoding/schemas/v2-chat-events';
import { ToolCallArgumentsError } from '../lib/errors/index';
import { parsePartialToolArguments } from '../lib/accumulate/partial-json';
import { completeArguments, assembleToolCalls, type ToolCallProgress, type ToolCallsOptions } from '../lib/accumulate/tool-call-assembler';

/** A tool call as far as it has streamed, for progressive UIs. */
export interface PartialToolCall {
  /** The call's position among the turn's tool calls (V2 `index`, V1 `tool_call_delta.index` or position). */
  readonly index: number;
  /** The call's id (V2 streams only). */
  readonly id?: string;
  /** The tool the model called. */
  readonly name: string;
  /** The arguments JSON text so far (all of it once `complete`). */
  readonly arguments: string;
  /**
   * The arguments object so far, as {@link parsePartialToolArguments} reads the text (`undefined`
   * while there is none); once `complete`, the full parse (`{}` for a call without arguments),
   * or `undefined` when the arguments are invalid and `error` is set.
   */
  readonly parsed: JsonObject | undefined;
  /** `true` on the last snapshot of the call, at its end. */
  readonly complete: boolean;
  /** Why the complete arguments are not a JSON object (only with `invalidArguments: 'emit'`). */
  readonly error?: ToolCallArgumentsError;
}

/** Arguments texts up to this length are parsed again after every fragment. */
const PARSE_EVERY_FRAGMENT_UP_TO = 4096;
/** Past it, a text is parsed again once it has grown by this factor: the parses of a call cost O(n) together. */
const PARSE_GROWTH = 1.25;

/** The partial parses of one subscription's calls: the last `parsed` of each call, and the length it was read at. */
class PartialParses {
  readonly #last = new Map<number, { readonly length: number; readonly parsed: JsonObject | undefined }>();

  /** The partial `parsed` of a call in progress: read again, or the last one while the text has not grown enough. */
  of(call: ToolCallProgress): JsonObject | undefined {
    const { length } = call.arguments;
    const last = this.#last.get(call.index);
    if (last !== undefined && length > PARSE_EVERY_FRAGMENT_UP_TO && length < last.length * PARSE_GROWTH) return last.parsed;
    const parsed = parsePartialToolArguments(call.arguments);
    this.#last.set(call.index, { length, parsed });
    return parsed;
  }
}

/** The snapshot of a call in progress: parsed so far, or in full once complete. */
function toPartialToolCall(call: ToolCallProgress, emitInvalid: boolean, parses: PartialParses): PartialToolCall {
  const base = { index: call.index, ...(call.id === undefined ? {} : { id: call.id }), name: call.name, arguments: call.arguments };
  if (!call.complete) return { ...base, parsed: parses.of(call), complete: false };
  try {
    return { ...base, parsed: completeArguments(call), complete: true };
  } catch (error) {
    if (!emitInvalid || !(error instanceof ToolCallArgumentsError)) throw error;
    return { ...base, parsed: undefined, complete: true, error };
  }
}

/**
 * Emits a snapshot of a tool call after each step of its stream, with its arguments parsed as
 * far as they arrived: for UIs that show the calls while the model writes them.
 *
 * <span class="informal">Like {@link collectToolCalls}, but also before the end: after each
 * start and each arguments fragment, then once with `complete: true`.</span>
 *
 * ```text
 * source:  -a-b-c-d-e-|
 * > partialToolCalls()
 * result:  -A-B-C-D---|
 *
 * a: tool-call-start 0 (weather)   b: tool-call-delta 0 '{"city":"Pa'   c: tool-call-delta 0 'ris"}'
 * d: tool-call-end 0   e: message-end
 * A: parsed undefined   B: parsed { city: 'Pa' }   C: parsed { city: 'Paris' }
 * D: parsed { city: 'Paris' }, complete: true
 * ```
 *
 * 1. V2 chat: after each `tool-call-start` and `tool-call-delta` the call is emitted with
 *    `complete: false`, the arguments text so far and `parsed` from
 *    {@link parsePartialToolArguments} (`undefined` before the first fragment); at
 *    `tool-call-end` (or `message-end`, for a call still open then) it is emitted once more
 *    with `complete: true` and the full parse. A delta
 *    or end for an index no start opened is a {@link StreamOrderError} (`not-started`).
 * 2. V1 chat: after each `tool-calls-chunk` with a name or parameters fragment the call is
 *    emitted with `complete: false`; it is emitted with `complete: true` when the next call's
 *    chunk arrives, at `tool-calls-generation` or at `stream-end`. A call that only the
 *    consolidated `tool-calls-generation` carries is emitted once, complete; a call already
 *    chunked is not repeated.
 * 3. Calls are assembled exactly as {@link collectToolCalls} assembles them: the snapshots with
 *    `complete: true` are its calls. Arguments that are not a JSON object error the stream with
 *    {@link ToolCallArgumentsError} at the call's end, or, with `invalidArguments: 'emit'`, end
 *    the call with `parsed: undefined` and `error`.
 * 4. In a partial `parsed`, every value is final except the last string, which grows; a key
 *    or number still being written is left out (see {@link parsePartialToolArguments}).
 *    `__proto__` members are plain data.
 * 5. Each snapshot is a new object. `parsed` is read again after every fragment while the
 *    arguments text is at most 4,096 characters; past that, each time the text has grown by a
 *    quarter (the snapshots between keep the last `parsed`), so the parsing a call costs stays
 *    linear in its text whatever the fragments. The complete call is always parsed in full.
 *    Other events are skipped; each subscription assembles from scratch.
 * 6. As with {@link collectToolCalls}, a stream that ends before its terminal event, or is cut
 *    after events arrived, errors with {@link IncompleteStreamError} listing the calls still in
 *    progress; events after the terminal event are not checked.
 *
 * ## Examples
 *
 * ```ts
 * import { chatV2, decodeEvents, partialToolCalls } from 'cohere-rx';
 *
 * events$.pipe(partialToolCalls()).subscribe((call) => {
 *   renderToolCall(call.index, call.name, call.parsed ?? {}, call.complete ? 'ready' : 'writing…');
 * });
 * ```
 *
 * The latest snapshot of each call, by index:
 *
 * ```ts
 * import { scan } from 'rxjs';
 * import { partialToolCalls, type PartialToolCall } from 'cohere-rx';
 *
 * events$.pipe(
 *   partialToolCalls(),
 *   scan((calls, call) => new Map(calls).set(call.index, call), new Map<number, PartialToolCall>()),
 * );
 * ```
 *
 * @see {@link collectToolCalls} for the complete calls only.
 * @param options What to do with invalid arguments at a call's end.
 * @returns An operator from chat events to tool-call snapshots.
 * @throws {@link ToolCallArgumentsError}, {@link StreamOrderError} and {@link IncompleteStreamError} as error notifications.
 */
export function partialToolCalls(options: ToolCallsOptions = {}): OperatorFunction<ChatV2Event | ChatV1Event | UnknownEvent, PartialToolCall> {
  const emitInvalid = options.invalidArguments === 'emit';
  return assembleToolCalls(options, (calls) => {
    const parses = new PartialParses();
    return calls.pipe(map((call) => toPartialToolCall(call, emitInvalid, parses)));
  });
}
