/**
 * Watching a caller's `AbortSignal` from any number of subscriptions with one listener.
 *
 * @module
 * @internal
 */
import { identity, Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** The listener cohere-rx has on a signal, and the callbacks it calls. */
interface Watch {
  readonly callbacks: Set<() => void>;
  readonly listener: () => void;
}

/** One watch per signal: however many streams share a signal, it has one listener of ours. */
const watches = new WeakMap<AbortSignal, Watch>();

/**
 * Calls `callback` once when `signal` aborts; the returned function stops watching. Every
 * subscription that shares a signal shares one `abort` listener on it (added with the first,
 * removed with the last), so a signal given to many streams never trips Node's
 * `MaxListenersExceededWarning`, and the signal itself is never changed.
 *
 * @internal
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let watch = watches.get(signal);
  if (watch === undefined) {
    const callbacks = new Set<() => void>();
    const listener = () => {
      watches.delete(signal);
      for (const call of [...callbacks]) call();
    };
    watch = { callbacks, listener };
    watches.set(signal, watch);
    signal.addEventListener('abort', listener, { once: true });
  }
  // A function object of its own, so the same callback given twice is two watchers.
  const entry = () => callback();
  const { callbacks, listener } = watch;
  callbacks.add(entry);
  return () => {
    if (!callbacks.delete(entry) || callbacks.size > 0) return;
    if (watches.get(signal)?.callbacks === callbacks) watches.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}

/**
 * Ends the stream with `aborted()` when `signal` aborts, at once, whatever is under way (also
 * when it aborted before subscription). Values pass straight through, with no subscriber in
 * between.
 *
 * @internal
 */
export function abortedBy<T>(signal: AbortSignal | undefined, aborted: () => Error): MonoTypeOperatorFunction<T> {
  if (signal === undefined) return identity;
  return (source) =>
    new Observable<T>((subscriber) => {
      if (signal.aborted) return subscriber.error(aborted());
      subscriber.add(onAbort(signal, () => subscriber.error(aborted())));
      source.subscribe(subscriber);
    });
}
