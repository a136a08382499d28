import { CassetteFormatError, InvalidOptionError } from '../../lib/index';
import { CASSETTE_LINE_LENGTH, readCassette } from '../../lib/testing/index';
import { cassetteText, chunkLine, HEADER } from '../helpers/cassettes';

const HEADERS_EXPECTED = 'an object of at most 200 HTTP headers (token names, text values without line breaks) ("headers")';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The error `readCassette` throws for `text`. */
function failure(text: string | readonly string[]): unknown {
  try {
    readCassette(text);
  } catch (error) {
    return error;
  }
  throw new Error('readCassette did not throw');
}

describe('readCassette', () => {
  test('reads a take: its header, its chunks decoded with their times, its ending', () => {
    const text = cassetteText(HEADER, chunkLine(12, 'event: a\n'), chunkLine(30, 'data: é'), { take: 1, t: 41, end: 'complete' });
    expect(readCassette(text)).toEqual({
      header: HEADER,
      chunks: [
        { t: 12, bytes: bytes('event: a\n') },
        { t: 30, bytes: bytes('data: é') },
      ],
      ending: { t: 41, end: 'complete' },
    });
  });

  test('takes the lines as a sink received them, CRLF line ends, blank lines, and members the format does not name', () => {
    const lines = [
      `${JSON.stringify({ ...HEADER, extra: true })}\r\n`,
      '\n',
      `${JSON.stringify({ ...chunkLine(1, 'x'), note: 'x' })}\n`,
      `{"take":1,"t":2,"end":"complete"}`,
    ];
    const take = readCassette(lines);
    expect(take.header).toEqual(HEADER);
    expect(take.chunks).toEqual([{ t: 1, bytes: bytes('x') }]);
  });

  test('keeps how a take ended with an error, and the recorded error', () => {
    const error = { name: 'ConnectionError', message: 'dropped', exceptionType: 'x', awsMessage: 'y' };
    const take = readCassette(cassetteText(HEADER, chunkLine(5, 'a'), { take: 1, t: 9, end: 'error', error }));
    expect(take.ending).toEqual({ t: 9, end: 'error', error });
    expect(readCassette(cassetteText(HEADER, { take: 1, t: 9, end: 'stopped' })).ending).toEqual({ t: 9, end: 'stopped' });
  });

  describe('takes', () => {
    const twoTakes = cassetteText(
      HEADER,
      { ...HEADER, take: 2, status: 503 },
      chunkLine(1, 'first', 1),
      chunkLine(2, 'second', 2),
      { take: 2, t: 3, end: 'complete' },
      { take: 1, t: 4, end: 'complete' },
      { ...HEADER, take: 3 },
      chunkLine(5, 'unfinished', 3),
    );

    test('reads the interleaved lines of each take; by default the highest-numbered take that ended', () => {
      expect(readCassette(twoTakes).header.take).toBe(2);
      expect(readCassette(twoTakes).chunks).toEqual([{ t: 2, bytes: bytes('second') }]);
      expect(readCassette(twoTakes, { take: 1 }).chunks).toEqual([{ t: 1, bytes: bytes('first') }]);
    });

    test('a take that did not end, or does not exist, is an InvalidOptionError naming those that ended', () => {
      for (const take of [3, 4]) {
        expect(() => readCassette(twoTakes, { take })).toThrow(InvalidOptionError);
        expect(() => readCassette(twoTakes, { take })).toThrow('The option take accepts the number of a take that ended (1, 2), received ' + take);
      }
      expect(() => readCassette(twoTakes, { take: 1.5 })).toThrow(InvalidOptionError);
    });

    test('a cassette where no take ended is a CassetteFormatError at the end of the text', () => {
      const text = cassetteText(HEADER, chunkLine(1, 'a'));
      expect(failure(text)).toMatchObject({ name: 'CassetteFormatError', line: 3, expected: 'a take with its end line', received: '1 take(s), none ended' });
      expect(failure('')).toMatchObject({ line: 1, received: 'no take at all' });
    });
  });

  describe('a line that is not what a cassette holds is a CassetteFormatError naming it', () => {
    const end = { take: 1, t: 50, end: 'complete' };
    test.each<[string, readonly (object | string)[], number, string, string]>([
      ['not JSON', [HEADER, '{"take":1,"t":1,"b64":'], 2, 'a JSON object', '{"take":1,"t":1,"b64":'],
      ['an array', [HEADER, '[1]'], 2, 'a JSON object', '[1]'],
      [
        'neither header, chunk nor end',
        [HEADER, { take: 1, t: 1 }],
        2,
        'a header line ("cassette"), a chunk line ("b64") or an end line ("end")',
        '{"take":1,"t":1}',
      ],
      ['another version', [{ ...HEADER, cassette: 2 }], 1, 'the format\'s version, 1 (record the cassette again with this version) ("cassette")', '2'],
      ['a chunk before its header', [chunkLine(1, 'a')], 1, 'a line of a take whose header came before', 'a line of take 1, which has no header line before'],
      ['a chunk after its end', [HEADER, end, chunkLine(60, 'a')], 3, 'a line of a take that has not ended', 'a line of take 1, after its end line'],
      ['a second header of a take', [HEADER, HEADER], 2, 'the header of a new take', 'a second header of take 1'],
      ['a time that goes back', [HEADER, chunkLine(20, 'a'), chunkLine(10, 'b')], 3, 'a time in milliseconds from 20 to 2147483647 ("t")', '10'],
      ['a negative time', [HEADER, chunkLine(-1, 'a')], 2, 'a time in milliseconds from 0 to 2147483647 ("t")', '-1'],
      ['a time past the longest timer', [HEADER, chunkLine(2 ** 31, 'a')], 2, 'a time in milliseconds from 0 to 2147483647 ("t")', '2147483648'],
      ['a time that is text', [HEADER, { take: 1, t: '5', b64: 'YQ==' }], 2, 'a time in milliseconds from 0 to 2147483647 ("t")', '"5"'],
      ['bad base64', [HEADER, { take: 1, t: 1, b64: 'not base64!' }], 2, 'the base64 of the bytes ("b64"), as btoa writes it', '"not base64!"'],
      ['a take number of 0', [{ ...HEADER, take: 0 }], 1, 'a take number from 1 to 10000 ("take")', '0'],
      ['an unknown source', [{ ...HEADER, source: 'openai' }], 1, 'one of "cohere", "bedrock", "sagemaker" ("source")', '"openai"'],
      ['an unknown framing', [{ ...HEADER, framing: 'xml' }], 1, 'one of "sse", "json", "chunks" ("framing")', '"xml"'],
      ['an unknown protocol', [{ ...HEADER, protocol: 'chatV3' }], 1, 'one of "chatV2", "chatV1", "generate" ("protocol")', '"chatV3"'],
      ['a status out of range', [{ ...HEADER, status: 600 }], 1, 'an HTTP status, an integer from 100 to 599 ("status")', '600'],
      ['a header that is not text', [{ ...HEADER, headers: { a: 1 } }], 1, HEADERS_EXPECTED, '{"a":1}'],
      ['a header value with a line break', [{ ...HEADER, headers: { a: 'b\r\nset-cookie: x' } }], 1, HEADERS_EXPECTED, '{"a":"b\\r\\nset-cookie: x"}'],
      ['a header name that is not a token', [{ ...HEADER, headers: { 'bad name': 'x' } }], 1, HEADERS_EXPECTED, '{"bad name":"x"}'],
      ['an unknown ending', [HEADER, { take: 1, t: 1, end: 'done' }], 2, 'one of "complete", "error", "stopped" ("end")', '"done"'],
      [
        'an error without a message',
        [HEADER, { take: 1, t: 1, end: 'error', error: { name: 'X' } }],
        2,
        'an error: { "name": text, "message": text, "exceptionType"?: text, "awsMessage"?: text } ("error")',
        '{"name":"X"}',
      ],
    ])('%s', (_, lines, line, expected, received) => {
      const error = failure(cassetteText(...lines));
      expect(error).toBeInstanceOf(CassetteFormatError);
      expect(error).toMatchObject({ line, expected, received });
      expect((error as Error).message).toBe(
        `Line ${line} of the cassette: expected ${expected}, received ${received}. ` +
          'A cassette is the JSON lines recordCassette writes (a header line per take, then its chunks and its end): record it again, or restore the line.',
      );
    });

    test('a line longer than CASSETTE_LINE_LENGTH, before it is parsed; the line quoted is cut to 512 characters', () => {
      const long = JSON.stringify({ take: 1, t: 1, b64: 'A'.repeat(CASSETTE_LINE_LENGTH) });
      expect(failure(cassetteText(HEADER, long))).toMatchObject({ line: 2, received: `a line of ${long.length} characters` });
      const garbage = 'x'.repeat(2000);
      expect((failure(cassetteText(HEADER, garbage)) as CassetteFormatError).received).toBe(`${'x'.repeat(512)}… (1488 more characters)`);
    });

    test('the chunk of the largest size a recorder writes is read', () => {
      const big = new Uint8Array(1024 * 1024).fill(0xab);
      const text = cassetteText(HEADER, { take: 1, t: 1, b64: Buffer.from(big).toString('base64') }, { take: 1, t: 2, end: 'complete' });
      const read = readCassette(text).chunks[0]?.bytes ?? new Uint8Array();
      expect(Buffer.from(read).equals(big)).toBe(true);
    });
  });
});
