/**
 * Faults to inject into a stream before it reaches the code under test: chunks split at every
 * byte, a stream cut after some events or bytes (inside a frame, even inside a character), an
 * event sent twice, an event of a type nobody knows. Stalls and pauses are timings: see
 * `FrameTiming` for marble tests and the `then` and `pause` options of the mock server's replies.
 *
 * @module
 */
import type { JsonObject } from '../decoding/schemas/shared';

/** A chunk of a stream: text, or bytes. */
export type Chunk = string | Uint8Array;

const encoder = new TextEncoder();

const bytesOf = (chunk: Chunk): Uint8Array => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk);

/** All the bytes of some chunks, in order. */
function concat(chunks: readonly Chunk[]): Uint8Array {
  const parts = chunks.map(bytesOf);
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/**
 * The bytes of some chunks cut into pieces of `size` bytes (the last one shorter), wherever that
 * falls: inside frames, line breaks and multi-byte characters. As `'text'`, the pieces go
 * through one streaming UTF-8 decoder, as a transport decodes them: a piece that ends inside a
 * character gives its part of the text once the character is complete, and pieces that give no
 * text are left out.
 *
 * @example
 * ```ts
 * import { splitEvery } from 'cohere-rx/testing';
 *
 * splitEvery(['{"text":"€"}\n'], 5); // 3 Uint8Arrays of 5 bytes each
 * ```
 *
 * @param chunks The chunks.
 * @param size The size of each piece, in bytes.
 * @param as Whether the pieces are bytes or decoded text.
 * @returns The pieces.
 * @throws RangeError when `size` is not a positive integer.
 */
export function splitEvery(chunks: readonly Chunk[], size: number, as?: 'bytes'): Uint8Array[];
/**
 * The text of some chunks, cut at every `size` bytes and decoded by one streaming decoder.
 *
 * @param chunks The chunks.
 * @param size The size of each piece, in bytes.
 * @param as `'text'`.
 * @returns The decoded pieces, none empty.
 * @throws RangeError when `size` is not a positive integer.
 */
export function splitEvery(chunks: readonly Chunk[], size: number, as: 'text'): string[];
export function splitEvery(chunks: readonly Chunk[], size: number, as: 'bytes' | 'text' = 'bytes'): Uint8Array[] | string[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`size must be a positive integer, got ${size}`);
  const bytes = concat(chunks);
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.slice(at, at + size));
  if (as === 'bytes') return pieces;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return [...pieces.map((piece) => decoder.decode(piece, { stream: true })), decoder.decode()].filter((text) => text !== '');
}

/**
 * Every byte of some chunks as its own piece: the hardest split a framer can meet. See
 * {@link splitEvery}.
 *
 * @example
 * ```ts
 * import { splitEveryByte, toSseFrames, chatV2Event } from 'cohere-rx/testing';
 *
 * const bytes = splitEveryByte(toSseFrames([chatV2Event.start(), chatV2Event.end()]));          // one Uint8Array per byte
 * const text = splitEveryByte(toSseFrames([chatV2Event.start(), chatV2Event.end()]), 'text');   // one string per character
 * ```
 *
 * @param chunks The chunks.
 * @param as Whether the pieces are bytes or decoded text.
 * @returns One piece per byte.
 */
export function splitEveryByte(chunks: readonly Chunk[], as?: 'bytes'): Uint8Array[];
/**
 * The text of some chunks, cut at every byte and decoded by one streaming decoder: one piece per
 * character.
 *
 * @param chunks The chunks.
 * @param as `'text'`.
 * @returns One piece per character.
 */
export function splitEveryByte(chunks: readonly Chunk[], as: 'text'): string[];
export function splitEveryByte(chunks: readonly Chunk[], as: 'bytes' | 'text' = 'bytes'): Uint8Array[] | string[] {
  return as === 'text' ? splitEvery(chunks, 1, 'text') : splitEvery(chunks, 1);
}

/**
 * The first `count` items (events, frames, chunks): a stream cut after them, as a dropped
 * connection cuts it.
 *
 * @example
 * ```ts
 * import { chatV2Events, dropAfter } from 'cohere-rx/testing';
 *
 * const cut = dropAfter(chatV2Events({ text: ['Hel', 'lo'] }), 3); // message-start, content-start, 'Hel'
 * ```
 *
 * @param items The items.
 * @param count How many get through.
 * @returns A copy of the first `count` items.
 */
