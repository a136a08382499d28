/**
 * How `collectToolCalls()` and `partialToolCalls()` assemble tool calls from chat events: one
 * assembler per subscription, so the two operators cannot drift apart.
 *
 * @module
 */
import { concatMap, tap, type Observable, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../decoding/decoder';
import { chatV1, chatV2, type ChatEvent } from '../decoding/protocols';
import type { JsonObject } from '../decoding/schemas/shared';
import type { ChatV1Event } from '../decoding/schemas/v1-chat-events';
import type { ToolCallV2 } from '../decoding/schemas/v2-chat-events';
import { ItemLimitError, StreamOrderError, ToolCallArgumentsError } from '../errors/index';
import { completeStream, maxItemsOption, type ItemOptions } from './complete-stream';
import { argumentsText, parseToolArguments } from './tool-call-arguments';
import { callDeltaOf, chunkIndex, startedCall, withArgumentsDelta, withChunk, type ToolCallChunks } from './tool-calls';

/** Options of `collectToolCalls()` and `partialToolCalls()`. */
export interface ToolCallsOptions extends ItemOptions {
  /**
   * What to do with a complete call whose arguments are not a JSON object: `'error'` the stream
   * with {@link ToolCallArgumentsError} (after the calls before it were emitted), or `'emit'`
   * the call with `parsed: undefined` and the error in `error`, and go on.
   *
   * @defaultValue `'error'`
   */
  readonly invalidArguments?: 'error' | 'emit' | undefined;
}

/**
 * A tool call as far as it has streamed: what the `IncompleteStreamError` of `collectToolCalls()`
 * and `partialToolCalls()` lists as `partial` (see `isIncompleteToolCalls`).
 */
export interface ToolCallProgress {
  /** The call's position among the turn's tool calls. */
  readonly index: number;
  /** The call's id (V2 streams only). */
  readonly id: string | undefined;
  /** The tool's name (`""` if the stream never named it). */
  readonly name: string;
  /** The arguments text so far. */
  readonly arguments: string;
  /** The arguments object, when the stream carried an object (V1 `tool-calls-generation`) rather than text. */
  readonly parameters: JsonObject | undefined;
  /** Why the arguments the stream carried as an object cannot be used (nested too deep to write as text). */
  readonly invalid?: ToolCallArgumentsError | undefined;
  /** Whether the call is complete. */
  readonly complete: boolean;
}

/**
 * The complete arguments of a complete call: the object the stream carried, or its text parsed.
 *
 * @internal
 * @throws {@link ToolCallArgumentsError} when the text is not a JSON object.
 */
export function completeArguments(call: ToolCallProgress): JsonObject {
  if (call.invalid !== undefined) throw call.invalid;
  return call.parameters ?? parseToolArguments(call.arguments, { toolName: call.name, index: call.index, id: call.id });
}

/** The complete call of an arguments object (V1 `tool-calls-generation`): its JSON text with it, or why there is none. */
function objectCall(index: number, name: string, parameters: JsonObject): ToolCallProgress {
  const text = argumentsText(parameters, { toolName: name, index });
  return typeof text === 'string'
    ? { index, id: undefined, name, arguments: text, parameters, complete: true }
    : { index, id: undefined, name, arguments: '', parameters: undefined, invalid: text, complete: true };
}

function isChatV1Event(event: ChatEvent): event is ChatV1Event {
  return 'event_type' in event;
}

/** The progress of a V2 call, from what the V2 reducer holds (a call without an id has none). */
function v2Progress(index: number, call: ToolCallV2, complete: boolean): ToolCallProgress {
  return {
    index,
    id: call.id === '' ? undefined : call.id,
    name: call.function?.name ?? '',
    arguments: call.function?.arguments ?? '',
    parameters: undefined,
    complete,
  };
}

/** The progress of a V1 chunked call, from what the V1 reducer holds. */
function v1Progress(index: number, call: ToolCallChunks, complete: boolean): ToolCallProgress {
  return { index, id: undefined, name: call.name, arguments: call.parameters, parameters: undefined, complete };
}

/**
 * The tool-call assembly behind `collectToolCalls()` and `partialToolCalls()`: `feed` takes one
 * chat event at a time and gives the calls it changed, in order (new objects each time; a call
 * appears with `complete: true` once), and `open` lists the calls still in progress. Build one
 * per stream.
 *
 * - V2: calls are keyed by `index` (missing means 0). `tool-call-start` opens one with its `id`,
 *   `function.name` and `function.arguments` (normally `""`); `tool-call-delta` appends an
 *   arguments fragment; `tool-call-end` completes it. A delta or end for an index that is not
 *   open throws {@link StreamOrderError} (`not-started`), whose `partial` is the open calls.
 *   A second start for an open index starts that call over. `message-end` completes the calls
 *   still open (their `tool-call-end` never came; the message is over all the same).
 * - V1: `tool-calls-chunk` events with a `tool_call_delta` that has a `name` or `parameters`
 *   build one call at a time, by `tool_call_delta.index` (missing means 0); the first name a
 *   call gets is kept. Tool-plan chunks (`text` only) are ignored. The call is complete when a
 *   chunk of another index arrives, at `tool-calls-generation`, or at `stream-end`.
 *   `tool-calls-generation` then adds each of its `tool_calls` whose position no chunked call
 *   had, complete, with `parameters` and their `JSON.stringify` as arguments (parameters nested
 *   too deep for that are invalid arguments: a {@link ToolCallArgumentsError}).
 *
 * @internal
 */
export function createToolCallAssembler(): {
  readonly feed: (event: ChatEvent) => ToolCallProgress[];
  readonly open: () => ToolCallProgress[];
  /** How many calls the stream has started so far, for `maxItems`. */
  readonly started: () => number;
} {
  let count = 0;
  /** V2 calls started and not ended, by index, as the V2 reducer holds them. */
  const open = new Map<number, ToolCallV2>();
  /** The V1 call being chunked, as the V1 reducer holds it, and its index. */
  let chunked: { readonly index: number; readonly call: ToolCallChunks } | undefined;
  const chunkedIndexes = new Set<number>();

  const finishChunked = (): ToolCallProgress[] => {
    if (chunked === undefined) return [];
    const done = v1Progress(chunked.index, chunked.call, true);
    chunked = undefined;
    return [done];
  };
  const openCalls = (): ToolCallProgress[] => [...open].map(([index, call]) => v2Progress(index, call, false));
  const started = (event: { type: string; index?: number | null | undefined }): [number, ToolCallV2] => {
    const index = event.index ?? 0;
    const call = open.get(index);
    if (call !== undefined) return [index, call];
    throw new StreamOrderError({
      protocol: 'chatV2',
      reason: 'not-started',
      eventType: event.type,
      index,
      expected: `a "tool-call-start" with index ${index} first`,
      partial: openCalls(),
    });
  };

  const feed = (event: ChatEvent): ToolCallProgress[] => {
    if (isChatV1Event(event)) {
      switch (event.event_type) {
        case 'tool-calls-chunk': {
          const delta = callDeltaOf(event);
          if (delta === undefined) return [];
          const index = chunkIndex(delta);
          const done = chunked?.index === index ? [] : finishChunked();
          if (done.length > 0 || chunked === undefined) count++;
          chunked = { index, call: withChunk(chunked?.call, delta) };
          chunkedIndexes.add(index);
          return [...done, v1Progress(index, chunked.call, false)];
        }
        case 'tool-calls-generation': {
          const calls = finishChunked();
          (event.tool_calls ?? []).forEach((call, index) => {
            if (chunkedIndexes.has(index)) return;
            count++;
            calls.push(objectCall(index, call.name ?? '', call.parameters ?? {}));
          });
          chunkedIndexes.clear();
          return calls;
        }
        case 'stream-end':
          return finishChunked();
        default:
          return [];
      }
    }
    switch (event.type) {
      case 'tool-call-start': {
        const index = event.index ?? 0;
        const call = startedCall(event);
        count++;
        open.set(index, call);
        return [v2Progress(index, call, false)];
      }
      case 'tool-call-delta': {
        const [index, call] = started(event);
        const next = withArgumentsDelta(call, event);
        open.set(index, next);
        return [v2Progress(index, next, false)];
      }
      case 'tool-call-end': {
        const [index, call] = started(event);
        open.delete(index);
        return [v2Progress(index, call, true)];
      }
      case 'message-end': {
        // The message is over, so is every call in it, with or without its tool-call-end.
        const calls = [...open].map(([index, call]) => v2Progress(index, call, true));
        open.clear();
        return calls;
      }
      default:
        return [];
    }
  };
  return {
    feed,
    open: () => (chunked === undefined ? openCalls() : [...openCalls(), v1Progress(chunked.index, chunked.call, false)]),
    started: () => count,
  };
}

/**
 * The pipeline of the tool-call operators: the calls assembled from the known events, under the
 * completeness rule (`partial` is the calls still in progress), at most `maxItems` of them. A
 * stream that starts over is assembled from scratch, unless the operator already emitted calls
 * (then a `StreamRestartedError`, whose `partial` counts them: they cannot be taken back).
 *
 * @internal
 */
export function assembleToolCalls<R>(
  options: ToolCallsOptions,
  emit: (calls: Observable<ToolCallProgress>) => Observable<R>,
): OperatorFunction<ChatEvent | UnknownEvent, R> {
  const maxItems = maxItemsOption(options.maxItems);
  return completeStream<ChatEvent, R, ToolCallProgress[]>([chatV2, chatV1], (events, progress) => {
    let assembler = createToolCallAssembler();
    let emitted = 0;
    const feed = (event: ChatEvent): ToolCallProgress[] => {
      if (progress.restartedNow) {
        if (emitted > 0) throw progress.restarted(assembler.open());
        assembler = createToolCallAssembler();
      }
      const calls = assembler.feed(event);
      if (assembler.started() > maxItems) throw new ItemLimitError({ protocol: progress.protocol.name, limit: maxItems, partial: assembler.open() });
      return calls;
    };
    return {
      output: emit(events.pipe(concatMap(feed))).pipe(tap(() => emitted++)),
      partial: () => assembler.open(),
    };
  });
}
