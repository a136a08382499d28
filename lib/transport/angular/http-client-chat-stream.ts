/**
 * One call from a V2 chat request to typed, validated events through Angular's `HttpClient`:
 * `fromHttpClient` followed by `sseFrames()` and `decodeEvents(chatV2)`.
 *
 * @module
 */
import type { HttpClient } from '@angular/common/http';
import { defer, throwError, type Observable } from 'rxjs';
import { decodeEvents } from '../../../operators/decode-events';
import { sseFrames } from '../../../operators/sse-frames';
import type { DecodeOptions } from '../../decoding/decoder';
import { chatV2 } from '../../decoding/protocols';
import type { ChatV2Event } from '../../decoding/schemas/v2-chat-events';
import { RequestValidationError } from '../../errors/index';
import type { FramingOptions } from '../../framing/frame-limits';
import { requestIssues, unknownFieldsOption, type UnknownFields } from '../../requests/unknown-fields';
import { decodeOptionsOf } from '../conveniences';
import { ENDPOINTS, type CohereRequestBodies } from '../endpoints';
import { fromHttpClient, type HttpClientStreamOptions } from './from-http-client';

/** Options of {@link httpClientChatStream}: the request's, the frame size cap, and a watch on unknown events. */
export interface HttpClientChatOptions extends HttpClientStreamOptions, FramingOptions {
  /**
   * Called with each event of a type cohere-rx does not know (then skipped) and how many such
   * events arrived so far. Use it to log API drift.
   */
  readonly onUnknownEvent?: DecodeOptions['onUnknownEvent'];
  /**
   * What a member of the body that Cohere's API reference does not list does: `'reject'` makes
   * the body a `RequestValidationError` naming it, and nothing is sent; `'send'` sends it as it
   * is (as `fromCohere`'s option).
   *
   * @defaultValue `'reject'`
   */
  readonly unknownFields?: UnknownFields | undefined;
}

/**
 * Streams a V2 chat through Angular's `HttpClient` as typed, validated events:
 * {@link fromHttpClient} piped through `sseFrames()` and `decodeEvents(chatV2)`, so that a
 * component needs one call. Pipe the events through `chatSnapshots()` for the answer after every
 * event, `textDeltas()` for its text, or `accumulateChat()` for the final `ChatResponse`.
 *
 * The body is checked against the V2 chat request schema first (a `RequestValidationError`,
 * and nothing is sent), then posted to `url`, your backend's route, with `stream: true`. The
 * backend adds the API key, calls `POST https://api.cohere.com/v2/chat` with
 * `Accept: text/event-stream` and streams the server-sent events back unchanged.
 *
 * ## Example
 *
 * ```ts
 * import { Component, inject } from '@angular/core';
 * import { toSignal } from '@angular/core/rxjs-interop';
 * import { HttpClient } from '@angular/common/http';
 * import { map } from 'rxjs';
 * import { chatSnapshots } from 'cohere-rx';
 * import { httpClientChatStream } from 'cohere-rx/angular';
 *
 * @Component({ selector: 'app-hello', template: '<p>{{ answer() }}</p>' })
 * export class HelloComponent {
 *   readonly answer = toSignal(
 *     httpClientChatStream(inject(HttpClient), '/api/chat', { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }).pipe(
 *       chatSnapshots(),
 *       map((snapshot) => snapshot.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join('')),
 *     ),
 *     { initialValue: '' },
 *   );
 * }
 * ```
 *
 * @param http The app's `HttpClient` (`inject(HttpClient)`), provided `withFetch()`.
 * @param url Your backend's chat route (`/api/chat`), which adds the API key.
 * @param body The V2 chat body; `stream: true` is added.
 * @param options Request headers, `withCredentials`, `maxFrameSize`, `onUnknownEvent` and `unknownFields`.
 * @returns A cold Observable of V2 chat events; each subscription is one request, unsubscribing aborts it.
 * @throws `RequestValidationError`, everything {@link fromHttpClient} reports, and `DecodeError`
 *   and `SchemaError` for a malformed stream, as error notifications.
 */
export function httpClientChatStream(
  http: HttpClient,
  url: string,
  body: CohereRequestBodies['v2/chat'],
  options: HttpClientChatOptions = {},
): Observable<ChatV2Event> {
  const unknownFields = unknownFieldsOption(options.unknownFields);
  return defer(() => {
    const issues = requestIssues(ENDPOINTS['v2/chat'].schema, body, unknownFields);
    if (issues.length > 0) return throwError(() => new RequestValidationError({ endpoint: 'v2/chat', issues }));
    return fromHttpClient(http, url, { ...body, stream: true }, options).pipe(
      sseFrames({ maxFrameSize: options.maxFrameSize }),
      decodeEvents(chatV2, decodeOptionsOf(options)),
    );
  });
}
