/**
 * How the benchmark servers render and send a body: rendered once into one buffer, written in
 * 16 KiB slices that honour back-pressure (so slices cut events and UTF-8 sequences alike).
 */
import type { Writable } from 'node:stream';
import { drained } from '../../lib/testing/mock-exchange';

/** The size of each write. */
export const SLICE_BYTES = 16 * 1024;

/**
 * Joins pieces into one buffer, encoding strings as UTF-8 a batch at a time (no giant string).
 *
 * @param pieces Text and bytes, in order.
 * @returns All of them, as one buffer.
 */
export function joinBytes(pieces: Iterable<string | Uint8Array>): Buffer {
  const buffers: Buffer[] = [];
  let batch = '';
  const flush = () => {
    if (batch !== '') buffers.push(Buffer.from(batch, 'utf8'));
    batch = '';
  };
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      flush();
      buffers.push(Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
    } else if ((batch += piece).length >= 1 << 16) flush();
  }
  flush();
  return Buffer.concat(buffers);
}

/**
 * Writes `bytes` in {@link SLICE_BYTES} slices, waiting for `drain` whenever the socket's buffer
 * is full; stops early if the peer went away.
 *
 * @param out The response.
 * @param bytes The body, or a part of it.
 * @returns Once the last slice is handed over.
 */
export async function writeSlices(out: Writable, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
    if (out.destroyed) return;
    if (!out.write(bytes.subarray(at, at + SLICE_BYTES))) await drained(out);
  }
}
