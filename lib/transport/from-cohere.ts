/**
 * `fromCohere`: one streaming request to api.cohere.com per subscription, as an Observable of
 * frames.
 *
 * @module
 */
import { defer, EMPTY, Observable, retry, throwError, timer } from 'rxjs';
import { maxFrameSizeOf, type FramingOptions } from '../framing/frame-limits';
import { createJsonFramer } from '../framing/json-framer';
import { createSseFramer } from '../framing/sse-framer';
import { requestIssues, unknownFieldsOption, type UnknownFields } from '../requests/unknown-fields';
import { comesBeforeContent, ENDPOINTS, framingOf, type CohereEndpoint, type CohereRequestBodies } from './endpoints';
import { ConnectionError, RequestAbortedError, RequestValidationError, StreamTimeoutError } from '../errors/index';
import { recorderOption, type CassetteRecorder, type Take } from '../cassettes/recorder';
import { abortedBy } from './abort-signal';
import { isOk, sendWithFetch, type Answer, type Send } from './answer';
import { requestRedactor } from './credentials';
import { checkHooks, streamHooks, type TransportHooks } from './hooks';
import { failedResponse, post, requestHeaders } from './http-exchange';
import { nodeSend } from './node-http';
import { recordedAnswer } from './recorded-answer';
import { redirectPolicyOf, type RedirectPolicy } from './redirects';
import { bodyFrames } from './response-body';
import { isRetryable, retryDelay, retrySettings, type RetryOptions } from './retry';
import { firstValueWithin, frameTimeouts, streamDeadline, timeoutSettings, type FrameTimedOut, type TimeoutOptions } from './timeouts';

/** The default base URL of the API. */
export const DEFAULT_BASE_URL = 'https://api.cohere.com';

/** The `fetch` `fromCohere` calls: the global one, or any function with its shape (a proxy, a test double). */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link fromCohere} (and of the conveniences built on it). */
export interface FromCohereOptions extends FramingOptions, TransportHooks {
  /**
   * The API key, sent as `Authorization: Bearer <token>`. Without it the key is read from the
   * `CO_API_KEY` or `COHERE_API_KEY` environment variable where `process` exists (Node), at
   * subscription. Without any key, no `Authorization` header is sent (fine behind a proxy that
   * adds it; Cohere itself answers 401). The key never appears in an error (see `headers` for
   * how).
   */
  readonly token?: string | undefined;
  /**
   * Where the API lives; the endpoint path is appended (`<baseUrl>/v2/chat`).
   *
   * @defaultValue `'https://api.cohere.com'` ({@link DEFAULT_BASE_URL})
   */
  readonly baseUrl?: string | undefined;
  /**
   * Extra request headers; they override the ones cohere-rx sets (`Accept`, `Content-Type`,
   * `Authorization`). The values of credential-like headers (`Authorization`,
   * `Proxy-Authorization`, `Cookie`, and any name with `key`, `token`, `secret`, `auth`,
   * `session`, `password` or `credential` in it, such as `X-Api-Key`) are kept out of every
   * error, as the key is: replaced by `[redacted]` in the raw text a server sent (as is, or
   * escaped: `\u002d`, `\/`, `%2D`, `&#45;`) and in every string of the error after (message,
   * stack, fields, issues, causes). Values shorter than 4 characters are not redacted.
   */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /**
   * The `fetch` to send requests with (a proxy agent, an instrumented fetch).
   *
   * @defaultValue in Node 20.16 and later, `node:http` / `node:https` (fewer layers between the
   * socket and the frames than fetch's web streams), or the global `fetch` when a custom global
   * dispatcher is set for it (undici's `setGlobalDispatcher`, such as a `ProxyAgent`); elsewhere
   * the global `fetch`. A global `fetch` you replaced is not called in Node unless given here.
   */
  readonly fetch?: FetchFunction | undefined;
  /**
   * Aborts the request from outside: the stream then ends with a {@link RequestAbortedError}
   * carrying the signal's reason, whether the request is waiting for headers, streaming or
   * waiting to be retried. (Unsubscribing aborts the request too, silently.)
   */
  readonly signal?: AbortSignal | undefined;
  /** How failures before the first content are retried: 2 retries, backoff from 1 s, at most 30 s apart by default. */
  readonly retry?: RetryOptions | undefined;
  /**
   * Limits on the waits for headers, the first frame and each next frame (one minute each by
   * default), and a deadline for the whole stream (`totalMs`, off by default).
   */
  readonly timeouts?: TimeoutOptions | undefined;
  /**
   * What a redirect does: by default (`'error'`) none is followed and the stream fails with a
   * `RedirectError` naming the status and the `Location`; `'follow-same-origin'` follows 301,
   * 302, 307 and 308 that stay on the origin of `baseUrl`, with the same `POST`. A redirect to
   * another origin is never followed: the prompt and the credentials stay where they were sent.
   *
   * @defaultValue `'error'`
   */
  readonly redirects?: RedirectPolicy | undefined;
  /**
   * What a member of the body that Cohere's API reference does not list (`maxTokens` for
   * `max_tokens`, at any depth) does: `'reject'` makes the body a {@link RequestValidationError}
   * naming it and the member it most likely meant, and nothing is sent; `'send'` sends it as it
   * is, for a parameter the API added after this version of cohere-rx.
   *
   * @defaultValue `'reject'`
   */
  readonly unknownFields?: UnknownFields | undefined;
  /**
   * Records each answer as a take of a cassette (a recorder made by `recordCassette(sink)`):
   * its status and headers (credentials left out), each chunk of its body exactly as it arrived
   * (decompressed, the key redacted) with its time, and how the body ended. Each attempt is a
   * take of its own. See `replayCassette` and `cassetteReply`.
   */
  readonly record?: CassetteRecorder | undefined;
}

