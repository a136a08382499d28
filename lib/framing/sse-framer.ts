/**
 * The SSE framer behind `sseFrames()`: text in, the `data` of each event out.
 *
 * @module
 */
import { createParser } from 'eventsource-parser';
import { DecodeError } from '../errors/index';
import { frameTooLarge, maxFrameSizeOf, type FramingOptions } from './frame-limits';
import { truncated, type Framer } from './framer';

/** The data that ends a stream. */
const DONE = '[DONE]';

/**
 * A source-agnostic SSE framer (see {@link Framer}). Multi-line `data:` fields are joined,
 * comments, `id:`, `retry:` and `event:` are ignored, events with empty data are skipped, and
 * a data field that is exactly `[DONE]` after trimming sets `done`. A line that starts a JSON document instead of a field is a `not-sse` error (other
 * unknown fields are ignored, as the SSE standard says). At the end of the text, an
 * event with no closing blank line is still returned when its data is a whole JSON text, and
 * is a `truncated` error otherwise.
 *
 * @internal
 */
export function createSseFramer(options: FramingOptions = {}): Framer {
  const max = maxFrameSizeOf(options);
  let out: string[] = [];
  let done = false;
  let error: DecodeError | undefined;
  let last = '';
  const parser = createParser({
    // The parser's own cap also counts field names and unfinished lines: give it room, and
    // hold each event's data to the exact cap below, however the stream is chunked.
    maxBufferSize: max + PARSER_SLACK,
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
      if (error !== undefined) return;
      if (parseError.type === 'max-buffer-size-exceeded') {
        error = frameTooLarge(undefined, max, last);
      } else if (parseError.type === 'unknown-field' && /^\s*[[{]/.test(parseError.line ?? '')) {
        error = notSse(parseError.line ?? '');
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
      if (done || error !== undefined) return take();
      last = text;
      parser.feed(text);
      return take();
    },
    end() {
      // Unlike a browser EventSource, a last event with no closing blank line is dispatched
      // when it is a whole JSON text; otherwise the stream was cut inside it.
      if (done || error !== undefined) return [];
      parser.feed('\n\n');
      const [last] = take();
      if (last === undefined || error !== undefined) return [];
      if (isJson(last)) return [last];
      error = truncated(last);
      return [];
    },
  };
}

/** Whether a text parses as JSON (asked once, of the last event only). */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Room for field names and line endings around an event's data in the parser's own cap. */
const PARSER_SLACK = 4096;

function notSse(line: string): DecodeError {
  return new DecodeError({
    message:
      'The stream is not server-sent events: expected "data:" lines, received a line that starts a JSON ' +
      'document. The server answered with JSON lines (V2 chat does when the request does not send ' +
      '"Accept: text/event-stream"): send that header, or frame this stream with jsonFrames().',
    reason: 'not-sse',
    frame: line,
  });
}
