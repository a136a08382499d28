/**
 * One HTTP exchange of `fromCohere`: the request headers, the `POST` (and the redirects it may
 * follow), and the error of an answer with an error status.
 *
 * @module
 * @internal
 */
import { switchMap, throwError, type Observable } from 'rxjs';
import { ConnectionError, ERROR_BODY_LENGTH, type CohereHttpError } from '../errors/index';
import { httpError } from '../errors/http';
import type { Redactor } from '../errors/redaction';
import { tokenOf, type CredentialOptions } from './credentials';
import { requestIdOf, type StreamHooks } from './hooks';
import type { Answer, Send } from './answer';
import { isRedirect, redirectTarget, type RedirectPolicy } from './redirects';
import { bodyExcerpt } from './response-body';

/**
 * The headers of a request: `Content-Type`, `Accept`, `Authorization` from the key, then the
 * `headers` option.
 *
 * @throws TypeError for a value no header can carry, without showing it (it may be a key).
 * @internal
 */
export function requestHeaders(accept: string, options: CredentialOptions): Headers {
  const headers = new Headers({ 'Content-Type': 'application/json', Accept: accept });
  // Headers quotes a value it refuses (a line break, a NUL) in its error message: that must never show a key.
  const setHeader = (name: string, value: string) => {
    try {
      headers.set(name, value);
    } catch {
      throw new TypeError(
        `The "${name}" request header cannot be sent: its value is not a valid HTTP header value ` +
          '(a line break, a NUL or a character above U+00FF). The value is not shown, since it may be a key.',
      );
    }
  };
  const token = tokenOf(options);
  if (token !== undefined) setHeader('Authorization', `Bearer ${token}`);
  for (const [name, value] of Object.entries(options.headers ?? {})) setHeader(name, value);
  return headers;
}

/** What {@link post} sends, and where. */
export interface Post {
  readonly endpoint: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
  readonly redirects: RedirectPolicy;
  /** The HTTP client: `node:http` in Node, else `fetch` (and always the `fetch` option when given). */
  readonly send: Send;
}

/** A sink that takes nothing: reading a body into it stops at once and releases the connection. */
const DISCARD = { chunk: () => false, end: () => undefined, failed: () => undefined };

/**
 * Sends the `POST` and resolves with the answer, following redirects as `redirects` says (never
 * silently, never to another origin), telling the hooks of each request and answer. A request that cannot be sent is a `ConnectionError`
 * with 0 frames received (and `attempts`, this request's number); a redirect not followed is a
 * `RedirectError`.
 *
 * @internal
 */
export async function post(request: Post, signal: AbortSignal, attempts: number, hooks: StreamHooks | undefined): Promise<Answer> {
  let url = request.url;
  for (let hops = 1; ; hops++) {
    hooks?.request(url, attempts);
    let answer: Answer;
    try {
      answer = await request.send(url, { headers: request.headers, body: request.body, signal });
    } catch (cause) {
      throw new ConnectionError({ endpoint: request.endpoint, framesReceived: 0, cause, attempts });
    }
    hooks?.response(answer, attempts);
    if (!isRedirect(answer)) return answer;
    // The redirect's own body is not read: release its connection.
    answer.body?.(DISCARD)();
    url = redirectTarget(answer, { endpoint: request.endpoint, from: url, first: request.url, policy: request.redirects, hops });
  }
}

/** How much of an error body is read past what is kept, so that a key the limit would cut is read whole and redacted. */
const BODY_RESERVE = 1024;

/**
 * The error for a response with an error status, read from its (bounded) body, with the
 * credentials redacted.
 *
 * @internal
 */
export function failedResponse(response: Answer, endpoint: string, redactor: Redactor): Observable<never> {
  // The status text and the headers kept are the server's words too, and reach the message.
  const redacted = (value: string | null | undefined) => (value === null || value === undefined ? undefined : redactor.text(value));
  const header = (name: string) => redacted(response.headers.get(name));
  return bodyExcerpt(response.body, ERROR_BODY_LENGTH + BODY_RESERVE).pipe(
    switchMap(({ text, truncated }) => {
      // Raw text first (a key echoed as is, or escaped), then the error built from it (Cohere's
      // message, once decoded, and everything it reaches).
      const body = redactor.text(text);
      const cut = truncated || body.length > ERROR_BODY_LENGTH;
      return throwError((): CohereHttpError =>
        redactor.error(
          httpError({
            status: response.status,
            statusText: redactor.text(response.statusText),
            endpoint,
            body: cut ? redactor.cutText(body.slice(0, ERROR_BODY_LENGTH)) : body,
            bodyTruncated: cut,
            contentType: header('content-type'),
            requestId: redacted(requestIdOf(response.headers)),
            retryAfter: header('retry-after'),
            rateLimitReset: header('x-ratelimit-reset'),
          }),
        ),
      );
    }),
  );
}
