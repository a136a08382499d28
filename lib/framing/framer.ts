/**
 * The shape every framer shares, and the operator that drives one over a chunk stream.
 *
 * @module
 */
import { concat, defer, from, mergeMap, takeWhile, throwError, type ObservableInput, type OperatorFunction } from 'rxjs';
import type { DecodeError } from '../errors';
import { createTextChunks } from './text-chunks';

/**
 * A source-agnostic framer: `feed(text)` returns the frames that text completed, `end()` the
 * frames left when the source ends. Framers never throw: once `error` is set they return
 * nothing more, and once `done` is set (a terminator arrived) the stream is over.
 *
 * @internal
 */
export interface Framer {
  feed(text: string): string[];
  end(): string[];
  readonly done: boolean;
  readonly error: DecodeError | undefined;
}

/** Marks the terminator in the frame sequence. */
const END: unique symbol = Symbol('end of stream');

/**
 * Drives a fresh framer (one per subscription) over a chunk stream: bytes are decoded with one
 * streaming UTF-8 decoder, frames are emitted in order, a framer error follows the frames
 * before it, and a terminator completes the stream and unsubscribes from the source.
 *
 * @internal
 */
export function framesWith(createFramer: () => Framer): OperatorFunction<string | Uint8Array, string> {
  return (source) =>
    defer(() => {
      const text = createTextChunks();
      const framer = createFramer();
      const emit = (frames: string[]): ObservableInput<string | typeof END> => {
        const error = framer.error;
        if (error !== undefined) return concat(from(frames), throwError(() => error));
        return framer.done ? [...frames, END] : frames;
      };
      return concat(
        source.pipe(mergeMap((chunk) => emit(framer.feed(text.text(chunk))))),
        defer(() => emit([...framer.feed(text.end()), ...framer.end()])),
      ).pipe(takeWhile((frame): frame is string => frame !== END));
    });
}
