/**
 * The pure reducer behind `accumulateGenerate()`: folds the events of a generate stream into a
 * {@link GenerateSnapshot}, and turns a complete snapshot into the final `GenerateStreamEnd`.
 * It works without RxJS too (a `for await` loop, a worker).
 *
 * @module
 */
import { generate } from '../decoding/protocols';
import {
  EOS_TOKEN,
  type GenerateEvent,
  type GenerateStreamEnd,
  type GenerateStreamEndEvent,
  type GenerateStreamErrorEvent,
  type GenerateTextGenerationEvent,
  type SingleGenerationInStream,
} from '../decoding/schemas/generate-events';
import { StreamOrderError, TextMismatchError } from '../errors/index';
import type { Fold } from './complete-stream';
import { appended, NO_ITEMS, positionOf, replaced } from './indexed-items';

/**
 * The generation a generate event belongs to: its `index`, where a missing (or `null`) index
 * is 0, as with a single generation.
 *
 * @param event A `text-generation`, `stream-error` or `stream-end` event.
 * @returns The generation index.
 * @internal
 */
export function generationIndex(event: GenerateEvent): number {
  return event.index ?? 0;
}

/** What the stream has said so far about one generation. */
export interface GenerationSnapshot {
  /** The generation's `index` (a missing index is 0). */
  readonly index: number;
  /** The `text` of its `text-generation` events, concatenated, `<EOS_TOKEN>` chunks left out. */
  readonly text: string;
  /** How many `text-generation` events carried its text (`<EOS_TOKEN>` chunks are not counted). */
  readonly chunks: number;
  /** Its `stream-error` (with `err` and `finish_reason`) when it failed, else `undefined`. */
  readonly streamError: GenerateStreamErrorEvent | undefined;
}

/**
 * Everything a generate stream has carried so far: each generation's text and failure, and the
 * terminal event once it arrived. Snapshots are never changed: each event gives a new one.
 */
export interface GenerateSnapshot {
  /** The generations the stream has mentioned, in order of first appearance. */
  readonly generations: readonly GenerationSnapshot[];
  /** The `index` of each of `generations`, position by position. */
  readonly indexes: readonly number[];
  /** The terminal event (`stream-end`, or a `text-generation` with `is_finished: true`), once it arrived. */
  readonly terminal: GenerateStreamEndEvent | GenerateTextGenerationEvent | undefined;
}

/** The {@link GenerateSnapshot} before any event: the seed of {@link reduceGenerate}. */
export const emptyGenerateSnapshot: GenerateSnapshot = Object.freeze({ generations: NO_ITEMS, indexes: NO_ITEMS, terminal: undefined });

/**
 * Folds one generate event into a snapshot and returns the next snapshot; the one given is
 * left unchanged.
 *
 * <span class="informal">A pure `(snapshot, event) => snapshot` step: text appended per
 * generation, failures recorded, the terminal event kept; impossible orders thrown.</span>
 *
 * ```text
 * events:    {tg 0 " Hi"}  {tg 1 " Yo"}  {se 1 ERROR}  {tg 0 "!"}  {stream-end}
 * snapshots: 0:" Hi"       0:" Hi"       0:" Hi"       0:" Hi!"    0:" Hi!"
 *                          1:" Yo"       1:" Yo" ✗     1:" Yo" ✗   1:" Yo" ✗  terminal
 * ```
 *
 * 1. A `text-generation` event appends its `text` to the text of generation `index` (a
 *    missing index is 0), created on its first event. Strings are concatenated; the list of
 *    generations is copied once per event (O(k) for k generations: `accumulateGenerate()` folds
 *    in place instead, O(1) per event, and bounds k with `maxItems`).
 * 2. A text chunk that is exactly `<EOS_TOKEN>` (Command on Bedrock) is a marker, not text: it
 *    changes nothing, except that its `is_finished: true` still ends the stream.
 * 3. A `stream-error` records the failure on its generation (`streamError`, with `err` and
 *    `finish_reason`); the other generations go on. A generation may fail before its first text.
 * 4. `stream-end`, or a `text-generation` event with `is_finished: true`, is the terminal event
 *    and is kept in `terminal`.
 * 5. An event after the terminal event, and an event for a generation after its `stream-error`,
 *    throw {@link StreamOrderError} (`after-terminal`) with the snapshot so far as `partial`.
 *
 * ## Example
 *
 * ```ts
 * import { emptyGenerateSnapshot, toGenerateStreamEnd, reduceGenerate, type GenerateEvent } from 'cohere-rx';
 *
 * const events: GenerateEvent[] = [
 *   { event_type: 'text-generation', text: ' Hi', is_finished: false },
 *   { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE' },
 * ];
 * const snapshot = events.reduce(reduceGenerate, emptyGenerateSnapshot);
 * toGenerateStreamEnd(snapshot); // { generations: [{ index: 0, text: ' Hi', finish_reason: 'COMPLETE' }] }
 * ```
 *
 * @param snapshot The snapshot so far ({@link emptyGenerateSnapshot} at first).
 * @param event The next event.
 * @returns The next snapshot.
 * @throws {@link StreamOrderError} for an event the stream cannot carry at this point.
 */
