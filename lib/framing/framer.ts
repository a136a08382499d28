/**
 * The shape every framer shares, and the operator that drives one over a chunk stream.
 *
 * @module
 */
import { concat, defer, from, mergeMap, takeWhile, throwError, type ObservableInput, type OperatorFunction } from 'rxjs';
import { DecodeError } from '../errors';
import { createTextChunks, type ChunkText } from './text-chunks';

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

/**
 * The error for a source that ended inside a frame; `frame` is the unfinished text.
 *
 * @internal
 */
export function truncated(frame: string): DecodeError {
  return new DecodeError(
    `The stream ended inside a frame: expected the rest of a JSON document, received the end of the stream after ${frame.length} character(s) of it. ` +
      'The connection was cut; what arrived before is intact. Send the request again for the complete answer.',
    { reason: 'truncated', frame },
  );
}

/** Marks the terminator in the frame sequence. */
const END: unique symbol = Symbol('end of stream');

/**
 * Drives a fresh framer (one per subscription) over a chunk stream: bytes are decoded with one
 * streaming UTF-8 decoder, frames are emitted in order, an error (of the framer, or bytes that
 * are not UTF-8) follows the frames before it, and a terminator completes the stream and
 * unsubscribes from the source.
 *
 * @internal
 */
export function framesWith(createFramer: () => Framer): OperatorFunction<string | Uint8Array, string> {
  return (source) =>
    defer(() => {
      const text = createTextChunks();
      const framer = createFramer();
      /** The frames of some text, then the error of the text or of the framer, if any. */
      const emit = (chunk: ChunkText, atEnd: boolean): ObservableInput<string | typeof END> => {
        const frames = framer.feed(chunk.text);
        if (atEnd && chunk.error === undefined) frames.push(...framer.end());
        const error = framer.error ?? chunk.error;
        if (error !== undefined) return concat(from(frames), throwError(() => error));
        return framer.done ? [...frames, END] : frames;
      };
      return concat(
        source.pipe(mergeMap((chunk) => emit(text.text(chunk), false))),
        defer(() => emit(text.end(), true)),
      ).pipe(takeWhile((frame): frame is string => frame !== END));
    });
}
