/**
 * Keeping a request's secrets out of the body bytes a recorder writes: a chunk is written as it
 * arrived unless it holds a secret, and a chunk whose end may be the start of a secret is held
 * until the next one tells.
 *
 * @module
 * @internal
 */
import { NO_SECRETS, type Redactor } from '../errors/redaction';
import { byteText, textBytes } from './base64';

/** A chunk to write: its time, its bytes, and whether a secret was replaced in them. */
export interface SafeChunk {
  readonly t: number;
  readonly bytes: Uint8Array;
  readonly redacted: boolean;
}

/** The most bytes held while their end may be the start of a secret: past it they are written. */
const MOST_HELD = 1024 * 1024;

/** Turns the chunks of a body into chunks without a secret, one body at a time. */
export interface BodySecrets {
  /** Takes a chunk; returns the chunks that are ready to write (none while one is held). */
  chunk(t: number, bytes: Uint8Array): readonly SafeChunk[];
  /** The chunks still held, at the end of the body. */
  flush(): readonly SafeChunk[];
}

/**
 * A filter of body chunks for `redactor`'s secrets (the API key, the values of the credential
 * headers sent), in any escaped form the redactor knows. The bytes are read one character per
 * byte, so the offsets of what is kept never move. Without secrets, every chunk passes as it is.
 *
 * - A chunk that holds no secret, and whose end cannot be the start of one, is written as it
 *   arrived (bytes and boundary).
 * - A chunk whose end may be the start of a secret (`sk-` when the key starts so) is held with
 *   the next ones until that is settled; if they hold a secret, they are written as one chunk,
 *   at the time of the last, with `[redacted]` in place of the secret.
 * - At most {@link MOST_HELD} bytes are held: past it, all but an end that may begin a secret
 *   is written as one chunk (redacted), and that end stays held.
 *
 * @internal
 */
export function bodySecrets(redactor: Redactor): BodySecrets {
  let held: { t: number; bytes: Uint8Array; text: string }[] = [];
  // The text of the chunks held, and whether its end may begin a secret, read from its last
  // characters only: a chunk costs what it holds, however many are held.
  let all = '';
  const window = 2 * redactor.tailLength;
  const release = (): SafeChunk[] => {
    const chunks = held;
    const text = all;
    held = [];
    all = '';
    const redacted = redactor.text(text);
    if (redacted === text) return chunks.map(({ t, bytes }) => ({ t, bytes, redacted: false }));
    return [{ t: chunks[chunks.length - 1]?.t ?? 0, bytes: textBytes(redacted), redacted: true }];
  };
  // Past the limit, what cannot be part of a secret is written as one chunk, redacted; the end
  // that may begin one stays held, so that no part of a secret is ever written.
  const overflow = (t: number): SafeChunk[] => {
    const text = all;
    const redacted = redactor.text(text);
    const safe = redactor.cutText(text);
    const rest = redacted.slice(safe.length);
    held = rest === '' ? [] : [{ t, bytes: textBytes(rest), text: rest }];
    all = rest;
    return [{ t, bytes: textBytes(safe), redacted: redacted !== text }];
  };
  return {
    chunk: (t, bytes) => {
      if (redactor === NO_SECRETS) return [{ t, bytes, redacted: false }];
      const text = byteText(bytes);
      held.push({ t, bytes, text });
      all += text;
      const end = all.length > window ? all.slice(-window) : all;
      // `cutText` leaves out an end that may begin a secret: then more must arrive to tell.
      if (redactor.cutText(end).length === redactor.text(end).length) return release();
      return all.length <= MOST_HELD ? [] : overflow(t);
    },
    flush: () => (held.length === 0 ? [] : release()),
  };
}
