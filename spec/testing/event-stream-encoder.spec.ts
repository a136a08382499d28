import { crc32 as zlibCrc32 } from 'node:zlib';
import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import fc from 'fast-check';
import {
  bedrockChunkMessage,
  encodeEventStreamMessage,
  exceptionMessage,
  payloadPartMessage,
  toBedrockMessages,
  toSageMakerMessages,
} from '../../lib/testing/index';
import { crc32 } from '../../lib/testing/crc32';
import { fixtureTest, fixtureText, jsonLines, linesOf } from '../helpers/fixtures';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** The AWS SDK's own event-stream codec: the reference the encoder is checked against. */
const smithy = new EventStreamCodec(
  (bytes) => decoder.decode(bytes),
  (text) => encoder.encode(text),
);

/** A message as plain data: its string headers and its payload as text. */
function read(bytes: Uint8Array): { headers: Record<string, unknown>; body: string } {
  const message = smithy.decode(bytes);
  return { headers: Object.fromEntries(Object.entries(message.headers).map(([name, header]) => [name, header.value])), body: decoder.decode(message.body) };
}

const smithyEncode = (headers: Record<string, string>, body: Uint8Array): Uint8Array => {
  const message: Message = { headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: 'string', value }])), body };
  return smithy.encode(message);
};

describe('encodeEventStreamMessage', () => {
  test("smithy's decoder reads its headers and payload, and smithy's encoder writes the same bytes", () => {
    const headers = { ':message-type': 'event', ':event-type': 'chunk', ':content-type': 'application/json', 'x-ünïcode': '✓ 👋' };
    const message = encodeEventStreamMessage(headers, '{"bytes":"e30="}');
    expect(read(message)).toEqual({ headers, body: '{"bytes":"e30="}' });
    expect(message).toEqual(smithyEncode(headers, encoder.encode('{"bytes":"e30="}')));
  });

  test('any string headers and payload: byte for byte what smithy encodes, and smithy decodes them back', () => {
    fc.assert(
      fc.property(
        // smithy's decoder gathers headers by assignment into a plain object, where a header named
        // `__proto__` would set the prototype instead: that name cannot make the round trip.
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 40 }).filter((name) => name !== '__proto__'),
          fc.string({ maxLength: 200 }),
          { maxKeys: 6 },
        ),
        fc.uint8Array({ maxLength: 2000 }),
        (headers, body) => {
          const message = encodeEventStreamMessage(headers, body);
          expect(message).toEqual(smithyEncode(headers, body));
          const decoded = smithy.decode(message);
          expect(Object.fromEntries(Object.entries(decoded.headers).map(([name, header]) => [name, header.value]))).toEqual(headers);
          expect(decoded.body).toEqual(body);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a header too long for the format is a RangeError', () => {
    expect(() => encodeEventStreamMessage({ ['x'.repeat(256)]: 'v' }, '')).toThrow(RangeError);
    expect(() => encodeEventStreamMessage({ name: 'v'.repeat(65_536) }, '')).toThrow(RangeError);
  });

  test("its CRC-32 is zlib's", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (bytes) => crc32(bytes) === zlibCrc32(bytes)));
  });

  fixtureTest(
    'bedrock-eventstream-modelStreamErrorException.base64.txt: the recorded frame, encoded again from its headers and payload, is the recording byte for byte',
    () => {
      const recorded = new Uint8Array(Buffer.from(fixtureText('bedrock-eventstream-modelStreamErrorException.base64.txt').trim(), 'base64'));
      const { headers, body } = read(recorded);
      expect(headers[':exception-type']).toBe('modelStreamErrorException');
      expect(encodeEventStreamMessage(headers as Record<string, string>, body)).toEqual(recorded);
      expect(exceptionMessage('modelStreamErrorException', JSON.parse(body) as object)).toEqual(recorded);
    },
  );
});

describe('the messages of Cohere on AWS', () => {
  test("a Bedrock chunk: a chunk event whose payload is {bytes: base64 of the model's JSON}, with the padding when asked", () => {
    const model = { event_type: 'text-generation', is_finished: false, text: 'Grüße 👋' };
    const { headers, body } = read(bedrockChunkMessage(model, 'abc'));
    expect(headers).toEqual({ ':message-type': 'event', ':event-type': 'chunk', ':content-type': 'application/json' });
    const payload = JSON.parse(body) as { bytes: string; p: string };
    expect(payload.p).toBe('abc');
    expect(JSON.parse(Buffer.from(payload.bytes, 'base64').toString('utf8'))).toEqual(model);
    expect(toBedrockMessages([model])).toEqual([bedrockChunkMessage(model)]);
  });

  fixtureTest('bedrock-command-r-chunk-payloads.jsonl: the decoded chunks, encoded again, carry the recorded payloads exactly', () => {
    const payloads = linesOf(fixtureText('bedrock-command-r-chunk-payloads.jsonl'));
    const decoded = linesOf(fixtureText('bedrock-command-r-chunks-decoded.jsonl'));
    expect(decoded).toHaveLength(payloads.length);
    expect(decoded.map((chunk) => read(bedrockChunkMessage(chunk)).body)).toEqual(payloads);
    expect(jsonLines(fixtureText('bedrock-command-r-chunks-decoded.jsonl')).map((chunk) => read(bedrockChunkMessage(chunk)).body)).toEqual(payloads);
  });

  test('SageMaker payload parts: raw bytes, the JSON lines cut every partSize bytes', () => {
    const events = [{ text: 'ü' }, { text: 'b' }];
    const parts = toSageMakerMessages(events, { partSize: 5 }).map(read);
    expect(parts.every((part) => part.headers[':event-type'] === 'PayloadPart' && part.headers[':message-type'] === 'event')).toBe(true);
    expect(parts).toHaveLength(Math.ceil(encoder.encode('{"text":"ü"}\n{"text":"b"}\n').length / 5));
    const bytes = Buffer.concat(toSageMakerMessages(events, { partSize: 5 }).map((message) => smithy.decode(message).body));
    expect(bytes.toString('utf8')).toBe('{"text":"ü"}\n{"text":"b"}\n');
    expect(read(payloadPartMessage('raw')).body).toBe('raw');
    expect(() => toSageMakerMessages(events, { partSize: 0 })).toThrow(RangeError);
  });
});
