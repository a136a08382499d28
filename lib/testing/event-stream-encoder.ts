/**
 * An encoder of AWS event-stream messages (the binary framing of Bedrock's
 * `InvokeModelWithResponseStream` and SageMaker's `InvokeEndpointWithResponseStream`), and the
 * messages Cohere models on AWS stream: Bedrock `chunk` events, SageMaker `PayloadPart` events
 * and exception messages. It needs no AWS package and runs in any JavaScript runtime.
 *
 * @module
 */
import { toBase64 } from '../cassettes/base64';
import { crc32 } from './crc32';

const encoder = new TextEncoder();

/** The bytes of a prelude (total length, headers length, prelude CRC) and of the message CRC. */
const PRELUDE_LENGTH = 12;
const CHECKSUM_LENGTH = 4;
/** The header value type of a string (`7` in the event-stream format). */
const STRING_HEADER = 7;

/**
 * Encodes one event-stream message with string headers: a prelude (total length, headers
 * length, both big-endian u32, and their CRC-32), the headers (name length u8, name, type 7,
 * value length u16, value), the payload and the CRC-32 of everything before it.
 *
 * @example
 * ```ts
 * import { encodeEventStreamMessage } from 'cohere-rx/testing';
 *
 * const message = encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'brandNewEvent' }, '{"x":1}');
 * ```
 *
 * @param headers The headers, by name, in order.
 * @param payload The payload: bytes, or text sent as UTF-8.
 * @returns The encoded message.
 * @throws RangeError when a header name is longer than 255 bytes or a value longer than 65,535.
 */
export function encodeEventStreamMessage(headers: Readonly<Record<string, string>>, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? encoder.encode(payload) : payload;
  const encoded = Object.entries(headers).map(([name, value]) => {
    const pair = { name: encoder.encode(name), value: encoder.encode(value) };
    if (pair.name.length > 0xff || pair.value.length > 0xffff) throw new RangeError(`the event-stream header "${name}" is too long to encode`);
    return pair;
  });
  const headersLength = encoded.reduce((sum, { name, value }) => sum + 1 + name.length + 1 + 2 + value.length, 0);
  const total = PRELUDE_LENGTH + headersLength + body.length + CHECKSUM_LENGTH;
  const message = new Uint8Array(total);
  const view = new DataView(message.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headersLength);
  view.setUint32(8, crc32(message.subarray(0, 8)));
  let at = PRELUDE_LENGTH;
  for (const { name, value } of encoded) {
    view.setUint8(at, name.length);
    message.set(name, at + 1);
    at += 1 + name.length;
    view.setUint8(at, STRING_HEADER);
    view.setUint16(at + 1, value.length);
    message.set(value, at + 3);
    at += 3 + value.length;
  }
  message.set(body, at);
  at += body.length;
  view.setUint32(at, crc32(message.subarray(0, at)));
  return message;
}

/**
 * A Bedrock `chunk` event whose payload is given as it goes on the wire (`{"bytes":"<base64>"}`),
 * for payloads a test wants exactly so (recorded ones, broken ones).
 *
 * @example
 * ```ts
 * import { bedrockPayloadMessage } from 'cohere-rx/testing';
 *
 * // A chunk whose base64 is not valid UTF-8 once decoded.
 * const broken = bedrockPayloadMessage(JSON.stringify({ bytes: btoa('\u00ff\u00fe') }));
 * ```
 *
 * @param payload The JSON text of the payload.
 * @returns The encoded message.
 */
export function bedrockPayloadMessage(payload: string): Uint8Array {
  return encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'chunk', ':content-type': 'application/json' }, payload);
}

/**
 * A Bedrock `chunk` event carrying one model JSON document: the payload is
 * `{"bytes":"<base64 of the JSON>"}`, with the `p` padding member Bedrock sometimes adds.
 *
 * @example
 * ```ts
 * import { bedrockChunkMessage } from 'cohere-rx/testing';
 *
 * const message = bedrockChunkMessage({ event_type: 'text-generation', is_finished: false, text: 'Hi' }, 'abcdef');
 * ```
 *
 * @param model The model's JSON document, as an object or as its text.
 * @param padding The `p` member, when wanted.
 * @returns The encoded message.
 */
export function bedrockChunkMessage(model: object | string, padding?: string): Uint8Array {
  const json = typeof model === 'string' ? model : JSON.stringify(model);
  const payload: Record<string, string> = { bytes: toBase64(encoder.encode(json)) };
  if (padding !== undefined) payload['p'] = padding;
  return bedrockPayloadMessage(JSON.stringify(payload));
}

/**
 * A SageMaker `PayloadPart` event: raw bytes of the model's output, with no wrapper.
 *
 * @example
 * ```ts
 * import { payloadPartMessage } from 'cohere-rx/testing';
 *
 * // The first half of a JSON line: the next part carries the rest.
 * const part = payloadPartMessage('{"event_type":"text-gen');
 * ```
 *
 * @param bytes The part's bytes, or text sent as UTF-8.
 * @returns The encoded message.
 */
export function payloadPartMessage(bytes: Uint8Array | string): Uint8Array {
  return encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'PayloadPart', ':content-type': 'application/octet-stream' }, bytes);
}

/**
 * An exception message, such as Bedrock's `modelStreamErrorException` (payload `{ message,
 * originalStatusCode, originalMessage }`) or SageMaker's `ModelStreamError` (payload
 * `{ Message, ErrorCode }`): the AWS SDK throws it from the stream as a typed exception.
 *
 * @example
 * ```ts
 * import { exceptionMessage } from 'cohere-rx/testing';
 *
 * const throttled = exceptionMessage('throttlingException', { message: 'Too many tokens' });
 * ```
 *
 * @param type The exception type (`:exception-type`).
 * @param payload The exception's members, sent as JSON.
 * @returns The encoded message.
 */
export function exceptionMessage(type: string, payload: object): Uint8Array {
  return encodeEventStreamMessage({ ':message-type': 'exception', ':exception-type': type, ':content-type': 'application/json' }, JSON.stringify(payload));
}
