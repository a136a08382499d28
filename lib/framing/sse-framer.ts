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

const CR = 0x0d;
const LF = 0x0a;

/**
 * A source-agnostic SSE framer (see {@link Framer}). Multi-line `data:` fields are joined,
 * comments, `id:`, `retry:` and `event:` are ignored, events with empty data are skipped, and
 * a data field that is exactly `[DONE]` after trimming sets `done`. A line that starts a JSON
 * document instead of a field is a `not-sse` error, and a damaged `data` field (see
 * {@link isDamagedData}) an `invalid-sse` error; other unknown fields are ignored, as the SSE
 * standard says. A CR that ends a piece of text ends its line at once: a blank line that is
 * complete dispatches its event without waiting for a byte that may never come. At the end of
 * the text, an event with no closing blank line is still returned when its data is a whole JSON
 * text, and is a `truncated` error otherwise.
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
      } else if (parseError.type === 'unknown-field') {
        const line = parseError.line ?? '';
        if (/^\s*[[{]/.test(line)) error = notSse(line);
        else if (isDamagedData(parseError.field ?? '')) error = damagedData(parseError.field ?? '', line);
      }
    },
  });
  /** The previous piece of text ended with a CR, already taken as a whole line ending. */
  let skipLf = false;
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
      let piece = text;
      // A CR at the end of a piece is fed as CRLF, so the parser ends the line now instead of
      // waiting to see whether an LF follows; the LF of a CRLF split there is then dropped.
      if (skipLf && piece.length > 0) {
        skipLf = false;
        if (piece.charCodeAt(0) === LF) piece = piece.slice(1);
      }
      if (piece.charCodeAt(piece.length - 1) === CR) {
        skipLf = true;
        piece += '\n';
      }
      last = piece;
      parser.feed(piece);
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

/**
 * Whether an unknown field's name is `data` once invisible characters are taken out and case is
 * ignored: a byte-order mark, a NUL, a space or a zero-width character before or inside the
 * name, or `Data:`. The SSE standard ignores such a line, which would drop an event's data and
 * let the stream end short, reported as a success.
 */
function isDamagedData(field: string): boolean {
  return field.length < 64 && field.replace(/[\s\p{Cc}\p{Cf}]/gu, '').toLowerCase() === 'data';
}

/** A field name with its invisible characters written as `\\uXXXX`, so a message shows them. */
function visible(field: string): string {
  return field.replace(/[\p{Cc}\p{Cf}\u00a0\u2000-\u200a\u2028\u2029\u3000]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function damagedData(field: string, line: string): DecodeError {
  return new DecodeError({
    message:
      `A line of the server-sent events stream is a damaged "data" field: expected "data:", received the field name "${visible(field)}". ` +
      'Its data would be lost, so the stream is not trusted past it. Something between the server and the client ' +
      '(a proxy, a re-encoding that left a byte-order mark) altered the stream: send the request again, or check that path.',
    reason: 'invalid-sse',
    frame: line,
  });
}
