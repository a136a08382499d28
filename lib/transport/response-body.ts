/**
 * An answer's body as an Observable: read inside the subscription, stopped on unsubscribe.
 *
 * @module
 * @internal
 */
import { catchError, EMPTY, last, map, Observable, of, scan, takeWhile } from 'rxjs';
import { createFrameReader, type Framed, type Framer } from '../framing/framer';
import type { ByteSource } from './answer';
import { watchFrames, type FrameTimedOut } from './timeouts';

/**
 * The chunks of a body. Each subscription reads it; unsubscribing stops the reading, which
 * releases the connection. A failed read (a dropped connection) is the error notification, as
 * the body gave it.
 */
export function bodyChunks(body: ByteSource): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) =>
    body({
      chunk: (bytes) => {
        subscriber.next(bytes);
        return !subscriber.closed;
      },
      end: () => subscriber.complete(),
      failed: (error) => subscriber.error(error),
    }),
  );
}

/** How {@link bodyFrames} frames a body and watches it. */
export interface BodyFraming {
  /** The framer for the body's format, fresh for this body. */
  readonly framer: Framer;
  /** The limits on the waits for the first frame and each next one (`0`: none). */
  readonly firstFrameMs: number;
  readonly idleMs: number;
  /** The error for a stall. */
  readonly timedOut: FrameTimedOut;
  /** The error for a read that failed (a dropped connection). */
  readonly failed: (cause: unknown) => Error;
  /** Called with each frame, just before it is emitted. */
  readonly onFrame: () => void;
  /** Called when the body has been read to its end. */
  readonly onEnd: () => void;
}

/**
 * The frames of a response body, read, decoded, framed and watched for stalls in one step.
 * {@link bodyChunks} piped through `sseFrames()` and `frameTimeouts()` does the same, with four
 * more subscribers between the body and the consumer: on a loopback stream of small events
 * they cost about a quarter of the throughput.
 *
 * The frames of a chunk are emitted in order, then the error the chunk met (bytes that are not
 * UTF-8, a frame too large, a body cut inside a frame), if any; a terminator completes the
 * stream. Unsubscribing cancels the reader and the timer.
 */
export function bodyFrames(body: ByteSource, framing: BodyFraming): Observable<string> {
  return new Observable<string>((subscriber) => {
    const frames = createFrameReader(framing.framer);
    const watch = watchFrames(framing.firstFrameMs, framing.idleMs, framing.timedOut, (error) => subscriber.error(error));
    /** Emits what a chunk gave; whether to read on. */
    const deliver = ({ frames, error, done }: Framed): boolean => {
      // The frames of one chunk arrived together: one look at the clock for all of them.
      if (frames.length > 0) watch.frame();
      for (const frame of frames) {
        if (subscriber.closed) return false;
        framing.onFrame();
        subscriber.next(frame);
      }
      if (error !== undefined) subscriber.error(error);
      else if (done) subscriber.complete();
      return !subscriber.closed;
    };
    const cancel = body({
      chunk: (bytes) => deliver(frames.chunk(bytes)),
      end: () => {
        framing.onEnd();
        if (deliver(frames.end())) subscriber.complete();
      },
      failed: (error) => subscriber.error(framing.failed(error)),
    });
    return () => {
      watch.stop();
      cancel();
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
export function bodyExcerpt(body: ByteSource | null, maxChars: number): Observable<BodyExcerpt> {
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
