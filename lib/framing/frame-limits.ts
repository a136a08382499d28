/**
 * The cap on one frame's size, shared by the framing operators and `decodeEvents`.
 *
 * @module
 */
import { DecodeError } from '../errors/index';
import { numberOption, type NumberRule } from '../errors/options';

/** Default cap on one frame: 16 MiB of text (characters, i.e. UTF-16 code units). */
export const DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024;

/** Options shared by every framing step. */
export interface FramingOptions {
  /**
   * The largest frame accepted, in characters (UTF-16 code units; one per byte for ASCII).
   * A frame that grows past it is a {@link DecodeError} with reason `frame-too-large`
   * instead of unbounded memory.
   *
   * @defaultValue 16 MiB ({@link DEFAULT_MAX_FRAME_SIZE})
   */
  readonly maxFrameSize?: number | undefined;
}

/** What `maxFrameSize` accepts: a whole number of characters, at least one. */
const FRAME_SIZE: NumberRule = { integer: true, min: 1, max: Infinity };

/**
 * The frame cap of `options`: {@link DEFAULT_MAX_FRAME_SIZE} when it is not given.
 *
 * @throws `InvalidOptionError` for anything but an integer of at least 1 (`NaN`, `0`, `-1`,
 *   `Infinity`, `1.5`): a cap that is not a number must not remove the protection.
 * @internal
 */
export function maxFrameSizeOf(options: FramingOptions): number {
  return numberOption('maxFrameSize', options.maxFrameSize, FRAME_SIZE, DEFAULT_MAX_FRAME_SIZE);
}

/**
 * The error for a frame over the cap. `size` is the frame's length when it is known, and
 * `head` the start of the frame (or the text that crossed the cap).
 *
 * @internal
 */
export function frameTooLarge(size: number | undefined, max: number, head: string, frameIndex?: number): DecodeError {
  const grew = size === undefined ? `past ${max} characters` : `to ${size} characters`;
  return new DecodeError({
    message:
      `A frame grew ${grew} before it ended: expected at most ${max} (maxFrameSize). ` +
      'Raise maxFrameSize if such large frames are legitimate (huge documents echoed in citations), ' +
      'otherwise the stream is not framed the way this operator expects.',
    reason: 'frame-too-large',
    frame: head,
    frameIndex,
  });
}
