/**
 * `fromHttpClient`: one `POST` through Angular's `HttpClient` per subscription, as an Observable
 * of the response text as it arrives.
 *
 * @module
 */
import type { HttpClient, HttpErrorResponse, HttpEvent, HttpEventType } from '@angular/common/http';
import { catchError, defer, filter, map, tap, throwError, type Observable } from 'rxjs';
import { ConnectionError, ERROR_BODY_LENGTH } from '../../errors/index';
import { httpError } from '../../errors/http';

/**
 * The `HttpEventType` values this transport reads. Angular's enum is imported as a type only
 * (each constant is checked against it), so that the entry loads no Angular code of its own and
 * works with the `HttpClient` of whichever copy of Angular the app bundles.
 */
const RESPONSE_HEADER: HttpEventType.ResponseHeader = 2;
const DOWNLOAD_PROGRESS: HttpEventType.DownloadProgress = 3;
const RESPONSE: HttpEventType.Response = 4;

/** Options of {@link fromHttpClient} (and of {@link httpClientChatStream}). */
export interface HttpClientStreamOptions {
  /**
   * Request headers. `Accept: text/event-stream` is sent unless a header here replaces it
   * (V2 chat answers JSON lines instead of server-sent events without it).
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Whether to send cookies and HTTP authentication to another origin (`HttpClient`'s
   * `withCredentials`).
   *
   * @defaultValue `false`
   */
  readonly withCredentials?: boolean | undefined;
}

/** The path of a URL without its origin, query and leading `/`, as errors name an endpoint (`api/chat`). */
function endpointOf(url: string): string {
  const path = url.split(/[?#]/)[0] ?? url;
  return path.replace(/^[a-z][a-z\d+.-]*:\/\/[^/]*/i, '').replace(/^\/+/, '');
}

/** Whether a value is Angular's `HttpErrorResponse` (told by its name: the entry imports no Angular class). */
function isHttpErrorResponse(error: unknown): error is HttpErrorResponse {
  return error !== null && typeof error === 'object' && 'name' in error && error.name === 'HttpErrorResponse' && 'status' in error;
}

/** The text of an error answer's body, as `HttpClient` hands it over (text, or whatever a backend parsed). */
function bodyText(body: unknown): string {
  if (body === null || body === undefined) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Error) return body.message;
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    // A body JSON cannot write (a cycle, a BigInt): its kind, not its content.
    return `(a ${typeof body} body that is not JSON)`;
  }
}

/** `HttpClient`'s error as the package's: a status is a `CohereHttpError`, no answer a `ConnectionError`; others as they are. */
function typedError(error: unknown, endpoint: string, chunks: number): unknown {
  if (!isHttpErrorResponse(error)) return error;
  if (error.status === 0) return new ConnectionError({ endpoint, framesReceived: chunks, cause: error });
  const body = bodyText(error.error);
  const header = (name: string) => error.headers.get(name) ?? undefined;
  return httpError({
    status: error.status,
    statusText: error.statusText,
    endpoint,
    body: body.slice(0, ERROR_BODY_LENGTH),
    bodyTruncated: body.length > ERROR_BODY_LENGTH,
    contentType: header('content-type'),
    requestId: header('x-debug-trace-id') ?? header('x-request-id') ?? header('request-id'),
    retryAfter: header('retry-after'),
    rateLimitReset: header('x-ratelimit-reset'),
  });
}

