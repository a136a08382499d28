/**
 * Events to the exact bytes each source puts on the wire: V2 server-sent events, V1 and
 * generate JSON lines, Bedrock chunks and SageMaker payload parts (and their event-stream
 * messages, for a server).
 *
 * @module
 */
import { bedrockChunkMessage, payloadPartMessage } from './event-stream-encoder';
import { splitEvery } from './faults';

/** An event to put on the wire: an object (sent as its JSON text) or a JSON text as it should go out. */
export type WireEvent = object | string;

const encoder = new TextEncoder();

/** The JSON text of an event. */
const jsonOf = (event: WireEvent): string => (typeof event === 'string' ? event : JSON.stringify(event));

/** The `type` of an event, which names its SSE event, when it has one. */
function sseNameOf(event: WireEvent): string | undefined {
  let value: unknown = event;
  if (typeof event === 'string') {
    try {
      value = JSON.parse(event);
    } catch {
      return undefined;
    }
  }
  const type = value !== null && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : undefined;
}

/** Options of {@link toSseFrames} and {@link toSseText}. */
export interface SseOptions {
  /**
   * Whether the stream ends with the `data: [DONE]` frame api.cohere.com sends after
   * `message-end`.
   *
   * @defaultValue `true`
   */
  readonly done?: boolean | undefined;
}

/**
 * One server-sent event per V2 event, framed as api.cohere.com frames them: `event: <type>`
 * (the event's `type`), `data: <json>`, a blank line; then `data: [DONE]` and a blank line. A
 * text with line breaks gets one `data:` line per line.
 *
 * @example
 * ```ts
 * import { chatV2Events, toSseFrames } from 'cohere-rx/testing';
 *
 * const frames = toSseFrames(chatV2Events({ text: 'Hi' }));
 * // ['event: message-start\ndata: {"type":"message-start",…}\n\n', …, 'data: [DONE]\n\n']
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Whether to end with `[DONE]`.
 * @returns The text of each frame.
 */
export function toSseFrames(events: readonly WireEvent[], options: SseOptions = {}): string[] {
  const frames = events.map((event) => {
    const name = sseNameOf(event);
    const data = jsonOf(event)
      .split(/\r\n|\r|\n/)
      .map((line) => `data: ${line}\n`)
      .join('');
    return `${name === undefined ? '' : `event: ${name}\n`}${data}\n`;
  });
  return options.done === false ? frames : [...frames, 'data: [DONE]\n\n'];
}

/**
 * The whole server-sent-events text of V2 events: {@link toSseFrames}, joined.
 *
 * @example
 * ```ts
 * import { chatV2Events, toSseText } from 'cohere-rx/testing';
 *
 * const body = toSseText(chatV2Events({ text: 'Hi' }), { done: false }); // a stream cut before [DONE]
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Whether to end with `[DONE]`.
 * @returns The body of the response.
 */
export function toSseText(events: readonly WireEvent[], options: SseOptions = {}): string {
  return toSseFrames(events, options).join('');
}

/** Options of {@link toJsonLines} and {@link toJsonLinesText}. */
export interface JsonLinesOptions {
  /**
   * Whether the last line ends with a newline too (some recorded streams end without one).
   *
   * @defaultValue `true`
   */
  readonly finalNewline?: boolean | undefined;
}

/**
 * One JSON line per event (`<json>\n`), as api.cohere.com streams V1 chat and generate, and
 * as SageMaker containers write their output.
 *
 * @example
 * ```ts
 * import { generateEvents, toJsonLines } from 'cohere-rx/testing';
 *
 * const lines = toJsonLines(generateEvents({ generations: [['Once', ' upon'], ['A', ' long']] }));
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Whether the last line ends with a newline.
 * @returns The text of each line, newline included.
 */
export function toJsonLines(events: readonly WireEvent[], options: JsonLinesOptions = {}): string[] {
  return events.map((event, at) => (options.finalNewline === false && at === events.length - 1 ? jsonOf(event) : `${jsonOf(event)}\n`));
}

/**
 * The whole JSON-lines text of events: {@link toJsonLines}, joined.
 *
 * @example
 * ```ts
 * import { chatV1Events, toJsonLinesText } from 'cohere-rx/testing';
 *
 * // As some recordings end: without a newline after the last line.
 * const body = toJsonLinesText(chatV1Events({ text: 'Hi' }), { finalNewline: false });
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Whether the last line ends with a newline.
 * @returns The body of the response.
 */
