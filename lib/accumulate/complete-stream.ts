/**
 * The one rule every operator that reads a whole stream keeps, and the folds built on it.
 *
 * A stream is complete only when its terminal event arrived (its protocol's `isTerminal`). A
 * source that completes before it, or fails after events arrived (a cut, a frame that cannot be
 * decoded, an event its schema rejects), is an {@link IncompleteStreamError} carrying what was
 * assembled, so what arrived is never lost and never passed off as a whole answer.
 *
 * - {@link completeStream}: the rule around an operator's own pipeline (`textDeltas()`, the
 *   tool-call operators, `groupGenerationsByIndex()`).
 * - {@link reduceStream}: a fold that emits its final value when the terminal event arrives
 *   (`accumulateChat()`, `accumulateGenerate()`).
 * - {@link scanStream}: a fold that emits its snapshot after every event (`chatSnapshots()`).
 *
 * @module
 * @internal
 */
import { catchError, concat, concatWith, defer, EMPTY, filter, map, takeWhile, throwError, type Observable, type OperatorFunction } from 'rxjs';
import { isAttemptStart, isUnknownEvent, type UnknownEvent } from '../decoding/decoder';
import type { Protocol } from '../decoding/protocols';
import {
  DecodeError,
  GenerationError,
  IncompleteStreamError,
  ItemLimitError,
  SchemaError,
  StreamInterruptedError,
  StreamRestartedError,
  InvalidOptionError,
  type CohereStreamError,
} from '../errors/index';
import { numberOption } from '../errors/options';

/** A failure of the stream itself, raised before an operator saw the event: a cut, a frame that cannot be decoded, an event its schema rejects. */
type StreamFailure = StreamInterruptedError | DecodeError | SchemaError;

/** What stopped a stream short of its terminal event: a failure of the stream, or the model's own error in band. */
type IncompleteCause = StreamFailure | GenerationError;

/**
 * Whether an error means the stream was cut: a {@link StreamInterruptedError}, or a
 * {@link DecodeError} for a source that ended inside a frame (`truncated`).
 */
function isInterruption(error: unknown): boolean {
  return error instanceof StreamInterruptedError || (error instanceof DecodeError && error.reason === 'truncated');
}

/** Whether an error is a failure of the stream itself (an operator's own errors carry their partial value already). */
function isStreamFailure(error: unknown): error is StreamFailure {
  return error instanceof StreamInterruptedError || error instanceof DecodeError || error instanceof SchemaError;
}

/** Whether a protocol knows the type of an event. */
function knows(protocol: Protocol<object>, event: object): boolean {
  const type = protocol.eventType(event as Readonly<Record<string, unknown>>);
  return type !== undefined && Object.hasOwn(protocol.schemas, type);
}

/**
 * What one subscription has seen of its stream: the families it may be of, the first and last
 * known events, how many arrived, and whether the terminal one did. It changes only through
 * {@link StreamProgress.record}, called once per event, before the operator sees the event.
 */
export class StreamProgress<E extends object> {
  /** The families the stream may be of: the operator's, narrowed by the first event. */
  #candidates: readonly Protocol<E>[];
  /** The first known event, if one arrived. */
  first: E | undefined;
  /** The last known event, if one arrived. */
  last: E | undefined;
  /** How many known events arrived. */
  count = 0;
  /** Whether the terminal event arrived. */
  terminal = false;
  /** Whether the last event recorded was the terminal one. */
  endedNow = false;
  /**
   * Whether the last event recorded started the stream over: before the terminal event, a start
   * event of the family (`message-start`, `stream-start`) after other events, or the first event
   * of a new attempt (a `retry` upstream resubscribed the decoder). The counts start over with it.
   */
  restartedNow = false;

  constructor(readonly protocols: readonly Protocol<E>[]) {
    this.#candidates = protocols;
  }

  /**
   * Records an event: `false` for an unknown event (dropped here, uncounted, for every operator
   * built on this), `true` for a known one.
   */
  record(event: E | UnknownEvent): event is E {
    if (isUnknownEvent(event)) return false;
    if (this.first === undefined) {
      this.first = event;
      this.#candidates = this.#familiesOf(event);
    } else {
      this.restartedNow = !this.terminal && (isAttemptStart(event) || this.protocol.isStart(event));
      if (this.restartedNow) {
        this.first = event;
        this.count = 0;
      }
    }
    this.last = event;
    this.count++;
    this.endedNow = !this.terminal && this.#isTerminal(event);
    if (this.endedNow) this.terminal = true;
    return true;
  }