/**
 * Posts `body` through Angular's `HttpClient` and emits the response text as it arrives, one
 * string per chunk read: what is new since the last one. Pipe it through `sseFrames()` (or
 * `jsonFrames()`) and `decodeEvents(...)`, as any other source of chunks;
 * {@link httpClientChatStream} does that for a V2 chat.
 *
 * <span class="informal">`HttpClient` with download progress, as a stream of text chunks:
 * interceptors, `withFetch()` and the app's own backend route apply.</span>
 *
 * 1. **Request.** `http.post(url, body, { observe: 'events', responseType: 'text',
 *    reportProgress: true })` with `Accept: text/event-stream` and the `headers` option.
 *    Nothing is sent before a subscription; each subscription is one request.
 * 2. **Chunks.** Provide `HttpClient` with `provideHttpClient(withFetch())` (Angular 16.1 or
 *    later): its `FetchBackend` reads the body as a stream and reports each chunk as a
 *    `DownloadProgress` event whose `partialText` is all the text so far (decoded as UTF-8, a
 *    character split across chunks arriving whole). Each subscription keeps how much it passed
 *    on and emits the rest; the final `HttpResponse` passes on what no progress event showed.
 * 3. **Errors.** An error status is the package's `CohereHttpError` subclass for it
 *    (`UnauthorizedError`, `TooManyRequestsError`, …) with the body (at most 4096 characters)
 *    and the request id, as `fromCohere` reports it; its body is never emitted as text. No
 *    answer, or a connection dropped mid-stream (`HttpErrorResponse` with status 0), is a
 *    `ConnectionError` whose `framesReceived` counts the chunks that arrived and whose
 *    `cause` is Angular's error. Errors are named after the URL's path (`api/chat`).
 * 4. **Cancellation.** Unsubscribing (`switchMap` to the next prompt, `toSignal` or
 *    `takeUntilDestroyed()` when the component goes away) makes `HttpClient` abort the request:
 *    the server sees the connection close. It reports nothing.
 *
 * Retries and timeouts are `HttpClient`'s business (interceptors, `timeout()`); a body that
 * ends cleanly is a completion, and telling a complete answer from a cut one is the job of
 * `accumulateChat()` and the other operators that finish a stream.
 *
 * ## Example
 *
 * ```ts
 * import { HttpClient } from '@angular/common/http';
 * import { inject } from '@angular/core';
 * import { chatV2, decodeEvents, sseFrames } from 'cohere-rx';
 * import { fromHttpClient } from 'cohere-rx/angular';
 *
 * // Call it in an injection context (a component's field initializer, a service's constructor).
 * export function chatEvents(content: string) {
 *   return fromHttpClient(inject(HttpClient), '/api/chat', { messages: [{ role: 'user', content }] }).pipe(sseFrames(), decodeEvents(chatV2));
 * }
 * ```
 *
 * @see {@link httpClientChatStream} for a V2 chat's decoded events in one call.
 * @param http The app's `HttpClient` (`inject(HttpClient)`), provided `withFetch()`.
 * @param url Where to post: your backend's route, which adds the API key (never ship it to a browser).
 * @param body The request body, sent as JSON.
 * @param options Request headers and `withCredentials`.
 * @returns A cold Observable of the response text, chunk by chunk.
 * @throws `CohereHttpError` (and subclasses) and `ConnectionError`, as error
 *   notifications; any other error of `HttpClient` or an interceptor as it is.
 */
export function fromHttpClient(http: HttpClient, url: string, body: unknown, options: HttpClientStreamOptions = {}): Observable<string> {
  const endpoint = endpointOf(url);
  return defer(() => {
    let passedOn = 0;
    let errorAnswer = false;
    let chunks = 0;
    /** What of the text so far has not been passed on. */
    const unseen = (text: string): string => {
      const fresh = text.slice(passedOn);
      passedOn = Math.max(passedOn, text.length);
      return fresh;
    };
    const events: Observable<HttpEvent<string>> = http.post(url, body, {
      observe: 'events',
      responseType: 'text',
      reportProgress: true,
      headers: { accept: 'text/event-stream', ...options.headers },
      ...(options.withCredentials === undefined ? {} : { withCredentials: options.withCredentials }),
    });
    return events.pipe(
      map((event) => {
        switch (event.type) {
          case RESPONSE_HEADER:
            // An error answer's body reaches its error, not the text.
            errorAnswer = !event.ok;
            return '';
          case DOWNLOAD_PROGRESS:
            return errorAnswer ? '' : unseen(event.partialText ?? '');
          case RESPONSE:
            return unseen(event.body ?? '');
          default:
            return '';
        }
      }),
      filter((text) => text !== ''),
      tap(() => chunks++),
      catchError((error: unknown) => throwError(() => typedError(error, endpoint, chunks))),
    );
  });
}
