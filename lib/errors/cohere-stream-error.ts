/**
 * The root of the tree, the root of every "the stream was cut" error, and the bounded excerpt
 * of wire text that errors carry.
 *
 * @module
 */

/** Longest excerpt of an offending frame kept on an error (in characters). */
export const FRAME_EXCERPT_LENGTH = 512;

/**
 * Cuts a frame to {@link FRAME_EXCERPT_LENGTH} characters for an error, saying how much was cut.
 *
 * @internal
 */
export function excerpt(frame: string): string {
  if (frame.length <= FRAME_EXCERPT_LENGTH) return frame;
  return `${frame.slice(0, FRAME_EXCERPT_LENGTH)}… (${frame.length - FRAME_EXCERPT_LENGTH} more characters)`;
}

/**
 * The root of every error cohere-rx reports: `catchError((e) => e instanceof CohereStreamError ...)`
 * tells the library's errors apart from everything else in a pipeline.
 */
export class CohereStreamError extends Error {
  override name = 'CohereStreamError';
}

/**
 * The source of a stream stopped before the stream's end: a dropped connection, a stall, an
 * abort through the caller's signal, or an exception the server sent in the middle of the
 * stream. The transports' errors of that kind extend it, and the operators that finish a stream
 * turn it into an `IncompleteStreamError` (with this error as `cause`) once events have arrived,
 * so the partial value survives.
 */
export class StreamInterruptedError extends CohereStreamError {
  override name = 'StreamInterruptedError';
}