/**
 * The options of {@link fromCohere} checked, with their defaults filled in.
 *
 * @throws `InvalidOptionError` for the first option out of its range.
 * @internal
 */
export function transportSettings(options: FromCohereOptions) {
  checkHooks(options);
  return {
    limits: timeoutSettings(options.timeouts),
    retries: retrySettings(options.retry),
    framing: { maxFrameSize: maxFrameSizeOf(options) },
    redirects: redirectPolicyOf(options.redirects),
    unknownFields: unknownFieldsOption(options.unknownFields),
    recorder: recorderOption(options.record),
  };
}

/**
 * Streams from a Cohere endpoint: each subscription sends one `POST` with `stream: true` and
 * emits the text of each JSON document of the answer, one per frame, ready for
 * `decodeEvents`.
 *
 * <span class="informal">A cold, cancellable, retried and watched `fetch` of a streaming
 * endpoint; `chatStream` and friends add `decodeEvents`.</span>
 *
 * 1. **Body.** It is checked against the endpoint's request schema first; an invalid body is a
 *    {@link RequestValidationError} naming each bad field, and nothing is sent. A member the
 *    schema does not list is invalid too, unless `unknownFields` is `'send'`. `stream: true`
 *    is added to the body sent (the body may leave it out; `stream: false` is invalid).
 * 2. **Request.** `POST <baseUrl>/<endpoint>` with `Content-Type: application/json`,
 *    `Authorization: Bearer <token>` (the `token` option, else `CO_API_KEY` or
 *    `COHERE_API_KEY`), `Accept: text/event-stream` for `v2/chat` and
 *    `Accept: application/json` for `v1/chat` and `v1/generate`, then the `headers` option.
 * 3. **Framing.** The body is read inside the subscription and framed by the response's
 *    content-type: `sseFrames()` for `text/event-stream` (completing at `data: [DONE]`),
 *    `jsonFrames()` for a JSON type; otherwise SSE for `v2/chat` and JSON lines for the V1
 *    endpoints. A body that ends cleanly inside a frame is a `DecodeError` with reason
 *    `truncated`, after the frames before it. A clean end between frames without `[DONE]`
 *    completes: telling a complete answer from a cut one is the job of `accumulateChat()` and
 *    the other operators that finish a stream, which report both as an `IncompleteStreamError`
 *    with the partial value.
 * 4. **Errors.** An error status is a {@link CohereHttpError} subclass per status
 *    (`UnauthorizedError`, `TooManyRequestsError`, …) with Cohere's message, the request id
 *    and the body. A redirect is a `RedirectError`, unless `redirects: 'follow-same-origin'`
 *    follows it to the same origin. A connection that fails, or drops mid-stream, is a
 *    {@link ConnectionError} with the cause. A stall is a {@link StreamTimeoutError}
 *    (`headers`, `first-frame` or `idle`), and so is a stream that outlives `timeouts.totalMs`
 *    (`total`). The `signal` aborting is a {@link RequestAbortedError}. The key and the
 *    credential headers are redacted from every error.
 * 5. **Retries.** Before the first content only (text, thinking, a tool plan, a tool call, a
 *    citation): connection failures, bodies cut inside a frame and statuses 408, 429 and 5xx
 *    are retried (`retry.count`, default 2) after exponential backoff with jitter, or the wait
 *    the server asks for (`Retry-After`, `X-RateLimit-Reset`) cut to `retry.maxDelayMs`. The
 *    events before content (`message-start`, `content-start`, `stream-start`) are held back
 *    until it arrives, so a retried attempt is invisible downstream; a final failure delivers
 *    them before its error. Once content was emitted nothing is retried: that would repeat it.
 *    Timeouts are not retried.
 * 6. **Cancellation.** Unsubscribing aborts the request (the server sees the connection
 *    close), cancels the body reader, and clears every timer and listener; it reports nothing.
 *    Each subscription is its own request with its own `AbortController`; a `signal` shared by
 *    many subscriptions gets one listener in all.
 *
 * ## Example
 *
 * ```ts
 * import { chatV2, decodeEvents, fromCohere } from 'cohere-rx';
 *
 * fromCohere('v2/chat', { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hello' }] }, {
 *   timeouts: { idleMs: 30_000 },
 *   retry: { count: 3 },
 * })
 *   .pipe(decodeEvents(chatV2))
 *   .subscribe((event) => {
 *     if (event.type === 'content-delta') process.stdout.write(event.delta?.message?.content?.text ?? '');
 *   });
 * ```
 *
 * @see {@link chatStream}, {@link chatStreamV1} and {@link generateStream} for decoded events.
 * @param endpoint `'v2/chat'`, `'v1/chat'` or `'v1/generate'`.
 * @param body The request body for that endpoint; `stream: true` is added.
 * @param options Key, base URL, headers, `fetch`, abort signal, retries, timeouts, redirects,
 *   frame size cap, `unknownFields`, the hooks `onRequest`, `onResponse` and `onRetry`, and
 *   `record` (a cassette recorder).
 * @returns A cold Observable of the text of each frame of the answer.
 * @throws {@link RequestValidationError}, {@link CohereHttpError} (and subclasses),
 *   `RedirectError`, {@link ConnectionError}, {@link StreamTimeoutError}, {@link RequestAbortedError},
 *   `DecodeError`, and a `TypeError` for a `token` or header value that is not a valid HTTP
 *   header value (the value is not shown), as error notifications; `InvalidOptionError` at the
 *   call, for an option out of its range (`maxFrameSize`, `retry.*`, `timeouts.*`, `redirects`,
 *   `unknownFields`, a `record` that is not a recorder).
 */
