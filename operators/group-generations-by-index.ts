import { defer, filter, groupBy, Observable, takeWhile, throwError, type GroupedObservable, type OperatorFunction, type Subscriber } from 'rxjs';
import type { UnknownEvent } from '../lib/decoding/decoder';
import { completeStream, maxItemsOption, type ItemOptions } from '../lib/accumulate/complete-stream';
import { generationIndex } from '../lib/accumulate/generate-reducer';
import { generate } from '../lib/decoding/protocols';
import { EOS_TOKEN, type GenerateEvent, type GenerateStreamErrorEvent, type GenerateTextGenerationEvent } from '../lib/decoding/schemas/generate-events';
import { GenerationError, ItemLimitError, StreamOrderError } from '../lib/errors/index';

/**
 * Splits a generate stream with several generations (`num_generations > 1`) into one
 * Observable per generation.
 *
 * <span class="informal">Interleaved generate events in, one `GroupedObservable` per
 * generation `index` out (its key), each carrying that generation's `text-generation` events;
 * a `stream-error` fails only its own group.</span>
 *
 * ```text
 * source:  -a-b-c-x-d-e-|
 * > groupGenerationsByIndex()
 * result:  -0-1-2-----|
 * group 0:  a-------d-|
 * group 1:    b---#
 * group 2:      c-----|
 *
 * a: text-generation 0 "A"   b: text-generation 1 "B"   c: text-generation 2 "C"
 * x: stream-error 1          d: text-generation 0 "a"   e: stream-end
 * #: GenerationError (generation 1); stream-end completes the other groups and the result
 * ```
 *
 * 1. Each `text-generation` event goes to the group of its `index` (a missing index is 0).
 *    Groups are emitted in order of first appearance; the key is the generation index.
 *    `<EOS_TOKEN>` chunks (Command on Bedrock) are markers, not text, and are left out (such a
 *    chunk alone opens no group). Unknown events are skipped.
 * 2. A `stream-error` ends its generation: that group errors with a {@link GenerationError}
 *    carrying `generationIndex`, `err` and `finishReason`, and the other groups go on. A
 *    generation that fails before its first text still gets a group, which errors at once.
 * 3. Cohere sends no end event per generation: the stream's terminal event (`stream-end`, or a
 *    `text-generation` with `is_finished: true`, which is emitted into its group first)
 *    completes every open group and then the result. The source is unsubscribed there: events
 *    after the terminal event are not read.
 * 4. An event for a generation after its `stream-error` is a {@link StreamOrderError}
 *    (`after-terminal`, with the generation's `index`); like a source error, it errors every
 *    open group and the result. `partial` is the list of the generations still open.
 * 5. A source that completes before the terminal event errors every open group and the result
 *    with an {@link IncompleteStreamError}: `partial` lists the indices of the generations still
 *    open (their text is what their groups delivered), with `lastEvent` and `eventCount`. So
 *    does a source that fails after events arrived (a {@link StreamInterruptedError}, a
 *    `DecodeError` or a `SchemaError`), with the failure as `cause`; other errors pass through to
 *    every group as they are.
 * 6. A stream that starts over (a whole-stream `retry` upstream) after a group was emitted is a
 *    {@link StreamRestartedError} for every open group and the result. Each event costs O(1)
 *    whatever its `index`; more than `maxItems` generations (100,000 by default) is an
 *    {@link ItemLimitError}. A stream that ends right after a `stream-error` is incomplete with
 *    that {@link GenerationError} as `cause`.
 * 7. Built on rxjs's `groupBy`, and behaves like it on unsubscription: unsubscribing from the
 *    result keeps the source subscribed while any group is still subscribed, and a group
 *    subscribed after it ended only sees how it ended (subscribe to groups as they arrive,
 *    with `mergeMap`).
 *
 * ## Example
 *
 * ```ts
 * import { mergeMap, map, reduce } from 'rxjs';
 * import { generateStream, groupGenerationsByIndex } from 'cohere-rx';
 *
 * generateStream({ prompt: 'Name a color', num_generations: 3 })
 *   .pipe(
 *     groupGenerationsByIndex(),
 *     mergeMap((generation) =>
 *       generation.pipe(
 *         reduce((text, event) => text + (event.text ?? ''), ''),
 *         map((text) => ({ index: generation.key, text })),
 *       ),
 *     ),
 *   )
 *   .subscribe({ next: ({ index, text }) => console.log(index, text), error: console.error });
 * ```
 *
 * @see {@link accumulateGenerate} for the final response with every generation.
 * @param options `maxItems`: the most generations a stream may place.
 * @returns An operator from generate events to one `GroupedObservable` per generation.
 * @throws {@link GenerationError} in the group of a failed generation;
 * {@link StreamOrderError} and {@link IncompleteStreamError} in every open group and the result.
 */
