/**
 * The JSON framer behind `jsonFrames()`: text in, the text of each JSON document out.
 *
 * @module
 */
import { FRAME_EXCERPT_LENGTH, type DecodeError } from '../errors/index';
import { frameTooLarge, maxFrameSizeOf, type FramingOptions } from './frame-limits';
import { truncated, type Framer } from './framer';

const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const LF = 0x0a;
const CR = 0x0d;

/** JSON's whitespace, allowed between documents. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === LF || code === CR || code === 0x09;
}

/** Where the scanner is between two characters. */
const enum Mode {
  /** Between documents. */
  Idle,
  /** Inside an object or array, outside strings. */
  Structure,
  /** Inside a string of a document. */
  String,
  /** Inside a line that does not start a JSON object or array. */
  Bare,
}

/**
 * A source-agnostic framer for JSON documents (see {@link Framer}). Documents may be separated
 * by newlines (JSON lines), by nothing at all (`{...}{...}`), or be pretty-printed over many
 * lines; blank lines are skipped and a last document with no trailing newline is still
 * returned. A line that does not start with `{` or `[` is returned as one frame (so the
 * decoder can report it), and an unfinished document at the end is a `truncated` error.
 *
 * Each chunk is scanned once: strings are crossed with `indexOf`, and a document split over
 * many chunks is kept as a list of pieces joined once when it ends.
 *
 * @internal
 */
export function createJsonFramer(options: FramingOptions = {}): Framer {
  const max = maxFrameSizeOf(options);
  let mode = Mode.Idle;
  let depth = 0;
  /** A backslash ended the previous chunk inside a string: the next character is escaped. */
  let escapeNext = false;
  /** Pieces of the current frame from earlier chunks, and their total length. */
  let pieces: string[] = [];
  let piecesLength = 0;
  let error: DecodeError | undefined;

  const frame = (chunk: string, start: number, end: number): string => {
    if (pieces.length === 0) return chunk.slice(start, end);
    const text = pieces.join('') + chunk.slice(start, end);
    pieces = [];
    piecesLength = 0;
    return text;
  };

  /** Fails the stream with a frame that is, or has grown, larger than the cap. */
  const fail = (size: number, head: string): void => {
    error = frameTooLarge(size, max, head);
    pieces = [];
    piecesLength = 0;
  };

  /** The start of the frame held in pieces, enough for an error's excerpt. */
  const head = (): string => {
    let text = '';
    for (const piece of pieces) {
      if (text.length > FRAME_EXCERPT_LENGTH) break;
      text += piece;
    }
    return text;
  };

  /** Adds a complete frame to out, or fails if it is over the cap; says whether to go on. */
  const emit = (out: string[], text: string): boolean => {
    if (text.length > max) {
      fail(text.length, text);
      return false;
    }
    out.push(text);
    return true;
  };

  const feed = (chunk: string): string[] => {
    const out: string[] = [];
    let start = 0;
    let i = 0;
    // The next quote and backslash at or after i (-1: none left in this chunk), searched again
    // only once i has passed them, so a string full of escapes is still scanned once.
    let nextQuote = -2;
    let nextBackslash = -2;
    const n = chunk.length;
    if (escapeNext && n > 0) {
      escapeNext = false;
      i = 1;
    }
    while (i < n) {
      if (mode === Mode.String) {
        if (nextQuote < i && nextQuote !== -1) nextQuote = chunk.indexOf('"', i);
        if (nextBackslash < i && nextBackslash !== -1) nextBackslash = chunk.indexOf('\\', i);
        const quote = nextQuote;
        if (nextBackslash !== -1 && (quote === -1 || nextBackslash < quote)) {
          i = nextBackslash + 2;
          if (i > n) escapeNext = true;
          continue;
        }
        if (quote === -1) break;
        mode = Mode.Structure;
        i = quote + 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      if (mode === Mode.Structure) {
        if (code === QUOTE) mode = Mode.String;
        else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
        else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) {
          if (!emit(out, frame(chunk, start, i + 1))) return out;
          mode = Mode.Idle;
        }
        i++;
      } else if (mode === Mode.Idle) {
        if (!isSpace(code)) {
          start = i;
          if (code === OPEN_BRACE || code === OPEN_BRACKET) {
            mode = Mode.Structure;
            depth = 1;
          } else {
            mode = Mode.Bare;
          }
        }
        i++;
      } else {
        // Mode.Bare: the frame runs to the end of the line.
        if (code === LF || code === CR) {
          if (!emit(out, frame(chunk, start, i))) return out;
          mode = Mode.Idle;
        }
        i++;
      }
    }
    if (mode !== Mode.Idle) {
      const rest = chunk.slice(start);
      pieces.push(rest);
      piecesLength += rest.length;
      if (piecesLength > max) fail(piecesLength, head());
    }
    return out;
  };

  return {
    done: false,
    get error() {
      return error;
    },
    feed(text) {
      return error === undefined ? feed(text) : [];
    },
    end() {
      if (error !== undefined || mode === Mode.Idle) return [];
      const unfinished = mode === Mode.Structure || mode === Mode.String;
      mode = Mode.Idle;
      const out: string[] = [];
      const rest = frame('', 0, 0);
      if (unfinished) error = truncated(rest);
      else if (rest.trim() !== '') emit(out, rest);
      return out;
    },
  };
}
