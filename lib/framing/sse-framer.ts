/**
 * The SSE framer behind `sseFrames()`: text in, the `data` of each event out.
 *
 * @module
 */
import { DecodeError, FRAME_EXCERPT_LENGTH } from '../errors/index';
import { frameTooLarge, maxFrameSizeOf, type FramingOptions } from './frame-limits';
import { truncated, type Framer } from './framer';

/** The data that ends a stream. */
const DONE = '[DONE]';

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/**
 * A source-agnostic SSE framer (see {@link Framer}), written for this one job: the text of each
 * event's `data`, as the SSE standard (WHATWG HTML, "Parsing an event stream") defines it, at
 * the cost of one `indexOf` per line.
 *
 * Lines end at LF, CRLF or CR; a CR that ends a piece of text ends its line at once (a blank
 * line that is complete dispatches its event without waiting for a byte that may never come).
 * `data` fields are joined with LF; comments, `id:`, `retry:` and `event:` are ignored, events
 * with empty data are skipped, and a data field that is exactly `[DONE]` after trimming sets
 * `done`. A line that starts a JSON document instead of a field is a `not-sse` error, and a
 * damaged `data` field (see {@link isDamagedData}) an `invalid-sse` error; other unknown fields
 * are ignored, as the standard says. An event's data over `maxFrameSize` is a `frame-too-large`
 * error, and so is a line that grows past it before it ends. At the end of the text, an event
 * with no closing blank line is still returned when its data is a whole JSON text, and is a
 * `truncated` error otherwise.
 *
 * @internal
 */
export function createSseFramer(options: FramingOptions = {}): Framer {
  const max = maxFrameSizeOf(options);
  let done = false;
  let error: DecodeError | undefined;
  /** The start of a line that the text so far did not end: pieces, joined when it ends. */
  let pending: string[] = [];
  let pendingLength = 0;
  /** The data of the event under way: its first data line, and the later ones, if any. */
  let data: string | undefined;
  let moreData: string[] | undefined;
  let dataLength = 0;
  /** The previous piece of text ended with a CR, already taken as a whole line ending. */
  let skipLf = false;

  /** Ends the event under way: its data, when it has some, is a frame (or ends the stream). */
  const dispatch = (out: string[]): void => {
    if (data === undefined) return;
    const text = moreData === undefined ? data : `${data}\n${moreData.join('\n')}`;
    data = undefined;
    moreData = undefined;
    dataLength = 0;
    // Only a data field that is exactly [DONE] (after trimming) ends the stream; a JSON text
    // that merely contains "[DONE]" is an ordinary event.
    if (text.length < 64 && text.trim() === DONE) done = true;
    else if (text !== '') out.push(text);
  };

  /** Handles one complete line (without its line ending). */
  const line = (text: string, out: string[]): void => {
    if (text === '') return dispatch(out);
    const colon = text.indexOf(':');
    if (colon === 0) return; // a comment
    const field = colon < 0 ? text : text.slice(0, colon);
    if (field === 'data') {
      const value = colon < 0 ? '' : text.slice(text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
      dataLength += value.length + (data === undefined ? 0 : 1);
      if (dataLength > max) {
        error = frameTooLarge(dataLength, max, data ?? value);
        return;
      }
      if (data === undefined) data = value;
      else (moreData ??= []).push(value);
      return;
    }
    if (field === 'event' || field === 'id' || field === 'retry') return;
    if (/^\s*[[{]/.test(text)) error = notSse(text);
    else if (isDamagedData(field)) error = damagedData(field, text);
  };

  /** Frames the text of one piece. */
  const feed = (text: string): string[] => {
    const out: string[] = [];
    let start = 0;
    if (skipLf) {
      skipLf = false;
      if (text.charCodeAt(0) === LF) start = 1;
    }
    const n = text.length;
    // Most streams end their lines with LF alone: they are cut with indexOf. A piece with a CR
    // anywhere is cut character by character.
    const crlf = text.indexOf('\r', start) >= 0;
    while (start < n && error === undefined && !done) {
      let end: number;
      if (crlf) {
        end = start;
        while (end < n) {
          const code = text.charCodeAt(end);
          if (code === LF || code === CR) break;
          end++;
        }
      } else {
        end = text.indexOf('\n', start);
        if (end < 0) end = n;
      }
      if (end === n) {
        // The line goes on in the next piece.
        const rest = text.slice(start);
        pending.push(rest);
        pendingLength += rest.length;
        if (pendingLength > max + LINE_SLACK) error = frameTooLarge(undefined, max, pending.join('').slice(0, FRAME_EXCERPT_LENGTH));
        break;
      }
      const piece = text.slice(start, end);
      if (pending.length === 0) line(piece, out);
      else {
        pending.push(piece);
        const whole = pending.join('');
        pending = [];
        pendingLength = 0;
        line(whole, out);
      }
      start = end + 1;
      if (text.charCodeAt(end) === CR) {
        if (start === n) skipLf = true;
        else if (text.charCodeAt(start) === LF) start++;
      }
    }
    return out;
  };

  return {
    get done() {
      return done;
    },
    get error() {
      return error;
    },
    feed(text) {
      return done || error !== undefined ? [] : feed(text);
    },
    end() {
      // Unlike a browser EventSource, a last event with no closing blank line is dispatched
      // when it is a whole JSON text; otherwise the stream was cut inside it.
      if (done || error !== undefined) return [];
      const out: string[] = [];
      if (pending.length > 0) {
        const whole = pending.join('');
        pending = [];
        pendingLength = 0;
        line(whole, out);
      }
      if (error !== undefined) return [];
      dispatch(out);
      const [lastEvent] = out;
      if (lastEvent === undefined || isJson(lastEvent)) return out;
      error = truncated(lastEvent);
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

/** Room for a field name around an event's data in the cap on an unfinished line. */
const LINE_SLACK = 4096;

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
