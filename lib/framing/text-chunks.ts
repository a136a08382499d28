/**
 * Turns a stream of `string | Uint8Array` chunks into text, with one streaming UTF-8 decoder
 * per stream so that a character split across chunks survives.
 *
 * @module
 */
import { DecodeError } from '../errors';

/**
 * A per-stream chunk decoder: `text(chunk)` gives the text of each chunk, `end()` the text of
 * bytes still held at the end. Bytes that are not valid UTF-8 (including a character cut off
 * at the end of the stream) throw a {@link DecodeError} with reason `invalid-utf8`.
 *
 * @internal
 */
export interface TextChunks {
  text(chunk: string | Uint8Array): string;
  end(): string;
}

/** @internal */
export function createTextChunks(): TextChunks {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let holdsBytes = false;
  const decode = (bytes?: Uint8Array, stream = false): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch (cause) {
      throw new DecodeError(
        'The stream is not valid UTF-8: expected UTF-8 encoded text, received a byte sequence that is not ' +
          '(or a character cut off at the end of the stream). Check that the source sends the raw response bytes.',
        { reason: 'invalid-utf8', frame: '', cause },
      );
    }
  };
  return {
    text(chunk) {
      if (typeof chunk !== 'string') {
        holdsBytes = true;
        return decode(chunk, true);
      }
      if (!holdsBytes) return chunk;
      holdsBytes = false;
      return decode() + chunk;
    },
    end() {
      if (!holdsBytes) return '';
      holdsBytes = false;
      return decode();
    },
  };
}
