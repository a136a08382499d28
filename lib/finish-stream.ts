/**
 * What the operators that fold a stream share: a pure reducer per event family, one final value
 * when the terminal event arrives, and an `IncompleteStreamError` when it never does.
 *
 * @module
 */
import { filter, map, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from './event-decoder';
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

const PENDING: unique symbol = Symbol('pending');

/**
 * Folds a stream with the finisher chosen by its first known event. After each event, `pick`
 * gets the new snapshot and, when that event was the terminal one, the final value; what it
 * returns (other than `PENDING`) is emitted. Unknown events (from
 * `decodeEvents(..., { unknownEvents: 'emit' })`) are skipped. A stream that ends before its
 * terminal event is an {@link IncompleteStreamError} carrying the snapshot so far (`undefined`
 * when no event arrived at all): see {@link requireTerminal}.
 */
function fold<E extends object, S, R, T>(
  choose: (first: E) => Finisher<E, S, R>,
  empty: StreamName,
  pick: (snapshot: S, final: R | typeof PENDING) => T | typeof PENDING,
): OperatorFunction<E | UnknownEvent, T> {
  return requireTerminal<E, T, S | undefined>((events) => {
    let finisher: Finisher<E, S, R> | undefined;
    let snapshot: S | undefined;
    let complete = false;
    return {
      output: events.pipe(
        map((event): T | typeof PENDING => {
          finisher ??= choose(event);
          const next = finisher.reduce(snapshot ?? finisher.seed, event);
          snapshot = next;
          if (complete || !finisher.isComplete(next)) return pick(next, PENDING);
          complete = true;
          return pick(next, finisher.result(next));
        }),
        filter((value): value is T => value !== PENDING),
      ),
      describe: () => finisher ?? empty,
      partial: () => snapshot,
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
  return fold(choose, empty, (_snapshot, final: R | typeof PENDING) => final);
}

/**
 * Emits the snapshot after every known event. The terminal event's snapshot is emitted only
 * once its final value has been checked (a stream that contradicts itself errors instead).
 *
 * @internal
 */
export function snapshotStream<E extends object, S, R>(choose: (first: E) => Finisher<E, S, R>, empty: StreamName): OperatorFunction<E | UnknownEvent, S> {
  return fold(choose, empty, (snapshot: S) => snapshot);
}
