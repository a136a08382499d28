/**
 * The SSE framer behind `sseFrames()`: text in, the `data` of each event out.
 *
 * @module
 */
import { createParser } from 'eventsource-parser';
import type { DecodeError } from '../errors';
import { DEFAULT_MAX_FRAME_SIZE, frameTooLarge, type FramingOptions } from './frame-limits';
import type { Framer } from './framer';

/** The data that ends a stream. */
const DONE = '[DONE]';

/**
 * A source-agnostic SSE framer (see {@link Framer}). Multi-line `data:` fields are joined,
 * comments, `id:`, `retry:` and `event:` are ignored, events with empty data are skipped, and
 * a data field that is exactly `[DONE]` after trimming sets `done`. At the end of the text, an
 * event with no closing blank line is still returned.
 *
 * @internal
 */
export function createSseFramer(options: FramingOptions = {}): Framer {
  const max = options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE;
  let out: string[] = [];
  let done = false;
  let error: DecodeError | undefined;
  let head = '';
  const parser = createParser({
    maxBufferSize: max,
    onEvent(event) {
      if (done || error !== undefined) return;
      const data = event.data;
      // Only a data field that is exactly [DONE] (after trimming) ends the stream; a JSON text
      // that merely contains "[DONE]" is an ordinary event.
      if (data.length < 64 && data.trim() === DONE) done = true;
      else if (data.length > max) error = frameTooLarge(data.length, max, data);
      else if (data !== '') out.push(data);
    },
    onError(parseError) {
      if (parseError.type === 'max-buffer-size-exceeded' && error === undefined) {
        error = frameTooLarge(max + 1, max, head);
      }
    },
  });
  const take = (): string[] => {
    const frames = out;
    out = [];
    return frames;
  };
  return {
    get done() {
      return done;
    },
    get error() {
      return error;
    },
    feed(text) {
      if (!done && error === undefined) {
        head = text;
        parser.feed(text);
      }
      return take();
    },
    end() {
      // Unlike a browser EventSource, a last event with no closing blank line is dispatched
      // (a truncated one then fails to decode instead of vanishing).
      if (!done && error === undefined) parser.feed('\n\n');
      return take();
    },
  };
}
