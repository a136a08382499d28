/**
 * CRC-32 (IEEE 802.3, the checksum of zip, gzip and the AWS event-stream format), in plain
 * TypeScript so that the event-stream encoder runs in any JavaScript runtime.
 *
 * @module
 */

const TABLE = new Uint32Array(256).map((_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/**
 * The CRC-32 of some bytes.
 *
 * @param bytes The bytes.
 * @returns The checksum, an unsigned 32-bit integer.
 * @internal
 */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
