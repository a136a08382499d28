/**
 * Handlers for the mock server that stream an answer in each family's framing: server-sent
 * events (V2 chat), JSON lines (V1 chat, generate), and AWS event streams (Bedrock chunks,
 * SageMaker payload parts, exception messages).
 *
 * @module
 */
import type { MockHandler } from './mock-exchange';
import { EVENT_STREAM_CONTENT_TYPE, JSON_LINES_CONTENT_TYPE, MOCK_REQUEST_ID, streams, type StreamReplyOptions } from './mock-replies';
import {
  toBedrockMessages,
  toJsonLines,
  toSageMakerMessages,
  toSseFrames,
  type BedrockMessageOptions,
  type JsonLinesOptions,
  type SageMakerPartOptions,
  type SseOptions,
  type WireEvent,
} from './wire';

/**
 * A V2 chat answer as server-sent events (see {@link toSseFrames}), one write per event.
 *
 * @example
 * ```ts
 * import { chatV2Events, sseStream, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(sseStream(chatV2Events({ text: ['Hello', ', world'] }), { gapMs: 30 }));
 * await server.close();
 * ```
 *
 * @param events The events.
 * @param options Whether to end with `[DONE]`, and the reply's options.
 * @returns The handler.
 */
export function sseStream(events: readonly WireEvent[], options: StreamReplyOptions & SseOptions = {}): MockHandler {
  return streams(toSseFrames(events, options), options);
}

/**
 * A V1 chat or generate answer as JSON lines (see {@link toJsonLines}), one write per event,
 * as `application/stream+json`.
 *
 * @example
 * ```ts
 * import { generateEvents, jsonLinesStream, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.route('/v1/generate', jsonLinesStream(generateEvents({ generations: [['A', 'a'], ['B', 'b'], ['C', 'c']] })));
 * await server.close();
 * ```
 *
 * @param events The events.
 * @param options The last newline, and the reply's options.
 * @returns The handler.
 */
export function jsonLinesStream(events: readonly WireEvent[], options: StreamReplyOptions & JsonLinesOptions = {}): MockHandler {
  return streams(toJsonLines(events, options), { ...options, contentType: options.contentType ?? JSON_LINES_CONTENT_TYPE });
}

/**
 * An AWS event stream: `application/vnd.amazon.eventstream` with an `x-amzn-requestid`, each
 * encoded message written in turn (see `encodeEventStreamMessage`).
 *
 * @example
 * ```ts
 * import { chatV1Events, eventStream, exceptionMessage, startMockCohereServer, toBedrockMessages } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * // Two chunks, then Bedrock's exception frame.
 * const chunks = toBedrockMessages(chatV1Events({ text: ['Hel', 'lo'] }, { source: 'bedrock' }).slice(0, 2));
 * server.reply(eventStream([...chunks, exceptionMessage('modelStreamErrorException', { message: 'Model stream failed', originalStatusCode: 500 })]));
 * await server.close();
 * ```
 *
 * @param messages The encoded messages.
 * @param options The reply's options.
 * @returns The handler.
 */
export function eventStream(messages: readonly Uint8Array[], options: StreamReplyOptions = {}): MockHandler {
  return streams(messages, {
    ...options,
    contentType: options.contentType ?? EVENT_STREAM_CONTENT_TYPE,
    headers: { 'x-amzn-requestid': MOCK_REQUEST_ID, ...options.headers },
  });
}

/**
 * A Bedrock answer: one `chunk` message per event (see {@link toBedrockMessages}).
 *
 * @example
 * ```ts
 * import { bedrockStream, chatV1Events, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(bedrockStream(chatV1Events({ text: 'Hi' }, { source: 'bedrock' }), { then: 'drop' }));
 * await server.close();
 * ```
 *
 * @param events The model's events.
 * @param options The padding member, and the reply's options.
 * @returns The handler.
 */
export function bedrockStream(events: readonly WireEvent[], options: StreamReplyOptions & BedrockMessageOptions = {}): MockHandler {
  return eventStream(toBedrockMessages(events, options), options);
}

/**
 * A SageMaker answer: `PayloadPart` messages carrying the events' JSON lines, one per line or
 * cut every `partSize` bytes (see {@link toSageMakerMessages}).
 *
 * @example
 * ```ts
 * import { generateEvents, sagemakerStream, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(sagemakerStream(generateEvents({ generations: ['Once upon a time'] }), { partSize: 3 }));
 * await server.close();
 * ```
 *
 * @param events The model's events.
 * @param options Where parts are cut, and the reply's options.
 * @returns The handler.
 */
export function sagemakerStream(events: readonly WireEvent[], options: StreamReplyOptions & SageMakerPartOptions = {}): MockHandler {
  return eventStream(toSageMakerMessages(events, options), options);
}