export function reduceGenerate(snapshot: GenerateSnapshot, event: GenerateEvent): GenerateSnapshot {
  return fold(snapshot, event, false);
}

/**
 * {@link reduceGenerate} for a fold that never shows its snapshots to anyone
 * (`accumulateGenerate()`): it changes its own list of generations in place and finds a
 * generation through a map, O(1) per event whatever the indexes. The value it folds to is the same.
 *
 * @internal
 */
export function reduceGenerateInPlace(snapshot: GenerateSnapshot, event: GenerateEvent): GenerateSnapshot {
  return fold(snapshot, event, true);
}

function fold(snapshot: GenerateSnapshot, event: GenerateEvent, owned: boolean): GenerateSnapshot {
  if (snapshot.terminal !== undefined) {
    throw outOfOrder(snapshot, event, `nothing after the terminal "${snapshot.terminal.event_type}" event`);
  }
  if (event.event_type === 'stream-end') return { ...snapshot, terminal: event };
  const index = generationIndex(event);
  const position = positionOf(snapshot.indexes, index);
  const before = snapshot.generations[position];
  if (before?.streamError !== undefined) {
    throw outOfOrder(snapshot, event, `no event for generation ${index} after its "stream-error"`);
  }
  const terminal = generate.isTerminal(event) ? (event as GenerateStreamEndEvent | GenerateTextGenerationEvent) : undefined;
  let generation: GenerationSnapshot;
  if (event.event_type === 'stream-error') {
    generation = { ...(before ?? blank(index)), streamError: event };
  } else if (event.text === EOS_TOKEN) {
    return terminal === undefined ? snapshot : { ...snapshot, terminal };
  } else {
    const { text, chunks } = before ?? blank(index);
    generation = { index, text: text + (event.text ?? ''), chunks: chunks + 1, streamError: undefined };
  }
  if (position >= 0) return { generations: replaced(snapshot.generations, position, generation, owned), indexes: snapshot.indexes, terminal };
  const { items, indexes } = appended({ items: snapshot.generations, indexes: snapshot.indexes }, index, generation, owned);
  return { generations: items, indexes, terminal };
}

