/**
 * The recorder's filter of body chunks: no part of a secret is ever written, however a server
 * cuts its body, and a chunk costs what it holds, however many are held.
 */
import { bodySecrets } from '../../lib/cassettes/body-secrets';
import { byteText, textBytes } from '../../lib/cassettes/base64';
import { createRedactor, type Redactor } from '../../lib/errors/redaction';

const KEY = 'sk-SECRET-1234567890';
const written = (chunks: readonly { readonly bytes: Uint8Array }[]) => chunks.map((chunk) => byteText(chunk.bytes)).join('');

describe('bodySecrets', () => {
  test('a secret split by the 1 MiB limit on what is held is still redacted: the end that may begin it stays held', () => {
    const filter = bodySecrets(createRedactor([KEY]));
    const out = [
      ...filter.chunk(1, textBytes(`${'a'.repeat(1024 * 1024)} ${KEY.slice(0, 8)}`)),
      ...filter.chunk(2, textBytes(`${KEY.slice(8)} and the rest`)),
      ...filter.flush(),
    ];
    const text = written(out);
    expect(text).not.toContain(KEY.slice(0, 8));
    expect(text).toContain('[redacted] and the rest');
    expect(text.length).toBe(1024 * 1024 + ' [redacted] and the rest'.length);
  });

  test('a body in many chunks that each end in the start of an escape is written whole, each chunk read up to a bounded end', () => {
    // The work is counted, not timed: the characters handed to the redactor.
    const redactor = createRedactor([KEY]);
    let read = 0;
    const counting: Redactor = {
      ...redactor,
      text: (text) => ((read += text.length), redactor.text(text)),
      cutText: (text) => ((read += text.length), redactor.cutText(text)),
    };
    const filter = bodySecrets(counting);
    const pieces = 5_000;
    const out: { bytes: Uint8Array }[] = [];
    for (let i = 0; i < pieces; i++) out.push(...filter.chunk(i, textBytes('x\\')));
    out.push(...filter.flush());
    expect(written(out)).toBe('x\\'.repeat(pieces));
    // Each chunk reads the end of what is held (two windows of tailLength at most), and the
    // release at the end reads it all once.
    expect(read).toBeLessThanOrEqual(pieces * 4 * redactor.tailLength + 2 * 2 * pieces);
  });
});
