import { from, lastValueFrom, toArray } from 'rxjs';
import { DecodeError, jsonFrames } from '../../lib/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

const frames = (...chunks: (string | Uint8Array)[]) => lastValueFrom(from(chunks).pipe(jsonFrames(), toArray()));

describe('jsonFrames', () => {
  test('frames JSON lines, with LF or CRLF, skipping blank lines', async () => {
    expect(await frames('{"a":1}\n\n{"b":2}\n')).toEqual(['{"a":1}', '{"b":2}']);
    expect(await frames('{"a":1}\r\n\r\n{"b":2}\r\n')).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('emits a last document that has no trailing newline', async () => {
    expect(await frames('{"a":1}\n{"b":2}')).toEqual(['{"a":1}', '{"b":2}']);
  });

  test('frames concatenated documents with nothing between them', async () => {
    expect(await frames('{"a":1}{"b":[1,{"c":2}]}[3]')).toEqual(['{"a":1}', '{"b":[1,{"c":2}]}', '[3]']);
  });

  test('frames pretty-printed documents', async () => {
    const pretty = '{\n  "a": {\n    "b": [1, 2]\n  }\n}\n{\n  "c": 3\n}';
    expect(await frames(pretty)).toEqual(['{\n  "a": {\n    "b": [1, 2]\n  }\n}', '{\n  "c": 3\n}']);
  });

  test('does not count brackets or escaped quotes inside strings', async () => {
    const doc = '{"t":"a } ] { [ \\" } \\\\","u":"\\\\"}';
    expect(await frames(`${doc}${doc}`)).toEqual([doc, doc]);
  });

  test('an escaping backslash at the very end of a chunk escapes the first character of the next', async () => {
    const doc = '{"t":"x\\"}y"}';
    const cut = doc.indexOf('\\') + 1;
    expect(await frames(doc.slice(0, cut), doc.slice(cut), '{"n":1}')).toEqual([doc, '{"n":1}']);
  });

  test('frames a document split over many chunks', async () => {
    const doc = JSON.stringify({ text: 'x'.repeat(5000), nested: { a: [1, 2, 3] } });
    const chunks = doc.match(/[\s\S]{1,7}/g) ?? [];
    expect(await frames(...chunks, '\n{"n":1}')).toEqual([doc, '{"n":1}']);
  });

  test('a line that does not start a JSON document is one frame, so it can be reported', async () => {
    expect(await frames('{"a":1}\nnot json at all\r\n{"b":2}')).toEqual(['{"a":1}', 'not json at all', '{"b":2}']);
    expect(await frames('data: {"a":1}')).toEqual(['data: {"a":1}']);
  });

  test('an unfinished document at the end is a truncated DecodeError after the documents before it', async () => {
    for (const cut of ['{"b":', '{"b":"x', '{"b":"\\', '[1,{"c":[']) {
      const { values, error } = settle(from(['{"a":1}\n', cut]).pipe(jsonFrames()));
      expect(values).toEqual(['{"a":1}']);
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({ reason: 'truncated', frame: cut });
    }
    expect(await frames('{"a":1}\n{"b":2}')).toEqual(['{"a":1}', '{"b":2}']);
    expect(await frames('{"a":1}\nnot json')).toEqual(['{"a":1}', 'not json']);
  });

  test('skips a byte-order mark that opens the stream, and whitespace-only input', async () => {
    expect(await frames('\uFEFF{"a":1}')).toEqual(['{"a":1}']);
    expect(await frames(new TextEncoder().encode('\uFEFF{"a":1}'))).toEqual(['{"a":1}']);
    // Anywhere else U+FEFF is not JSON whitespace: the line is reported, not skipped.
    expect(await frames('{"a":1}\uFEFF{"b":2}')).toEqual(['{"a":1}', '\uFEFF{"b":2}']);
    expect(await frames(' \n\t\r\n')).toEqual([]);
  });

  test('decodes a multi-byte character split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('{"t":"星期一 īng 👍🏽"}\n');
    const chunks = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await frames(...chunks)).toEqual(['{"t":"星期一 īng 👍🏽"}']);
  });

  test('bytes that are not UTF-8 are a DecodeError with reason invalid-utf8', async () => {
    const error = await frames(new Uint8Array([0x7b, 0xc3, 0x28, 0x7d])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ reason: 'invalid-utf8' });
  });

  test('a document growing past maxFrameSize is a DecodeError, after the frames before it', () => {
    const chunks = ['{"n":1}\n{"t":"', 'x'.repeat(40), 'x'.repeat(40), '"}'];
    const { values: seen, error } = settle(from(chunks).pipe(jsonFrames({ maxFrameSize: 64 })));
    expect(seen).toEqual(['{"n":1}']);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ reason: 'frame-too-large', frame: expect.stringMatching(/^\{"t":"x/) });
  });

  test('a complete document over maxFrameSize is a DecodeError too, in one chunk or several', () => {
    for (const chunks of [['{"n":1}\n{"a":"' + 'x'.repeat(100) + '"}'], ['{"n":1}\n{"a":"xxx', 'x'.repeat(100) + '"}']]) {
      const { values: seen, error } = settle(from(chunks).pipe(jsonFrames({ maxFrameSize: 64 })));
      expect(seen).toEqual(['{"n":1}']);
      expect(error).toMatchObject({ reason: 'frame-too-large' });
    }
  });

  test('a document of exactly maxFrameSize passes', async () => {
    const doc = `{"a":"${'x'.repeat(56)}"}`;
    expect(doc).toHaveLength(64);
    expect(await lastValueFrom(from([doc]).pipe(jsonFrames({ maxFrameSize: 64 }), toArray()))).toEqual([doc]);
  });

  test('a string full of escapes is framed in one pass', async () => {
    // 300k escapes: a scanner that searched for the closing quote again after every escape
    // would need about 10^11 character comparisons here.
    const doc = `{"t":"${'\\u65e5\\n'.repeat(150_000)}"}`;
    expect(await frames(doc, '{"n":1}')).toEqual([doc, '{"n":1}']);
  });

  test('frames before an invalid byte in the same chunk are delivered, then the error names the byte offset', () => {
    const good = new TextEncoder().encode('{"a":"é"}\n{"b":2}\n');
    const { values: seen, error } = settle(from([good.subarray(0, 7), new Uint8Array([...good.subarray(7), 0x7b, 0xff])]).pipe(jsonFrames()));
    expect(seen).toEqual(['{"a":"é"}', '{"b":2}']);
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'invalid-utf8' });
    expect((error as Error).message).toContain(`at byte ${good.length + 1}: expected UTF-8 encoded text, received the byte 0xff`);
  });

  test('each subscription has its own scanner state', async () => {
    const source = from(['{"a":', '1}']).pipe(jsonFrames());
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual(['{"a":1}']);
    expect(await lastValueFrom(source.pipe(toArray()))).toEqual(['{"a":1}']);
  });

  describe('marbles', () => {
    const values = { a: '{"n"', b: ':1}\n{"m":2}', c: '{"k":3}' };
    const out = { x: '{"n":1}', y: '{"m":2}', z: '{"k":3}' };

    test('values across chunks, then complete', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b----c-|', values);
        expectObservable(source.pipe(jsonFrames())).toBe('---(xy)-z-|', out);
        expectSubscriptions(source.subscriptions).toBe('^---------!');
      });
    });

    marbleChecklist<string | Uint8Array, string>({
      operator: () => jsonFrames(),
      values,
      out,
      error: { source: '-c-#', expected: '-z-#' },
      empty: { is: 'completes without frames', cases: [{ source: '|', expected: '|' }] },
      unsubscribe: { source: '-c-c-c-|', at: '^--!', expected: '-z--' },
    });
  });

  operatorChecklist<string | Uint8Array>(jsonFrames, (i) => `{"n":${i}}`, new Uint8Array([0xff]));
});