export function groupGenerationsByIndex(
  options: ItemOptions = {},
): OperatorFunction<GenerateEvent | UnknownEvent, GroupedObservable<number, GenerateTextGenerationEvent>> {
  const maxItems = maxItemsOption(options.maxItems);
  return (source) =>
    defer(() => {
      const groups = new GenerationGroups(maxItems);
      // The completeness rule runs before groupBy, so an incomplete stream errors every open group too.
      const routed = source.pipe(
        completeStream<GenerateEvent, GenerateTextGenerationEvent | GenerateStreamErrorEvent, number[]>([generate], (events, progress) => ({
          output: events.pipe(
            takeWhile((event) => !generate.isTerminal(event), true),
            filter((event): event is GenerateTextGenerationEvent | GenerateStreamErrorEvent => {
              if (progress.restartedNow && groups.any) throw progress.restarted(groups.open());
              return groups.route(event);
            }),
          ),
          partial: () => groups.open(),
        })),
      );
      // A stream-error only reaches groupBy to open a group that its duration fails at once,
      // before groupBy hands the event to it, so the groups only ever deliver text events.
      return routed.pipe(groupBy(generationIndex, { duration: (group) => groups.endOf(group.key) })) as Observable<
        GroupedObservable<number, GenerateTextGenerationEvent>
      >;
    });
}

/**
 * The generations of one subscription: the end of each open group (it errors when its
 * generation fails), and the failures recorded. It changes only through {@link route} and
 * {@link endOf}.
 */
class GenerationGroups {
  readonly #ends = new Map<number, Subscriber<never>>();
  readonly #failures = new Map<number, GenerationError>();
  #generations = 0;

  constructor(private readonly maxItems: number) {}

  /** Whether a group was opened. */
  get any(): boolean {
    return this.#generations > 0;
  }

  /** The generations whose group is open, in order of first appearance. */
  open(): number[] {
    return [...this.#ends.keys()];
  }

  /**
   * Whether an event goes on to `groupBy`: text for a group, or the failure of a generation
   * that has no group yet (its group then opens already failed, so the event itself is never
   * delivered). A failure with an open group ends that group here.
   *
   * @throws {@link StreamOrderError} for an event of a generation after its `stream-error`;
   *   {@link ItemLimitError} for more generations than `maxItems`.
   */
  route(event: GenerateEvent): boolean {
    if (event.event_type === 'stream-end') return false;
    const index = generationIndex(event);
    if (this.#failures.has(index)) {
      throw new StreamOrderError({
        protocol: 'generate',
        reason: 'after-terminal',
        eventType: event.event_type,
        index,
        expected: `no event for generation ${index} after its "stream-error"`,
        partial: this.open(),
      });
    }
    if (event.event_type !== 'stream-error' && event.text === EOS_TOKEN) return false;
    const end = this.#ends.get(index);
    if (end === undefined && ++this.#generations > this.maxItems) {
      throw new ItemLimitError({ protocol: 'generate', limit: this.maxItems, partial: this.open() });
    }
    const failure = generate.inBandError(event);
    if (failure === undefined) return true;
    this.#failures.set(index, failure);
    if (end === undefined) return true;
    this.#ends.delete(index);
    end.error(failure);
    return false;
  }

  /** How the group of a generation ends: at once when the generation already failed, else when it fails. */
  endOf(index: number): Observable<never> {
    const failure = this.#failures.get(index);
    if (failure !== undefined) return throwError(() => failure);
    // The group's own subscriber to its end is kept, not a Subject: one object less per group.
    return new Observable<never>((end) => {
      this.#ends.set(index, end);
    });
  }
}
