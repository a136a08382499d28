/**
 * What the operators that fold a stream share: a pure reducer per event family, one final value
 * when the terminal event arrives, and an `IncompleteStreamError` when it never does.
 *
 * @module
 */
import { filter, map, type Observable, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../decoding/decoder';
import { requireTerminal, type StreamName } from './require-terminal';

/**
 * How one event family is finished.
 *
 * @typeParam E The family's events.
 * @typeParam S The snapshot the reducer folds.
 * @typeParam R The final value.
 * @internal
 */
export interface Finisher<E, S, R> extends StreamName {
  /** The snapshot before any event. */
  readonly seed: S;
  /** The pure reducer; it throws a typed error for an event it cannot place. */
  reduce(snapshot: S, event: E): S;
  /** Whether the terminal event has been folded into `snapshot`. */
  isComplete(snapshot: S): boolean;
  /** The final value of a complete snapshot; it throws a typed error when the stream contradicts itself. */
  result(snapshot: S): R;
}

/** The state of one fold (one subscription). */
interface Folding<E, S, R> {
  /** Folds an event in; whether it was the terminal one (its final value checked, once). */
  step(event: E): boolean;
  readonly snapshot: S | undefined;
  /** The final value, once the terminal event was folded. */
  readonly final: R | undefined;
}

/**
 * Folds a stream with the finisher chosen by its first known event; `output` builds the
 * operator's values on the folded events with {@link Folding}. Unknown events (from
 * `decodeEvents(..., { unknownEvents: 'emit' })`) are skipped. A stream that ends before its
 * terminal event is an {@link IncompleteStreamError} carrying the snapshot so far (`undefined`
 * when no event arrived at all): see {@link requireTerminal}.
 */
function fold<E extends object, S, R, T>(
  choose: (first: E) => Finisher<E, S, R>,
  empty: StreamName,
  output: (events: Observable<E>, folding: Folding<E, S, R>) => Observable<T>,
): OperatorFunction<E | UnknownEvent, T> {
  return requireTerminal<E, T, S | undefined>((events) => {
    let finisher: Finisher<E, S, R> | undefined;
    let complete = false;
    const folding: { -readonly [K in keyof Folding<E, S, R>]: Folding<E, S, R>[K] } = {
      snapshot: undefined,
      final: undefined,
      step(event) {
        finisher ??= choose(event);
        const next = finisher.reduce(folding.snapshot ?? finisher.seed, event);
        folding.snapshot = next;
        if (complete || !finisher.isComplete(next)) return false;
        complete = true;
        folding.final = finisher.result(next);
        return true;
      },
    };
    return {
      output: output(events, folding),
      describe: () => finisher ?? empty,
      partial: () => folding.snapshot,
      complete: () => complete,
    };
  });
}

/**
 * Emits the final value once, as soon as the terminal event arrives, and completes when the
 * source does.
 *
 * @internal
 */
export function finishStream<E extends object, S, R>(choose: (first: E) => Finisher<E, S, R>, empty: StreamName): OperatorFunction<E | UnknownEvent, R> {
  // Every event crosses one `filter`; only the terminal one goes on to `map`.
  return fold(choose, empty, (events, folding) =>
    events.pipe(
      filter((event) => folding.step(event)),
      map(() => folding.final as R),
    ),
  );
}

/**
 * Emits the snapshot after every known event. The terminal event's snapshot is emitted only
 * once its final value has been checked (a stream that contradicts itself errors instead).
 *
 * @internal
 */
export function snapshotStream<E extends object, S, R>(choose: (first: E) => Finisher<E, S, R>, empty: StreamName): OperatorFunction<E | UnknownEvent, S> {
  return fold(choose, empty, (events, folding) =>
    events.pipe(
      map((event) => {
        folding.step(event);
        return folding.snapshot as S;
      }),
    ),
  );
}