  /** The stream's family as its first event told it (the first of the candidates). */
  get protocol(): Protocol<E> {
    return this.#candidates[0] as Protocol<E>;
  }

  /**
   * The error for an operator that had emitted pieces it cannot take back when the stream
   * started over (call it when {@link restartedNow} is set and the operator emitted something).
   */
  restarted<P>(partial: P): StreamRestartedError<P> {
    const record = this.last as Readonly<Record<string, unknown>>;
    const type = record[this.protocol.discriminator];
    return new StreamRestartedError({ protocol: this.protocol.name, eventType: typeof type === 'string' ? type : 'an event', partial });
  }

  /**
   * The error for a stream that ended, or failed with `cause`, before its terminal event. A
   * stream that ended right after the model reported its own failure (a generate
   * `stream-error`) has that failure as the cause.
   */
  incomplete<P>(partial: P, failure?: StreamFailure): IncompleteStreamError<P> {
    const names = this.#candidates.map((protocol) => protocol.name);
    const terminals = [...new Set(this.#candidates.map((protocol) => protocol.terminalEvent))];
    const cause: IncompleteCause | undefined = failure ?? (this.last === undefined ? undefined : this.protocol.inBandError(this.last));
    return new IncompleteStreamError({
      protocol: names.join(' or '),
      expected: terminals.join('" or "'),
      partial,
      lastEvent: this.last,
      eventCount: this.count,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  /** The families that know the first event's type; else those whose discriminator it carries; else all. */
  #familiesOf(event: E): readonly Protocol<E>[] {
    if (this.protocols.length === 1) return this.protocols;
    const knowing = this.protocols.filter((protocol) => knows(protocol, event));
    if (knowing.length > 0) return knowing;
    const record = event as Readonly<Record<string, unknown>>;
    const named = this.protocols.filter((protocol) => typeof record[protocol.discriminator] === 'string');
    return named.length > 0 ? named : this.protocols;
  }

  /** Terminal for every candidate family that knows the event (one family: its own rule). */
  #isTerminal(event: E): boolean {
    const candidates = this.#candidates;
    if (candidates.length === 1) return (candidates[0] as Protocol<E>).isTerminal(event);
    const knowing = candidates.filter((protocol) => knows(protocol, event));
    return knowing.length > 0 && knowing.every((protocol) => protocol.isTerminal(event));
  }
}

/** What an operator builds on the known events of a stream. */
export interface CompletionSetup<R, P> {
  /** The operator's output. */
  readonly output: Observable<R>;
  /** What the operator has assembled so far, for an {@link IncompleteStreamError}. */
  readonly partial: () => P;
}

/**
 * Runs `setup`'s pipeline over the known events of the source (once per subscription) and holds
 * it to the rule: when the source completes before the terminal event, or fails after known
 * events and before the terminal one with a {@link StreamInterruptedError}, a {@link DecodeError}
 * or a {@link SchemaError}, the result errors with {@link IncompleteStreamError} (`partial`, the
 * last known event, their count and the failure as `cause`). An interruption after the terminal
 * event completes the result: the stream was already whole. Other errors pass through.
 *
 * @param protocols The families the operator reads (the first event picks among them).
 * @param setup Builds the operator's output on the known events.
 */
export function completeStream<E extends object, R, P>(
  protocols: readonly Protocol<E>[],
  setup: (events: Observable<E>, progress: StreamProgress<E>) => CompletionSetup<R, P>,
): OperatorFunction<E | UnknownEvent, R> {
  return (source) =>
    defer(() => {
      const progress = new StreamProgress(protocols);
      const { output, partial } = setup(source.pipe(filter((event): event is E => progress.record(event))), progress);
      return concat(
        output.pipe(
          catchError((error: unknown) => {
            // After the terminal event the answer is whole: a connection that drops before the
            // server's own end (`[DONE]`, the socket closing) takes nothing from it.
            if (progress.terminal) return isInterruption(error) ? EMPTY : throwError(() => error);
            return throwError(() => (progress.count > 0 && isStreamFailure(error) ? progress.incomplete(partial(), error) : error));
          }),
        ),
        defer(() => (progress.terminal ? EMPTY : throwError(() => progress.incomplete(partial())))),
      );
    });
}

/** One fold or more: the families an operator folds. */
export type Folds<E extends object, S, R> = readonly [Fold<E, S, R>, ...Fold<E, S, R>[]];

/**
 * How one event family is folded: a pure reducer from a seed, and the final value of a snapshot
 * whose terminal event was folded in.
 *
 * @typeParam E The events the fold takes (its family's, and any other it leaves alone).
 * @typeParam S The snapshot the reducer folds.
 * @typeParam R The final value.
 */
export interface Fold<E extends object, S, R> {
  /** The family whose events are folded; events of another family leave the snapshot as it is. */
  readonly protocol: Protocol<E>;
  /** The snapshot before any event. */
  readonly seed: S;
  /** The reducer; it throws a typed error for an event it cannot place. */
  reduce(snapshot: S, event: E): S;
  /** The final value of a complete snapshot; it throws a typed error when the stream contradicts itself. */
  result(snapshot: S): R;
  /** How many items (content blocks, tool calls, citations, generations) a snapshot holds, for `maxItems`. */
  items(snapshot: S): number;
  /** The model's own failure that a whole answer reports (an error finish reason), if the family has such. */
  failure?(result: R): CohereStreamError | undefined;
}

/**
 * The state of one fold (one subscription): the fold of the stream's family and the snapshot so
 * far. It changes only through {@link Folding.step}.
 */
class Folding<E extends object, S, R> {
  #fold: Fold<E, S, R> | undefined;
  /** The event types the fold's family knows (read once: every event is checked against them). */
  #known: ReadonlySet<string> | undefined;
  /** The snapshot so far; `undefined` before the first event. */
  snapshot: S | undefined;

  constructor(
    private readonly folds: Folds<E, S, R>,
    private readonly progress: StreamProgress<E>,
    private readonly maxItems: number,
    private readonly modelErrors: 'error' | 'emit',
  ) {}

  /**
   * Folds an event into the snapshot, with the fold of the family the first event told, and
   * returns the snapshot. A stream that started over is folded from the seed again.
   *
   * @throws {@link ItemLimitError} when the snapshot holds more than `maxItems` items.
   */
  step(event: E): S {
    const fold = (this.#fold ??= this.folds.find((candidate) => candidate.protocol === this.progress.protocol) ?? this.folds[0]);
    const known = (this.#known ??= new Set(Object.keys(fold.protocol.schemas)));
    const before = this.progress.restartedNow ? fold.seed : (this.snapshot ?? fold.seed);
    // An event of another family is as good as unknown: it never breaks the stream.
    const type = fold.protocol.eventType(event as Readonly<Record<string, unknown>>);
    const snapshot = type !== undefined && known.has(type) ? fold.reduce(before, event) : before;
    this.snapshot = snapshot;
    if (fold.items(snapshot) > this.maxItems) throw new ItemLimitError({ protocol: fold.protocol.name, limit: this.maxItems, partial: snapshot });
    return snapshot;
  }

  /**
   * The final value of the snapshot, and the model's failure it reports when `modelErrors` is
   * `'error'` (then the value is not to be emitted as an answer).
   *
   * @throws what the fold's `result` throws (a stream that contradicts itself).
   */
  finish(): { readonly value: R; readonly failure: CohereStreamError | undefined } {
    const fold = this.#fold as Fold<E, S, R>;
    const value = fold.result(this.snapshot as S);
    return { value, failure: this.modelErrors === 'error' ? fold.failure?.(value) : undefined };
  }
}

/** The default of `maxItems`: far more items than any answer has, few enough to bound a hostile stream's cost. */
export const DEFAULT_MAX_ITEMS = 100_000;

/**
 * The default of `chatSnapshots()`'s `maxItems`: each snapshot is plain data, so an event that
 * adds or changes a content block, tool call or citation copies that list into the new snapshot
 * (O(k) for k items); this bound keeps a hostile stream's cost to tens of millions of copies.
 */
export const DEFAULT_SNAPSHOT_MAX_ITEMS = 10_000;

/**
 * The `maxItems` option of an operator, checked when the operator is created.
 *
 * @throws {@link InvalidOptionError} for anything but a positive safe integer.
 */
export function maxItemsOption(value: number | undefined, fallback = DEFAULT_MAX_ITEMS): number {
  return numberOption('maxItems', value, { integer: true, min: 1, max: Number.MAX_SAFE_INTEGER }, fallback);
}

/**
 * The `modelErrors` option, checked when the operator is created.
 *
 * @throws {@link InvalidOptionError} for anything but `'error'` or `'emit'`.
 */
function modelErrorsOption(value: unknown): 'error' | 'emit' {
  if (value === undefined || value === 'error' || value === 'emit') return value ?? 'error';
  throw new InvalidOptionError({
    option: 'modelErrors',
    expected: '"error" or "emit"',
    received: typeof value === 'string' ? JSON.stringify(value) : typeof value,
  });
}

/** Options of the operators that fold a chat stream. */
export interface FoldOptions extends ItemOptions {
  /**
   * What to do with an answer that ended whole but whose finish reason says the model failed
   * (`ERROR`, `ERROR_TOXIC`, `ERROR_LIMIT`, `TIMEOUT`): `'error'` the stream with a
   * {@link FinishReasonError} holding the response (after the last snapshot, in
   * `chatSnapshots()`), or `'emit'` the response as a value, as any other.
   *
   * @defaultValue `'error'`
   */
  readonly modelErrors?: 'error' | 'emit' | undefined;
}

/** Options of the operators that hold a stream's items. */
export interface ItemOptions {
  /**
   * The most items (content blocks, tool calls, citations, V1 tool-call chunks, generations) a
   * stream may place; one more is an {@link ItemLimitError} carrying what was assembled.
   *
   * @defaultValue 100000 ({@link DEFAULT_MAX_ITEMS})
   */
  readonly maxItems?: number | undefined;
}

/** Runs `output` over the known events with one {@link Folding} per subscription, under the completeness rule. */
function foldStream<E extends object, S, R, T>(
  folds: Folds<E, S, R>,
  options: FoldOptions,
  output: (events: Observable<E>, folding: Folding<E, S, R>, progress: StreamProgress<E>) => Observable<T>,
): OperatorFunction<E | UnknownEvent, T> {
  const maxItems = maxItemsOption(options.maxItems);
  const modelErrors = modelErrorsOption(options.modelErrors);
  return completeStream(
    folds.map((fold) => fold.protocol),
    (events, progress) => {
      const folding = new Folding(folds, progress, maxItems, modelErrors);
      return { output: output(events, folding, progress), partial: () => folding.snapshot };
    },
  );
}

/**
 * A reduce over a stream: folds every known event with the fold of the stream's family (told by
 * its first event), emits the final value once, as soon as the terminal event arrives, and
 * completes when the source does. A stream that ends before its terminal event is an
 * {@link IncompleteStreamError} carrying the snapshot so far (`undefined` when no event arrived).
 */
export function reduceStream<E extends object, S, R>(folds: Folds<E, S, R>, options: FoldOptions = {}): OperatorFunction<E | UnknownEvent, R> {
  // Every event crosses one `filter`; only the terminal one goes on to `map`.
  return foldStream(folds, options, (events, folding, progress) =>
    events.pipe(
      filter((event) => {
        folding.step(event);
        return progress.endedNow;
      }),
      map(() => {
        const { value, failure } = folding.finish();
        if (failure !== undefined) throw failure;
        return value;
      }),
    ),
  );
}

/**
 * A scan over a stream: emits the snapshot after every known event. The terminal event's
 * snapshot is emitted only once its final value has been checked (a stream that contradicts
 * itself errors instead); when the model reports its own failure, the snapshot is emitted and
 * the failure follows it. The rule is the same as {@link reduceStream}'s.
 */
export function scanStream<E extends object, S, R>(folds: Folds<E, S, R>, options: FoldOptions = {}): OperatorFunction<E | UnknownEvent, S> {
  return foldStream(folds, options, (events, folding, progress) => {
    let failure: CohereStreamError | undefined;
    let failed: S | undefined;
    return events.pipe(
      map((event) => {
        const snapshot = folding.step(event);
        if (progress.endedNow) failure = folding.finish().failure;
        if (failure !== undefined) failed = snapshot;
        return snapshot;
      }),
      // The terminal snapshot goes out first; a failure the model reported follows it.
      takeWhile((snapshot) => snapshot !== failed, true),
      concatWith(defer(() => (failure === undefined ? EMPTY : throwError(() => failure)))),
    );
  });
}