export function dropAfter<T>(items: readonly T[], count: number): T[] {
  return items.slice(0, Math.max(0, count));
}

/**
 * Chunks cut after `count` bytes: inside a frame, or even inside a character. Text chunks stay
 * text up to the cut, except a cut inside a character, whose first bytes are kept as bytes.
 *
 * @example
 * ```ts
 * import { dropAfterBytes, toSseText, chatV2Events } from 'cohere-rx/testing';
 *
 * const cut = dropAfterBytes([toSseText(chatV2Events({ text: 'Hello' }))], 150); // ends inside the third frame
 * ```
 *
 * @param chunks The chunks.
 * @param count How many bytes get through.
 * @returns The chunks up to the cut.
 */
export function dropAfterBytes(chunks: readonly Chunk[], count: number): Chunk[] {
  const out: Chunk[] = [];
  let left = Math.max(0, count);
  for (const chunk of chunks) {
    if (left === 0) break;
    const bytes = bytesOf(chunk);
    if (bytes.length <= left) {
      out.push(chunk);
      left -= bytes.length;
      continue;
    }
    const kept = bytes.subarray(0, left);
    if (typeof chunk === 'string') {
      // The last complete character before the cut: UTF-8 continuation bytes are 10xxxxxx.
      let whole = left;
      while (whole > 0 && ((bytes[whole] ?? 0) & 0xc0) === 0x80) whole--;
      if (whole > 0) out.push(new TextDecoder().decode(bytes.subarray(0, whole)));
      if (whole < left) out.push(bytes.slice(whole, left));
    } else {
      out.push(kept);
    }
    break;
  }
  return out;
}

/**
 * Items with the one at `position` sent again right after itself (`times` more times): a
 * duplicated event or frame, as a faulty proxy or a retry might send it.
 *
 * @example
 * ```ts
 * import { chatV2Events, duplicateEvent } from 'cohere-rx/testing';
 *
 * const twice = duplicateEvent(chatV2Events({ text: ['Hel', 'lo'] }), 2); // 'Hel' twice: the text becomes 'HelHello'
 * ```
 *
 * @param items The items.
 * @param position The position of the item to repeat.
 * @param times How many copies to add.
 * @returns A copy with the repeated item.
 * @throws RangeError when there is no item at `position`.
 */
export function duplicateEvent<T>(items: readonly T[], position: number, times = 1): T[] {
  if (position < 0 || position >= items.length) throw new RangeError(`no item at position ${position} of ${items.length}`);
  const item = items[position] as T;
  return [...items.slice(0, position + 1), ...Array.from({ length: times }, () => item), ...items.slice(position + 1)];
}

/** Options of {@link insertUnknownEvent}. */
export interface UnknownEventOptions {
  /**
   * The type the inserted event names.
   *
   * @defaultValue `'brand-new-event'`
   */
  readonly type?: string | undefined;
  /**
   * The member that names it: `type` (V2 chat) or `event_type` (V1 chat, generate).
   *
   * @defaultValue the member the events already use
   */
  readonly discriminator?: 'type' | 'event_type' | undefined;
}

/**
 * Events with one of a type nobody knows inserted at `position`, as Cohere may add event types
 * at any time: a pipeline must skip it (and may report it), never fail.
 *
 * @example
 * ```ts
 * import { chatV2Events, insertUnknownEvent, toSseFrames } from 'cohere-rx/testing';
 *
 * const frames = toSseFrames(insertUnknownEvent(chatV2Events({ text: 'Hi' }), 2));
 * ```
 *
 * @param events The events.
 * @param position Where the unknown event goes (`events.length` appends it).
 * @param options Its type, and the member that names it.
 * @returns A copy with the unknown event, `{ type: 'brand-new-event' }` or
 *   `{ event_type: 'brand-new-event', is_finished: false }`.
 */
export function insertUnknownEvent<E extends object>(events: readonly E[], position: number, options: UnknownEventOptions = {}): (E | JsonObject)[] {
  const type = options.type ?? 'brand-new-event';
  const discriminator = options.discriminator ?? (events.some((event) => typeof (event as JsonObject)['type'] === 'string') ? 'type' : 'event_type');
  const unknown: JsonObject = discriminator === 'type' ? { type } : { event_type: type, is_finished: false };
  return [...events.slice(0, position), unknown, ...events.slice(position)];
}
