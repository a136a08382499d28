/**
 * One call from a request body to typed, validated events: the frames of `fromCohere`,
 * decoded as `decodeEvents` decodes them.
 *
 * @module
 */
import type { Observable } from 'rxjs';
import { createEventDecoder, type DecodeOptions } from '../decoding/decoder';
import { chatV1, chatV2, generate, type Protocol } from '../decoding/protocols';
import type { GenerateEvent } from '../decoding/schemas/generate-events';
import type { ChatV1Event } from '../decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../decoding/schemas/v2-chat-events';
import type { CohereRequestBodies } from './endpoints';
import { cohereStream, type FrameDecoder, type FromCohereOptions } from './from-cohere';

/** Options of {@link chatStream}, {@link chatStreamV1} and {@link generateStream}: the transport's, plus a watch on unknown events. */
export interface CohereStreamOptions extends FromCohereOptions {
  /**
   * Called with each event of a type cohere-rx does not know (then skipped) and how many such
   * events arrived so far. Use it to log API drift.
   */
  readonly onUnknownEvent?: DecodeOptions['onUnknownEvent'];
}

/**
 * The `decodeEvents` options a transport passes on from its own options: the frame cap and the
 * watch on unknown events (never `unknownEvents`: a convenience emits its family's events only).
 *
 * @internal
 */
export function decodeOptionsOf(options: Pick<DecodeOptions, 'maxFrameSize' | 'onUnknownEvent'>): Omit<DecodeOptions, 'unknownEvents'> {
  return { maxFrameSize: options.maxFrameSize, onUnknownEvent: options.onUnknownEvent };
}

/** The decoder of a convenience's stream: `decodeEvents(protocol)`'s, one per subscription, unknown events skipped. */
function decoderOf<E extends object>(protocol: Protocol<E>, options: CohereStreamOptions): () => FrameDecoder<E> {
  const decoding = decodeOptionsOf(options);
  // Without `unknownEvents: 'emit'` the decoder gives an event of the protocol or nothing.
  return () => createEventDecoder(protocol, decoding) as FrameDecoder<E>;
}

/**
 * Streams a V2 chat (`POST /v2/chat`) as typed, validated events: the frames of
 * `fromCohere('v2/chat', …)` decoded as `decodeEvents(chatV2)` decodes them (inside the
 * transport, which saves a subscriber per event). Unknown event types are skipped (see
 * `onUnknownEvent`). The API key and the credential headers are redacted from every error, the
 * decoder's too (a `DecodeError` or `SchemaError` quoting a frame that echoes the key).
 *
 * ## Example
 *
 * ```ts
 * import { accumulateChat, chatStream } from 'cohere-rx';
 *
 * chatStream({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Write a haiku' }] })
 *   .pipe(accumulateChat())
 *   .subscribe((response) => console.log(response.message.content));
 * ```
 *
 * @param body The V2 chat body; `stream: true` is added.
 * @param options Transport options ({@link FromCohereOptions}) and `onUnknownEvent`.
 * @returns A cold Observable of V2 chat events; each subscription is one request.
 * @throws Everything {@link fromCohere} reports, plus `DecodeError` and `SchemaError`.
 */
export function chatStream(body: CohereRequestBodies['v2/chat'], options: CohereStreamOptions = {}): Observable<ChatV2Event> {
  return cohereStream('v2/chat', body, options, decoderOf(chatV2, options));
}

/**
 * Streams a V1 chat (`POST /v1/chat`) as typed, validated events: the frames of
 * `fromCohere('v1/chat', …)` decoded as `decodeEvents(chatV1)` decodes them.
 *
 * ## Example
 *
 * ```ts
 * import { chatStreamV1 } from 'cohere-rx';
 *
 * chatStreamV1({ message: 'Hello' }).subscribe((event) => {
 *   if (event.event_type === 'text-generation') process.stdout.write(event.text ?? '');
 * });
 * ```
 *
 * @param body The V1 chat body; `stream: true` is added.
 * @param options Transport options ({@link FromCohereOptions}) and `onUnknownEvent`.
 * @returns A cold Observable of V1 chat events; each subscription is one request.
 * @throws Everything {@link fromCohere} reports, plus `DecodeError` and `SchemaError`.
 */
export function chatStreamV1(body: CohereRequestBodies['v1/chat'], options: CohereStreamOptions = {}): Observable<ChatV1Event> {
  return cohereStream('v1/chat', body, options, decoderOf(chatV1, options));
}

/**
 * Streams a generation (`POST /v1/generate`, legacy) as typed, validated events:
 * the frames of `fromCohere('v1/generate', …)` decoded as `decodeEvents(generate)` decodes them.
 *
 * ## Example
 *
 * ```ts
 * import { generateStream } from 'cohere-rx';
 *
 * generateStream({ prompt: 'Once upon a time', num_generations: 2 }).subscribe((event) => {
 *   if (event.event_type === 'text-generation') console.log(event.index ?? 0, event.text);
 * });
 * ```
 *
 * @param body The generate body; `stream: true` is added.
 * @param options Transport options ({@link FromCohereOptions}) and `onUnknownEvent`.
 * @returns A cold Observable of generate events; each subscription is one request.
 * @throws Everything {@link fromCohere} reports, plus `DecodeError` and `SchemaError`.
 */
export function generateStream(body: CohereRequestBodies['v1/generate'], options: CohereStreamOptions = {}): Observable<GenerateEvent> {
  return cohereStream('v1/generate', body, options, decoderOf(generate, options));
}
