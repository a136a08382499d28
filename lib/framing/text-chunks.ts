/**
 * Turns a stream of `string | Uint8Array` chunks into text, with one streaming UTF-8 decoder
 * per stream so that a character split across chunks survives, and without the byte-order mark
 * a stream may start with (the decoder drops it from bytes; it is dropped from text here too).
 *
 * @module
 */
import { DecodeError } from '../errors/index';

/**
 * The text of one chunk: `text` is everything that decoded; `error` is set when the chunk (or
 * the end of the stream) holds bytes that are not UTF-8, and `text` is then the valid text
 * before them.
 *
 * @internal
 */
export interface ChunkText {
  readonly text: string;
  readonly error?: DecodeError | undefined;
}

/**
 * A per-stream chunk decoder: `text(chunk)` decodes each chunk, `end()` the bytes still held
 * when the stream ends (a character cut off there is invalid UTF-8).
 *
 * @internal
 */
export interface TextChunks {
  text(chunk: string | Uint8Array): ChunkText;
  end(): ChunkText;
}

const NOTHING = new Uint8Array(0);

/** @internal */
export function createTextChunks(): TextChunks {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes of an unfinished character held from earlier chunks (at most 3). */
  let held = NOTHING;
  /** Bytes decoded so far, for the offset an error reports. */
  let offset = 0;

  const decode = (bytes: Uint8Array, stream: boolean): ChunkText => {
    try {
      const text = opening(decoder.decode(bytes, { stream }));
      // The last 3 bytes decide what is unfinished: the chunk alone has them unless it is tiny.
      const recent = bytes.length >= 3 ? bytes : concat(held, bytes);
      const tail = stream ? unfinishedTail(recent) : 0;
      offset += held.length + bytes.length - tail;
      held = tail === 0 ? NOTHING : recent.slice(recent.length - tail);
      return { text };
    } catch (cause) {
      const all = concat(held, bytes);
      const valid = validPrefix(all);
      const text = new TextDecoder().decode(all.subarray(0, valid));
      const at = offset + valid;
      held = NOTHING;
      return {
        text,
        error: new DecodeError({
          message:
            `The stream is not valid UTF-8 at byte ${at}: expected UTF-8 encoded text, received ` +
            (valid === all.length ? 'a character cut off at the end of the stream' : `the byte 0x${hex(all[valid])}`) +
            '. Check that the source hands over the raw response bytes.',
          reason: 'invalid-utf8',
          frame: text.slice(-200),
          cause,
        }),
      };
    }
  };

  let started = false;
  /** The chunk's text, less a byte-order mark that opens the stream. */
  const opening = (text: string): string => {
    if (started || text === '') return text;
    started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };

  return {
    text(chunk) {
      if (typeof chunk !== 'string') return decode(chunk, true);
      if (held.length === 0) return { text: opening(chunk) };
      // A string after bytes: the bytes held must have been complete characters.
      const before = decode(NOTHING, false);
      return before.error === undefined ? { text: before.text + chunk } : before;
    },
    end() {
      return held.length === 0 ? { text: '' } : decode(NOTHING, false);
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const all = new Uint8Array(a.length + b.length);
  all.set(a);
  all.set(b, a.length);
  return all;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}

/** How many bytes at the end of `bytes` start a character that is not finished yet. */
function unfinishedTail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/**
 * The length of the longest prefix of `bytes` made of complete, valid UTF-8 characters (the
 * checks of the WHATWG decoder: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
function validPrefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (byte < 0x80) length = 1;
    else if (byte >= 0xc2 && byte <= 0xdf) length = 2;
    else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      if (byte === 0xe0) low = 0xa0;
      if (byte === 0xed) high = 0x9f;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      if (byte === 0xf0) low = 0x90;
      if (byte === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k] ?? 0;
      if (next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return i;
}