export function toJsonLinesText(events: readonly WireEvent[], options: JsonLinesOptions = {}): string {
  return toJsonLines(events, options).join('');
}

/**
 * The chunks `fromBedrock` emits for events: the model's JSON text of each chunk, one chunk per
 * event, as Command R and Command send them on Bedrock.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { accumulateChat, chatV1, decodeEvents } from 'cohere-rx';
 * import { chatV1Events, toBedrockChunks } from 'cohere-rx/testing';
 *
 * const chat$ = from(toBedrockChunks(chatV1Events({ text: 'Hi' }, { source: 'bedrock' }))).pipe(decodeEvents(chatV1), accumulateChat());
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @returns One JSON text per chunk.
 */
export function toBedrockChunks(events: readonly WireEvent[]): string[] {
  return events.map(jsonOf);
}

/** Options of {@link toSageMakerParts} and {@link toSageMakerMessages}. */
export interface SageMakerPartOptions {
  /**
   * The size of each part in bytes: the JSON lines are cut every `partSize` bytes, inside
   * documents and characters, as SageMaker may cut them.
   *
   * @defaultValue one part per JSON line
   */
  readonly partSize?: number | undefined;
}

/**
 * The payload parts SageMaker streams for events: the raw bytes of their JSON lines, one part
 * per line or cut every `partSize` bytes.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { accumulateChat, chatV1, decodeEvents, jsonFrames } from 'cohere-rx';
 * import { chatV1Events, toSageMakerParts } from 'cohere-rx/testing';
 *
 * // Parts of 5 bytes: documents and characters cut anywhere, as SageMaker may cut them.
 * const chat$ = from(toSageMakerParts(chatV1Events({ text: 'Grüße' }), { partSize: 5 })).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat());
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Where parts are cut.
 * @returns The bytes of each part.
 * @throws RangeError when `partSize` is not a positive integer.
 */
export function toSageMakerParts(events: readonly WireEvent[], options: SageMakerPartOptions = {}): Uint8Array[] {
  const lines = toJsonLines(events).map((line) => encoder.encode(line));
  const { partSize } = options;
  if (partSize === undefined) return lines;
  if (!Number.isInteger(partSize) || partSize < 1) throw new RangeError(`partSize must be a positive integer, got ${partSize}`);
  return splitEvery([toJsonLinesText(events)], partSize);
}

/** Options of {@link toBedrockMessages}. */
export interface BedrockMessageOptions {
  /** The `p` padding member to add to every chunk's payload, as Bedrock sometimes does. */
  readonly padding?: string | undefined;
}

/**
 * The event-stream messages a Bedrock server sends for events: one `chunk` event per event.
 *
 * @example
 * ```ts
 * import { chatV1Events, toBedrockMessages } from 'cohere-rx/testing';
 *
 * const messages = toBedrockMessages(chatV1Events({ text: 'Hi' }, { source: 'bedrock' }));
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options The padding member.
 * @returns One encoded message per event.
 */
export function toBedrockMessages(events: readonly WireEvent[], options: BedrockMessageOptions = {}): Uint8Array[] {
  return toBedrockChunks(events).map((chunk) => bedrockChunkMessage(chunk, options.padding));
}

/**
 * The event-stream messages a SageMaker server sends for events: one `PayloadPart` event per
 * part of {@link toSageMakerParts}.
 *
 * @example
 * ```ts
 * import { chatV1Events, eventStream, startMockCohereServer, toSageMakerMessages } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * server.reply(eventStream(toSageMakerMessages(chatV1Events({ text: 'Hi' }, { source: 'sagemaker' }), { partSize: 16 })));
 * await server.close();
 * ```
 *
 * @param events The events, objects or JSON texts.
 * @param options Where parts are cut.
 * @returns One encoded message per part.
 * @throws RangeError when `partSize` is not a positive integer.
 */
export function toSageMakerMessages(events: readonly WireEvent[], options: SageMakerPartOptions = {}): Uint8Array[] {
  return toSageMakerParts(events, options).map((part) => payloadPartMessage(part));
}