/**
 * The final value of a complete {@link GenerateSnapshot}: the `GenerateStreamEnd` that
 * `accumulateGenerate()` emits.
 *
 * 1. When `stream-end` carries a `response` with `generations`, the result is that `response`.
 *    Each of its generations is checked against the text streamed for the same index: a
 *    difference is a {@link TextMismatchError} naming the generation. A generation for which
 *    the stream carried no `text-generation` event at all is taken as the response has it
 *    (there is nothing to check it against; a generation whose every chunk was lost cannot be
 *    told apart from that). A generation that failed in the stream gets the `stream-error`'s
 *    `err` as an extra member and its `finish_reason`, unless the response has its own; one
 *    missing from the response is added at the end, built from the stream. A generation that
 *    streamed text but is missing from the response, without a failure, is a
 *    {@link TextMismatchError} (its final text is empty).
 * 2. Otherwise (Bedrock Command, a `response` without `generations`, or a `text-generation`
 *    with `is_finished: true` as the terminal event) the result is built from the stream:
 *    `{ generations: [{ index, text, finish_reason }] }` sorted by index, the other members of
 *    `response` (and the terminal event's `id`) kept. Each generation's `finish_reason` is its
 *    `stream-error`'s (with `err` as an extra member) or else the `stream-end`'s; a member with
 *    no value is left out.
 *
 * @param snapshot A snapshot whose terminal event has arrived.
 * @returns The final response of the stream.
 * @throws {@link TextMismatchError} when the response disagrees with the streamed text.
 */
export function toGenerateStreamEnd(snapshot: GenerateSnapshot): GenerateStreamEnd {
  const { terminal } = snapshot;
  const end = terminal?.event_type === 'stream-end' ? terminal : undefined;
  const response = end?.response ?? undefined;
  if (response?.generations != null) return checkedResponse(response, response.generations, snapshot.generations);
  const id = response?.id ?? terminal?.['id'];
  const generations = [...snapshot.generations].sort((a, b) => a.index - b.index).map((generation) => fromStream(generation, end?.finish_reason));
  return { ...response, ...(typeof id === 'string' ? { id } : {}), generations };
}

function checkedResponse(response: GenerateStreamEnd, finals: readonly SingleGenerationInStream[], streamed: readonly GenerationSnapshot[]): GenerateStreamEnd {
  const unmatched = new Map(streamed.map((generation) => [generation.index, generation]));
  const generations = finals.map((final) => {
    const index = final.index ?? 0;
    const generation = unmatched.get(index);
    unmatched.delete(index);
    if (generation === undefined) return final;
    const finalText = final.text ?? '';
    if (generation.chunks > 0 && generation.text !== finalText) {
      throw new TextMismatchError({ protocol: 'generate', generationIndex: index, streamed: generation.text, final: finalText });
    }
    const failure = generation.streamError;
    if (failure === undefined) return final;
    const finishReason = final.finish_reason ?? failure.finish_reason;
    return {
      ...final,
      ...(finishReason == null ? {} : { finish_reason: finishReason }),
      ...(final['err'] != null || failure.err == null ? {} : { err: failure.err }),
    };
  });
  for (const generation of unmatched.values()) {
    if (generation.streamError !== undefined) generations.push(fromStream(generation, undefined));
    else if (generation.text !== '') {
      throw new TextMismatchError({ protocol: 'generate', generationIndex: generation.index, streamed: generation.text, final: '' });
    }
  }
  return { ...response, generations };
}

function fromStream(generation: GenerationSnapshot, endReason: string | null | undefined): SingleGenerationInStream {
  const failure = generation.streamError;
  const finishReason = failure === undefined ? endReason : failure.finish_reason;
  return {
    index: generation.index,
    text: generation.text,
    ...(finishReason == null ? {} : { finish_reason: finishReason }),
    ...(failure?.err == null ? {} : { err: failure.err }),
  };
}

function blank(index: number): GenerationSnapshot {
  return { index, text: '', chunks: 0, streamError: undefined };
}

function outOfOrder(snapshot: GenerateSnapshot, event: GenerateEvent, expected: string): StreamOrderError<GenerateSnapshot> {
  return new StreamOrderError({
    protocol: 'generate',
    reason: 'after-terminal',
    eventType: event.event_type,
    index: event.index ?? undefined,
    expected,
    partial: snapshot,
  });
}

/** How `accumulateGenerate()` folds a generate stream: only the final value is shown, so generations change in place. @internal */
export const generateFold: Fold<GenerateEvent, GenerateSnapshot, GenerateStreamEnd> = {
  protocol: generate,
  seed: emptyGenerateSnapshot,
  reduce: reduceGenerateInPlace,
  result: toGenerateStreamEnd,
  items: (snapshot) => snapshot.generations.length,
};
