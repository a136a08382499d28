import { HttpClient, HttpErrorResponse, HttpEventType, type HttpEvent } from '@angular/common/http';
import { inject, Injectable, InjectionToken } from '@angular/core';
import { chatSnapshots, chatV2, decodeEvents, sseFrames, StreamInterruptedError, type ChatSnapshot, type V2ChatRequest } from 'cohere-rx';
import { catchError, defer, filter, map, throwError, type Observable, type OperatorFunction } from 'rxjs';

/**
 * The URL the browser posts chats to: a route of the app's own backend that adds the Cohere API
 * key, forwards the body to `POST https://api.cohere.com/v2/chat` and streams the answer's
 * server-sent events back unchanged. The key never reaches the browser.
 *
 * @example
 * ```ts
 * import { ApplicationConfig } from '@angular/core';
 * import { COHERE_CHAT_URL } from './cohere-chat.service';
 *
 * export const config: ApplicationConfig = { providers: [{ provide: COHERE_CHAT_URL, useValue: '/backend/chat' }] };
 * ```
 *
 * @defaultValue `'/api/chat'`
 */
export const COHERE_CHAT_URL = new InjectionToken<string>('COHERE_CHAT_URL', { providedIn: 'root', factory: () => '/api/chat' });

/** A V2 chat request as the browser sends it; the service sets `stream: true`. */
export type ChatRequest = Omit<V2ChatRequest, 'stream'>;

/**
 * Streams Cohere V2 chats through `HttpClient`: the answer's snapshot after every event, the
 * last one `complete`.
 *
 * It posts to {@link COHERE_CHAT_URL} with download progress on, turns HttpClient's cumulative
 * `partialText` into the new text of each chunk, and pipes that text through `sseFrames()`,
 * `decodeEvents(chatV2)` and `chatSnapshots()`. Nothing is sent before a subscription; each
 * subscription is one request; unsubscribing (a `switchMap` to the next prompt, `toSignal`'s
 * cleanup when its component goes away) aborts it.
 *
 * @example
 * ```ts
 * import { Component, inject } from '@angular/core';
 * import { toSignal } from '@angular/core/rxjs-interop';
 * import { map } from 'rxjs';
 * import { answerText } from './chat-view';
 * import { CohereChatService } from './cohere-chat.service';
 *
 * @Component({ selector: 'app-hello', template: '<p>{{ answer() }}</p>' })
 * export class HelloComponent {
 *   readonly answer = toSignal(
 *     inject(CohereChatService)
 *       .chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] })
 *       .pipe(map(answerText)),
 *     { initialValue: '' },
 *   );
 * }
 * ```
 */
@Injectable({ providedIn: 'root' })
export class CohereChatService {
  readonly #http = inject(HttpClient);
  readonly #url = inject(COHERE_CHAT_URL);

  /**
   * Streams one chat.
   *
   * @param request The chat: model, messages and the other V2 chat parameters.
   * @returns A cold Observable of snapshots, the last one with `complete: true` and `finish_reason`.
   * @throws `IncompleteStreamError` (carrying the snapshot so far as `partial`) when the stream
   *   ends or is cut before `message-end`; `StreamInterruptedError` when the connection fails
   *   before any event; `DecodeError`, `SchemaError` for a malformed stream; Angular's
   *   `HttpErrorResponse` when the backend answers with an error status. All as error
   *   notifications.
   */
  chat(request: ChatRequest): Observable<ChatSnapshot> {
    return this.#http
      .post(
        this.#url,
        { ...request, stream: true },
        { observe: 'events', responseType: 'text', reportProgress: true, headers: { accept: 'text/event-stream' } },
      )
      .pipe(bodyDeltas(this.#url), sseFrames(), decodeEvents(chatV2), chatSnapshots());
  }
}

/**
 * The response body's new text at each of HttpClient's events: `partialText` is everything
 * received so far, so each subscription remembers how much it has passed on. The final
 * `HttpResponse` carries the whole body; what of it no progress event showed is passed on
 * before completing. An error answer's body is left to its `HttpErrorResponse`; a connection
 * that fails or drops (status 0) becomes a `StreamInterruptedError`, which the operators report
 * as an `IncompleteStreamError` with the partial answer once events had arrived.
 */
function bodyDeltas(url: string): OperatorFunction<HttpEvent<string>, string> {
  return (events) =>
    defer(() => {
      let seen = 0;
      let errorAnswer = false;
      const unseen = (text: string): string => {
        const delta = text.slice(seen);
        seen = text.length;
        return delta;
      };
      return events.pipe(
        map((event) => {
          switch (event.type) {
            case HttpEventType.ResponseHeader:
              errorAnswer = !event.ok;
              return '';
            case HttpEventType.DownloadProgress:
              return errorAnswer ? '' : unseen(event.partialText ?? '');
            case HttpEventType.Response:
              return unseen(event.body ?? '');
            default:
              return '';
          }
        }),
        filter((delta) => delta !== ''),
        catchError((error: unknown) => throwError(() => interruption(error, url))),
      );
    });
}

/** A failed or dropped connection (status 0) as the library's `StreamInterruptedError`; other errors as they are. */
function interruption(error: unknown, url: string): unknown {
  if (!(error instanceof HttpErrorResponse) || error.status !== 0) return error;
  const reason = error.error instanceof Error ? error.error.message : error.message;
  return new StreamInterruptedError(`The connection to ${url} failed or dropped before the chat stream ended: ${reason}`, { cause: error });
}
