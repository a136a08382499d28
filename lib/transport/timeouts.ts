/**
 * The limits on what stalls a stream: the wait for response headers, for the first frame, and
 * between frames; and the deadline of a whole stream.
 *
 * @module
 */
import { asyncScheduler, identity, Observable, throwError, timeout, type MonoTypeOperatorFunction, type Subscription } from 'rxjs';
import type { TimeoutPhase } from '../errors/index';
import { LONGEST_TIMER_MS, numberOption, TIMER_MS } from '../errors/options';

/**
 * How long `fromCohere` waits at each phase of a request before it aborts the request with a
 * `StreamTimeoutError`. Each limit is a number of milliseconds from 0 to 2147483647 (the
 * longest a timer can wait, about 24.8 days); `0` disables it. Anything else (`NaN`, a
 * negative value, `Infinity`) is an `InvalidOptionError` when `fromCohere` is called. A long
 * answer that keeps streaming is never cut, unless `totalMs` says so.
 */
export interface TimeoutOptions {
  /**
   * From sending the request to the response headers.
   *
   * @defaultValue 60000 (one minute)
   */
  readonly headersMs?: number | undefined;
  /**
   * From the response headers to the first frame of the stream (or, for an error status, to
   * the end of its body).
   *
   * @defaultValue 60000 (one minute)
   */
  readonly firstFrameMs?: number | undefined;
  /**
   * From one frame to the next. A stall after some frames arrived is the usual way a stream
   * "hangs"; this limit turns it into an error.
   *
   * @defaultValue 60000 (one minute)
   */
  readonly idleMs?: number | undefined;
  /**
   * From subscription to the end of the stream, retries and their waits included: a deadline
   * for the whole answer (phase `total`). A server that trickles a tiny frame just within
   * `idleMs` never trips the other limits; this one ends it. Off by default: a long answer that
   * keeps streaming is not cut.
   *
   * @defaultValue 0 (no deadline)
   */
  readonly totalMs?: number | undefined;
}

/** {@link TimeoutOptions} with every default filled in. */
export type TimeoutSettings = { readonly [K in keyof TimeoutOptions]-?: number };

/** The defaults of {@link TimeoutOptions}. */
export const DEFAULT_TIMEOUTS: TimeoutSettings = { headersMs: 60_000, firstFrameMs: 60_000, idleMs: 60_000, totalMs: 0 };

/**
 * Fills in the defaults of the limits not given, and checks the ones given.
 *
 * @throws `InvalidOptionError` naming the option (`timeouts.idleMs`) for a value that is not a
 *   number from 0 to {@link LONGEST_TIMER_MS}.
 * @internal
 */
export function timeoutSettings(options: TimeoutOptions = {}): TimeoutSettings {
  const pick = (name: keyof TimeoutOptions) => numberOption(`timeouts.${name}`, options[name], TIMER_MS, DEFAULT_TIMEOUTS[name]);
  return { headersMs: pick('headersMs'), firstFrameMs: pick('firstFrameMs'), idleMs: pick('idleMs'), totalMs: pick('totalMs') };
}

/**
 * Errors with `timedOut()` when the source has not ended `limitMs` after subscription (`0`: no
 * deadline); the source is unsubscribed then, which aborts its request. Values pass straight
 * through, with no subscriber in between.
 *
 * @internal
 */
export function streamDeadline<T>(limitMs: number, timedOut: () => Error): MonoTypeOperatorFunction<T> {
  if (limitMs === 0) return identity;
  return (source) =>
    new Observable<T>((subscriber) => {
      const deadline = asyncScheduler.schedule(() => subscriber.error(timedOut()), limitMs);
      subscriber.add(deadline);
      source.subscribe(subscriber);
    });
}

/**
 * A delay a timer can wait: `NaN` and negative values are `0`, values past
 * {@link LONGEST_TIMER_MS} are cut to it (a longer delay would fire at once).
 *
 * @internal
 */
export function timerDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, LONGEST_TIMER_MS) : 0;
}

/**
 * Errors with `timedOut()` when the source's first value takes longer than `limitMs` (`0`: no
 * limit). For the single value of a `fetch`.
 *
 * @internal
 */
export function firstValueWithin<T>(limitMs: number, timedOut: () => Error): MonoTypeOperatorFunction<T> {
  return limitMs > 0 ? timeout({ first: limitMs, with: () => throwError(timedOut) }) : identity;
}

/** What fails a stream that stalls: the phase and the limit it broke. */
export type FrameTimedOut = (phase: Extract<TimeoutPhase, 'first-frame' | 'idle'>, limitMs: number) => Error;

/**
 * The watch behind {@link frameTimeouts}, for a source that delivers frames itself: `frame()`
 * notes that frames arrived, `stop()` clears the timer.
 *
 * @internal
 */
export interface FrameWatch {
  frame(): void;
  stop(): void;
}

/**
 * Starts watching a stream's frames (see {@link frameTimeouts}): `fail` gets the error when the
 * first frame takes longer than `firstMs`, or a later one longer than `idleMs`.
 *
 * A frame only notes the time: one timer at a time watches the idle limit and, when it fires
 * early (a frame came since it was set), waits for the rest. Setting a timer per frame would
 * cost more than decoding the frame.
 *
 * @internal
 */
export function watchFrames(firstMs: number, idleMs: number, timedOut: FrameTimedOut, fail: (error: Error) => void): FrameWatch {
  let watchdog: Subscription | undefined;
  /** When the last frame arrived; `undefined` before the first. */
  let lastFrameAt: number | undefined;
  const watch = (delay: number) => {
    watchdog = asyncScheduler.schedule(() => {
      if (lastFrameAt === undefined) return fail(timedOut('first-frame', firstMs));
      const quiet = asyncScheduler.now() - lastFrameAt;
      if (quiet >= idleMs) fail(timedOut('idle', idleMs));
      else watch(idleMs - quiet);
    }, delay);
  };
  if (firstMs > 0) watch(firstMs);
  return {
    frame() {
      if (lastFrameAt === undefined) {
        watchdog?.unsubscribe();
        if (idleMs > 0) watch(idleMs);
      }
      lastFrameAt = asyncScheduler.now();
    },
    stop: () => watchdog?.unsubscribe(),
  };
}

/**
 * Errors with `timedOut(phase, limit)` when the first value takes longer than `firstMs` after
 * subscription (phase `first-frame`), or a later one longer than `idleMs` after the value
 * before it (phase `idle`). `0` disables either limit; the other still applies.
 *
 * @internal
 */
export function frameTimeouts<T>(firstMs: number, idleMs: number, timedOut: FrameTimedOut): MonoTypeOperatorFunction<T> {
  if (firstMs === 0 && idleMs === 0) return identity;
  return (source) =>
    new Observable<T>((subscriber) => {
      const watch = watchFrames(firstMs, idleMs, timedOut, (error) => subscriber.error(error));
      const subscription = source.subscribe({
        next: (value) => {
          watch.frame();
          subscriber.next(value);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        watch.stop();
        subscription.unsubscribe();
      };
    });
}