export function fromCohere<E extends CohereEndpoint>(endpoint: E, body: CohereRequestBodies[E], options: FromCohereOptions = {}): Observable<string> {
  return cohereStream(endpoint, body, options, undefined);
}

/**
 * The HTTP client of a stream: the `fetch` option when given; else Node's `node:http` /
 * `node:https` in Node (unless a custom global dispatcher is set for `fetch`, such as a
 * `ProxyAgent`, which only `fetch` applies); else the global `fetch`.
 */
function clientOf(fetchOption: FetchFunction | undefined): Send {
  if (fetchOption !== undefined) return sendWithFetch(fetchOption);
  return nodeSend() ?? sendWithFetch((input, init) => fetch(input, init));
}

/**
 * Turns a frame into what a stream emits (an event; `undefined` to skip the frame), or throws
 * the error that ends the stream. One per subscription.
 *
 * @internal
 */
export type FrameDecoder<T> = (frame: string) => T | undefined;

/**
 * The stream behind {@link fromCohere} and the conveniences: each frame, or each frame decoded
 * by a decoder made per subscription. Decoding inside the transport (rather than in an operator
 * after it) costs no subscriber per event, and its errors leave like the transport's: redacted,
 * after the frames held before them.
 *
 * @internal
 */
export function cohereStream<E extends CohereEndpoint, T>(
  endpoint: E,
  body: CohereRequestBodies[E],
  options: FromCohereOptions,
  decoder: (() => FrameDecoder<T>) | undefined,
): Observable<T> {
  // Every option is checked at the call: a bad one must fail here, not disable a protection.
  const { limits, retries, framing, redirects, unknownFields, recorder } = transportSettings(options);
  return defer(() => {
    const spec = ENDPOINTS[endpoint];
    const issues = requestIssues(spec.schema, body, unknownFields);
    if (issues.length > 0) return throwError(() => new RequestValidationError({ endpoint, issues }));
    const redactor = requestRedactor(options);
    const hooks = streamHooks(options, endpoint, redactor);
    const request = {
      endpoint,
      url: `${(options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')}/${endpoint}`,
      headers: requestHeaders(spec.accept, options),
      body: JSON.stringify({ ...body, stream: true }),
      redirects,
      send: clientOf(options.fetch),
    };
    // Only frames delivered are decoded: those of a failed attempt never reach the decoder.
    const decode = decoder?.();
    let frames = 0;
    /** How many times the request was sent. */
    let attempts = 0;

    const timedOut: FrameTimedOut = (phase, limitMs) => new StreamTimeoutError({ endpoint, phase, limitMs, framesReceived: frames });

    /** The frames of a response; `onEnd` is told when its body has been read to the end. */
    const framesOf = (response: Answer, onEnd: () => void): Observable<string> => {
      if (!isOk(response)) return failedResponse(response, endpoint, redactor).pipe(frameTimeouts(limits.firstFrameMs, limits.idleMs, timedOut));
      if (response.body === null) return EMPTY;
      return bodyFrames(response.body, {
        framer: framingOf(response.headers.get('content-type'), spec.framing) === 'sse' ? createSseFramer(framing) : createJsonFramer(framing),
        firstFrameMs: limits.firstFrameMs,
        idleMs: limits.idleMs,
        timedOut,
        failed: (cause) => new ConnectionError({ endpoint, framesReceived: frames, cause, attempts }),
        onFrame: () => frames++,
        onEnd,
      });
    };

    /** Whether the last attempt's failure is retried (decided by the attempt, which knows whether content arrived). */
    let retryIt = false;
    /** Delivers what the attempt under way holds: called before an abort or the deadline ends the stream. */
    let releaseHeld = (): void => undefined;

    const attempt = new Observable<T>((subscriber) => {
      attempts++;
      frames = 0;
      const controller = new AbortController();
      const deliver =
        decode === undefined
          ? (frame: string) => subscriber.next(frame as T)
          : (frame: string) => {
              const event = decode(frame);
              if (event !== undefined) subscriber.next(event);
            };
      /** The take of this attempt's answer, when it is recorded. */
      let take: Take | undefined;
      // The frames before the first content, held back so that a failure before it can be
      // retried unseen; `undefined` once content arrived, and every frame then goes straight on.
      let held: string[] | undefined = [];
      let heldChars = 0;
      const release = () => {
        const frames = held ?? [];
        held = undefined;
        for (const frame of frames) deliver(frame);
      };
      const hold = (frame: string) => {
        heldChars += frame.length;
        // At most one frame's worth of text is held: past it, the frames go on (and a failure is final).
        if (held !== undefined && heldChars <= framing.maxFrameSize && comesBeforeContent(spec, frame)) held.push(frame);
        else {
          release();
          deliver(frame);
        }
      };
      const fail = (error: unknown) => {
        // Every error leaves with the key and the credential headers redacted, wherever its text came from.
        let reported = redactor.error(error);
        retryIt = held !== undefined && attempts <= retries.count && isRetryable(reported);
        // A failure that is final delivers what was held first, so the partial answer survives
        // (and a held frame that cannot be decoded is the first error, in stream order).
        if (!retryIt) {
          try {
            release();
          } catch (decodeError) {
            reported = redactor.error(decodeError);
          }
        }
        // A recorded take that is still open stopped here, for this reason (a timeout, a frame that is not an event).
        take?.stop(reported);
        subscriber.error(reported);
      };
      releaseHeld = () => {
        try {
          release();
        } catch {
          // The abort or the deadline is what ends the stream.
        }
      };
      let bodyRead = false;
      const recorded = (answer: Answer): Answer => {
        if (recorder === undefined) return answer;
        const started = recordedAnswer(answer, { recorder, endpoint, fallbackFraming: spec.framing, redactor });
        take = started.take;
        return started.answer;
      };
      const response = defer(() => post(request, controller.signal, attempts, hooks)).pipe(
        firstValueWithin(limits.headersMs, () => new StreamTimeoutError({ endpoint, phase: 'headers', limitMs: limits.headersMs, framesReceived: 0 })),
      );
      // The frames go straight to the subscriber, not through a `switchMap`: one subscriber less
      // on every frame.
      subscriber.add(
        response.subscribe({
          next: (answer) =>
            subscriber.add(
              // eslint-disable-next-line rxjs-x/no-nested-subscribe -- the frames go to the subscriber itself (see above)
              framesOf(recorded(answer), () => (bodyRead = true)).subscribe({
                next: (frame) => {
                  try {
                    if (held === undefined) deliver(frame);
                    else hold(frame);
                  } catch (error) {
                    fail(error);
                  }
                },
                error: fail,
                complete: () => {
                  // The body ended, or the terminator (`data: [DONE]`) ended the stream before it did.
                  take?.end();
                  try {
                    release();
                  } catch (error) {
                    return fail(error);
                  }
                  subscriber.complete();
                },
              }),
            ),
          error: fail,
        }),
      );
      // Aborting a request whose body was read to its end would only cost an AbortError.
      subscriber.add(() => bodyRead || controller.abort());
    });

    return attempt.pipe(
      retry({
        count: retries.count,
        delay: (error: unknown, retryCount) => {
          if (!retryIt) return throwError(() => error);
          const delayMs = retryDelay(error, retryCount, retries);
          hooks?.retry(retryCount + 1, delayMs, error);
          return timer(delayMs);
        },
      }),
      // An abort or the deadline ends the stream for good: what the attempt under way holds is delivered first.
      abortedBy(options.signal, () => {
        releaseHeld();
        return new RequestAbortedError({ endpoint, reason: options.signal?.reason });
      }),
      streamDeadline(limits.totalMs, () => {
        releaseHeld();
        return new StreamTimeoutError({ endpoint, phase: 'total', limitMs: limits.totalMs, framesReceived: frames });
      }),
    );
  });
}
