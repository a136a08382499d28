/**
 * The shape every framer shares, and the operator that drives one over a chunk stream.
 *
 * @module
 */
import { concat, defer, from, mergeMap, takeWhile, throwError, type ObservableInput, type OperatorFunction } from 'rxjs';
import { DecodeError } from '../errors/index';
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
  return new DecodeError({
    message:
      `The stream ended inside a frame: expected the rest of a JSON document, received the end of the stream after ${frame.length} character(s) of it. ` +
      'The connection was cut; what arrived before is intact. Send the request again for the complete answer.',
    reason: 'truncated',
    frame,
  });
}

/**
 * What one piece of a source gave: the frames it completed, then the error or the end of the
 * stream it met, if any.
 *
 * @internal
 */
export interface Framed {
  readonly frames: readonly string[];
  /** The framer's error, or bytes that are not UTF-8; the frames before it are in `frames`. */
  readonly error: DecodeError | undefined;
  /** Whether the terminator arrived (`data: [DONE]`): nothing follows. */
  readonly done: boolean;
}

/**
 * Text decoding and framing of one stream (one per subscription): chunks in, frames out.
 *
 * @internal
 */
export interface FrameReader {
  /** The frames a chunk (text, or bytes decoded with one streaming UTF-8 decoder) completed. */
  chunk(chunk: string | Uint8Array): Framed;
  /** The frames left when the source ends. */
  end(): Framed;
}

/**
 * A {@link FrameReader} over a framer.
 *
 * @internal
 */
export function createFrameReader(framer: Framer): FrameReader {
  const text = createTextChunks();
  const framed = (chunk: ChunkText, atEnd: boolean): Framed => {
    const frames = framer.feed(chunk.text);
    if (atEnd && chunk.error === undefined) frames.push(...framer.end());
    return { frames, error: framer.error ?? chunk.error, done: framer.done };
  };
  return {
    chunk: (chunk) => framed(text.text(chunk), false),
    end: () => framed(text.end(), true),
  };
}

/** Marks the terminator in the frame sequence. */
const END: unique symbol = Symbol('end of stream');

/**
 * Drives a fresh framer (one per subscription) over a chunk stream: frames are emitted in
 * order, an error (of the framer, or bytes that are not UTF-8) follows the frames before it,
 * and a terminator completes the stream and unsubscribes from the source.
 *
 * @internal
 */
export function framesWith(createFramer: () => Framer): OperatorFunction<string | Uint8Array, string> {
  return (source) =>
    defer(() => {
      const reader = createFrameReader(createFramer());
      const emit = ({ frames, error, done }: Framed): ObservableInput<string | typeof END> => {
        if (error !== undefined)
          return concat(
            from(frames),
            throwError(() => error),
          );
        return done ? [...frames, END] : frames;
      };
      return concat(
        source.pipe(mergeMap((chunk) => emit(reader.chunk(chunk)))),
        defer(() => emit(reader.end())),
      ).pipe(takeWhile((frame): frame is string => frame !== END));
    });
}
