/**
 * The hooks of `fromCohere`: what the transport does (each request, each answer, each retry),
 * told to the caller without the key, and never at the cost of the stream.
 *
 * @module
 */
import { InvalidOptionError, showValue } from '../errors/options';
import type { Redactor } from '../errors/redaction';
import type { Answer } from './answer';
import { isCredentialHeader } from './credentials';
import type { CohereEndpoint } from './endpoints';

/** What `onRequest` is told: a request is about to be sent. */
export interface TransportRequest {
  /** The endpoint, e.g. `v2/chat`. */
  readonly endpoint: CohereEndpoint;
  /** The URL the request goes to (a redirect followed is a request of its own), credentials redacted. */
  readonly url: string;
  /** Which attempt this is: `1` for the first request, `2` for the first retry, and so on. */
  readonly attempt: number;
}

/** What `onResponse` is told: the headers of an answer arrived. */
export interface TransportResponse {
  /** The endpoint, e.g. `v2/chat`. */
  readonly endpoint: CohereEndpoint;
  /** The HTTP status (`0` for a browser's opaque redirect). */
  readonly status: number;
  /**
   * The answer's headers, names in lower case, without those that carry credentials
   * (`Set-Cookie`, `Authorization`, `WWW-Authenticate`, and any name with `key`, `token`,
   * `secret`, `auth`, `session`, `password`, `credential` or `cookie` in it), the others' values
   * with the key and the credential headers redacted.
   */
  readonly headers: Readonly<Record<string, string>>;
  /** The request id Cohere sends (`x-debug-trace-id`, `x-request-id` or `request-id`), if any. */
  readonly requestId: string | undefined;
  /** Which attempt answered (see {@link TransportRequest.attempt}). */
  readonly attempt: number;
}

/** What `onRetry` is told: a failed attempt is sent again after a wait. */
export interface TransportRetry {
  /** The endpoint, e.g. `v2/chat`. */
  readonly endpoint: CohereEndpoint;
  /** The attempt the retry sends: `2` for the first retry. */
  readonly attempt: number;
  /** How long the transport waits before it, in milliseconds. */
  readonly delayMs: number;
  /** Why: the failure of the attempt before, credentials redacted (a `CohereHttpError`, a `ConnectionError`, …). */
  readonly error: unknown;
}

/**
 * Hooks that watch what the transport does. Each is called synchronously, and its arguments
 * never carry the key or a credential header. A hook that throws does not break the stream: the
 * first hook error of a stream is reported with `console.warn` (later ones are not), and the
 * stream goes on.
 */
export interface TransportHooks {
  /** Called before each request goes out: the first, each retry, each redirect followed. */
  readonly onRequest?: ((request: TransportRequest) => void) | undefined;
  /** Called when the headers of each answer arrive (a stream, an error status, a redirect). */
  readonly onResponse?: ((response: TransportResponse) => void) | undefined;
  /** Called when a failed attempt is about to be retried, with the wait before it. */
  readonly onRetry?: ((retry: TransportRetry) => void) | undefined;
}

const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry'] as const;

/**
 * Checks that each hook given is a function.
 *
 * @throws {@link InvalidOptionError} naming the hook.
 * @internal
 */
export function checkHooks(hooks: TransportHooks): void {
  for (const name of HOOK_NAMES) {
    const hook: unknown = hooks[name];
    if (hook !== undefined && typeof hook !== 'function') throw new InvalidOptionError({ option: name, expected: 'a function', received: showValue(hook) });
  }
}

/**
 * The request id header of an answer: `x-debug-trace-id`, else `x-request-id`, else `request-id`.
 *
 * @internal
 */
export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-debug-trace-id') ?? headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;
}

/**
 * The hooks of one stream: each call is guarded, its arguments redacted.
 *
 * @internal
 */
export interface StreamHooks {
  request(url: string, attempt: number): void;
  response(response: Answer, attempt: number): void;
  retry(attempt: number, delayMs: number, error: unknown): void;
}

/**
 * The hooks of one stream, or `undefined` when none is given (nothing to do, nothing to build).
 *
 * @internal
 */
export function streamHooks(hooks: TransportHooks, endpoint: CohereEndpoint, redactor: Redactor): StreamHooks | undefined {
  const { onRequest, onResponse, onRetry } = hooks;
  if (onRequest === undefined && onResponse === undefined && onRetry === undefined) return undefined;
  let warned = false;
  const guarded = <T>(name: string, hook: ((argument: T) => void) | undefined, argument: () => T) => {
    if (hook === undefined) return;
    try {
      hook(argument());
    } catch (error) {
      if (warned) return;
      warned = true;
      console.warn(
        `cohere-rx: the ${name} hook of a POST /${endpoint} threw; the stream goes on, and later hook errors of this stream are not reported.`,
        redactor.error(error),
      );
    }
  };
  return {
    request: (url, attempt) => guarded('onRequest', onRequest, () => ({ endpoint, url: redactor.text(url), attempt })),
    response: (response, attempt) =>
      guarded('onResponse', onResponse, () => {
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          if (!isCredentialHeader(name)) headers[name] = redactor.text(value);
        });
        const requestId = requestIdOf(response.headers);
        return { endpoint, status: response.status, headers, requestId: requestId === undefined ? undefined : redactor.text(requestId), attempt };
      }),
    retry: (attempt, delayMs, error) => guarded('onRetry', onRetry, () => ({ endpoint, attempt, delayMs, error })),
  };
}
