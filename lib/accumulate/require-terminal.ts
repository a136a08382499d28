/**
 * The one rule every operator that reads a whole stream keeps: a stream is complete only when
 * its terminal event arrived. A source that completes before it, or fails after events arrived
 * (a {@link StreamInterruptedError}, a frame that cannot be decoded, an event its schema
 * rejects), is an {@link IncompleteStreamError} carrying what was assembled.
 *
 * @module
 */
import { catchError, concat, defer, EMPTY, filter, throwError, type Observable, type OperatorFunction } from 'rxjs';
import { DecodeError, SchemaError, StreamInterruptedError } from '../errors/index';
import { isUnknownEvent, type UnknownEvent } from '../decoding/decoder';
import { IncompleteStreamError } from '../errors/index';

/**
 * Whether an event ends its stream: V2 `message-end`, V1 and generate `stream-end`, or any other
 * event with `is_finished: true` except a generate `stream-error` (which ends only its own
 * generation).
 */
function isTerminalEvent(event: object): boolean {
  const record = event as { type?: unknown; event_type?: unknown; is_finished?: unknown };
  // V2 events are told by `type` alone: one read on the hot path of content deltas.
  if (record.type !== undefined) return record.type === 'message-end';
  return record.event_type === 'stream-end' || (record.is_finished === true && record.event_type !== 'stream-error');
}

/**
 * Whether an error means the stream was cut: a {@link StreamInterruptedError}, or a
 * {@link DecodeError} for a source that ended inside a frame (`truncated`).
 */
function isInterruption(error: unknown): error is StreamInterruptedError | DecodeError {
  return error instanceof StreamInterruptedError || (error instanceof DecodeError && error.reason === 'truncated');
}

/**
 * Whether an error is a failure of the stream itself, raised before an operator saw the event:
 * a cut, a frame that cannot be decoded, an event its schema rejects. (An operator's own errors,
 * such as `StreamOrderError`, carry their partial value already.)
 */
function isStreamFailure(error: unknown): error is StreamInterruptedError | DecodeError | SchemaError {
  return error instanceof StreamInterruptedError || error instanceof DecodeError || error instanceof SchemaError;
}

/** How an {@link IncompleteStreamError} names a stream: its family and the terminal event it lacks. @internal */
export interface StreamName {
  readonly protocol: string;
  readonly expected: string;
}

/** A V2 chat stream, the only family whose events carry `type`. @internal */
export const V2_STREAM: StreamName = { protocol: 'chatV2', expected: 'message-end' };

/**
 * The name of a stream told by its first known event: a V2 chat stream when the event has a
 * `type`, else `other` (the `event_type` families), and `none` when no event arrived.
 *
 * @internal
 */
export function streamName(first: object | undefined, other: StreamName, none: StreamName): StreamName {
  if (first === undefined) return none;
  return typeof (first as { type?: unknown }).type === 'string' ? V2_STREAM : other;
}

/** How an operator names its stream and what it has assembled, for {@link IncompleteStreamError}. @internal */
export interface TerminalWatch<R, P> {
  /** The operator's output, built on the known events it was given. */
  readonly output: Observable<R>;
  /**
   * The stream's family and terminal event, for the error, told by the first known event
   * (`undefined` when none arrived).
   */
  describe(first: object | undefined): StreamName;
  /** What the operator has assembled so far. */
  partial(): P;
  /**
   * Whether the stream's terminal event arrived, for an operator that knows better than
   * {@link isTerminalEvent} (a reducer of one family ignores another family's events).
   */
  complete?(): boolean;
}

/**
 * Runs `setup`'s pipeline over the source (once per subscription) and holds it to the rule:
 * when the source completes and no known event was terminal, or fails after known events and
 * before the terminal one with a {@link StreamInterruptedError}, a {@link DecodeError} or a
 * {@link SchemaError}, the result errors with {@link IncompleteStreamError} (`partial`, the last
 * known event, their count and the failure as `cause`), so what arrived is never lost. An
 * interruption after the terminal event completes the result: the stream was already whole.
 * Other errors pass through. Unknown events are neither counted
 * nor passed to `setup`'s pipeline.
 *
 * @internal
 */
export function requireTerminal<E extends object, R, P>(
  setup: (events: Observable<E>) => TerminalWatch<R, P>,
): OperatorFunction<E | UnknownEvent, R> {
  return (source) =>
    defer(() => {
      let firstEvent: E | undefined;
      let lastEvent: E | undefined;
      let eventCount = 0;
      let terminal = false;
      const watch = setup(
        source.pipe(
          // Unknown events are dropped here, once, for every operator built on this.
          filter((event): event is E => {
            if (isUnknownEvent(event)) return false;
            firstEvent ??= event;
            lastEvent = event;
            eventCount++;
            if (watch.complete === undefined && isTerminalEvent(event)) terminal = true;
            return true;
          }),
        ),
      );
      const complete = () => (watch.complete === undefined ? terminal : watch.complete());
      const incomplete = (cause?: StreamInterruptedError | DecodeError | SchemaError) =>
        new IncompleteStreamError({ ...watch.describe(firstEvent), partial: watch.partial(), lastEvent, eventCount, ...(cause === undefined ? {} : { cause }) });
      return concat(
        watch.output.pipe(
          catchError((error: unknown) => {
            // After the terminal event the answer is whole: a connection that drops before the
            // server's own end (`[DONE]`, the socket closing) takes nothing from it.
            if (complete()) return isInterruption(error) ? EMPTY : throwError(() => error);
            return throwError(() => (eventCount > 0 && isStreamFailure(error) ? incomplete(error) : error));
          }),
        ),
        defer(() => (complete() ? EMPTY : throwError(() => incomplete()))),
      );
    });
}
