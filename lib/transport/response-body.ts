/**
 * A fetch response body as an Observable: read inside the subscription, cancelled on
 * unsubscribe.
 *
 * @module
 * @internal
 */
import { catchError, EMPTY, last, map, Observable, of, scan, takeWhile } from 'rxjs';

/**
 * The chunks of a response body. Each subscription takes the body's reader; unsubscribing
 * cancels it, which releases the connection. A rejected read (a dropped connection) is the
 * error notification, as the reader gave it.
 */
export function bodyChunks(body: ReadableStream<Uint8Array>): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const reader = body.getReader();
    const pump = (): void => {
      reader.read().then(
        (result) => {
          if (subscriber.closed) return;
          if (result.done) {
            subscriber.complete();
            return;
          }
          subscriber.next(result.value);
          pump();
        },
        (error: unknown) => subscriber.error(error),
      );
    };
    pump();
    return () => {
      // Cancelling a body that already ended or failed is harmless; its rejection is not news.
      reader.cancel().catch(() => undefined);
    };
  });
}

/** The start of a body as text, at most `maxChars` characters of it. */
export interface BodyExcerpt {
  /** The text read, at most `maxChars` characters. */
  readonly text: string;
  /** Whether there was more. */
  readonly truncated: boolean;
}

/**
 * Reads at most `maxChars` characters of a body (then cancels it), as a single value. A body
 * that fails to read gives what was read before.
 */
export function bodyExcerpt(body: ReadableStream<Uint8Array> | null, maxChars: number): Observable<BodyExcerpt> {
  if (body === null) return of({ text: '', truncated: false });
  const decoder = new TextDecoder();
  return bodyChunks(body).pipe(
    scan((text, chunk) => text + decoder.decode(chunk, { stream: true }), ''),
    takeWhile((text) => text.length <= maxChars, true),
    catchError(() => EMPTY),
    last(null, ''),
    map((text) => ({ text: text.slice(0, maxChars), truncated: text.length > maxChars })),
  );
}
