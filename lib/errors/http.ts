/**
 * The errors of an HTTP answer that is not a stream: one class per status Cohere documents, all
 * extending {@link CohereHttpError}, and {@link RedirectError} for a redirect not followed.
 *
 * @module
 */
import { CohereStreamError, excerpt } from './cohere-stream-error';

/** Longest part of an error response body kept on a {@link CohereHttpError} (in characters). */
export const ERROR_BODY_LENGTH = 4096;

/** Longest excerpt of a non-JSON error body quoted in a {@link CohereHttpError}'s message. */
const MESSAGE_EXCERPT_LENGTH = 200;

/** What a {@link CohereHttpError} is built from. */
export interface HttpErrorDetails {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** The status text of the answer (`statusText`), possibly empty. */
  readonly statusText: string;
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** The body of the answer as text (already cut and redacted). */
  readonly body: string;
  /** Whether the body was longer than what was read. */
  readonly bodyTruncated: boolean;
  /** The answer's `content-type` header, if any. */
  readonly contentType: string | undefined;
  /** The answer's request id header, if any. */
  readonly requestId: string | undefined;
  /** The answer's `Retry-After` header, if any. */
  readonly retryAfter: string | undefined;
  /** The answer's `X-RateLimit-Reset` header, if any. */
  readonly rateLimitReset: string | undefined;
}

/** What to do about each documented status, appended to the error message. */
const ADVICE: Readonly<Record<number, string>> = {
  400: 'The request was rejected as malformed: check the body against the endpoint reference.',
  401: 'Check the API key: pass `token`, or set CO_API_KEY (or COHERE_API_KEY).',
  403: 'The API key may not use this endpoint or model: check its permissions.',
  404: 'Check the model name and `baseUrl`.',
  422: 'The body is well-formed but not acceptable (an unknown model, conflicting parameters): read the message.',
  429: 'The rate limit was hit: retry later (cohere-rx retried as configured), or raise the limit of the key.',
  498: 'The API key is not valid: check `token`, CO_API_KEY or COHERE_API_KEY.',
  499: 'The request was cancelled before Cohere answered.',
  500: 'Cohere failed: retry later; include the request id when reporting it.',
  501: 'This endpoint or feature is not available: check the endpoint and model.',
  503: 'Cohere is unavailable: retry later.',
  504: 'Cohere took too long to answer: retry later or shorten the request.',
};

/** Cohere's `message` from a JSON body `{ message }`, or `undefined`, and whether the body is JSON. */
function readBody(body: string): { json: boolean; message: string | undefined } {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = parsed !== null && typeof parsed === 'object' && 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : undefined;
    return { json: true, message };
  } catch {
    return { json: false, message: undefined };
  }
}

/** The part of the message that describes the body. */
function describeBody(details: HttpErrorDetails, json: boolean, message: string | undefined): string {
  if (message !== undefined) return `: "${message}"`;
  if (details.body.trim() === '') return ' with an empty body';
  const quoted = details.body.length > MESSAGE_EXCERPT_LENGTH ? `${details.body.slice(0, MESSAGE_EXCERPT_LENGTH)}…` : details.body;
  if (json) return ` with a JSON body without a "message": ${quoted}`;
  const type = details.contentType === undefined ? 'no content-type' : details.contentType;
  return ` with a body that is not JSON (${type}; probably from a proxy or gateway in between): ${JSON.stringify(quoted)}`;
}

/**
 * Cohere (or something between it and the client) answered with an error status instead of a
 * stream. Each status Cohere documents has its own subclass; any other status (a 502 from a
 * proxy, say) is a `CohereHttpError` itself.
 *
 * It carries the `status`, Cohere's `message` (from a JSON body `{ message }`), the request id
 * Cohere sends (`x-debug-trace-id`, else `x-request-id` or `request-id`), and the body text cut to
 * {@link ERROR_BODY_LENGTH} characters. The API key never appears in it: any occurrence of the
 * key in the body, the status text or the headers kept is replaced by `[redacted]`.
 *
 * ```ts
 * chatStream(body).subscribe({
 *   error: (e) => {
 *     if (e instanceof TooManyRequestsError) showRateLimited(e.requestId);
 *     else if (e instanceof CohereHttpError) console.error(e.status, e.cohereMessage);
 *   },
 * });
 * ```
 */
export class CohereHttpError extends CohereStreamError {
  override name = 'CohereHttpError';
  /** The HTTP status, e.g. `429`. */
  readonly status: number;
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** Cohere's own message from a JSON body `{ message }`, when the body has one. */
  readonly cohereMessage: string | undefined;
  /** The request id header of the answer (`x-debug-trace-id`, `x-request-id` or `request-id`); quote it to Cohere's support. */
  readonly requestId: string | undefined;
  /** The body of the answer, cut to {@link ERROR_BODY_LENGTH} characters, with the API key redacted. */
  readonly body: string;
  /** Whether the body was cut. */
  readonly bodyTruncated: boolean;
  /** Whether the body is JSON (an HTML page from a proxy is not). */
  readonly bodyIsJson: boolean;
  /** The answer's `content-type`, if any. */
  readonly contentType: string | undefined;
  /** The answer's `Retry-After` header, as sent, if any. */
  readonly retryAfter: string | undefined;
  /** The answer's `X-RateLimit-Reset` header, as sent, if any. */
  readonly rateLimitReset: string | undefined;

  constructor(details: HttpErrorDetails) {
    const { json, message } = readBody(details.body);
    const status = `${details.status}${details.statusText === '' ? '' : ` ${details.statusText}`}`;
    const id = details.requestId === undefined ? '' : ` (request id ${details.requestId})`;
    const advice = ADVICE[details.status] ?? 'Expected a streaming answer (2xx); check `baseUrl` and any proxy in between.';
    super(`POST /${details.endpoint} was answered with ${status}${id}${describeBody(details, json, message)}. ${advice}`);
    this.status = details.status;
    this.endpoint = details.endpoint;
    this.cohereMessage = message;
    this.requestId = details.requestId;
    this.body = details.body.slice(0, ERROR_BODY_LENGTH);
    this.bodyTruncated = details.bodyTruncated || details.body.length > ERROR_BODY_LENGTH;
    this.bodyIsJson = json;
    this.contentType = details.contentType;
    this.retryAfter = details.retryAfter;
    this.rateLimitReset = details.rateLimitReset;
  }
}

/** 400: the request is malformed. */
export class BadRequestError extends CohereHttpError {
  override name = 'BadRequestError';
}
/** 401: no API key, or one Cohere does not accept. */
export class UnauthorizedError extends CohereHttpError {
  override name = 'UnauthorizedError';
}
/** 403: the API key may not do this. */
export class ForbiddenError extends CohereHttpError {
  override name = 'ForbiddenError';
}
/** 404: unknown endpoint or model. */
export class NotFoundError extends CohereHttpError {
  override name = 'NotFoundError';
}
/** 422: the body is well-formed but cannot be processed. */
export class UnprocessableEntityError extends CohereHttpError {
  override name = 'UnprocessableEntityError';
}
/** 429: rate limited. Retried by `fromCohere` (honouring `Retry-After`) before it is reported. */
export class TooManyRequestsError extends CohereHttpError {
  override name = 'TooManyRequestsError';
}
/** 498: the API key is invalid. */
export class InvalidTokenError extends CohereHttpError {
  override name = 'InvalidTokenError';
}
/** 499: the request was cancelled. */
export class ClientClosedRequestError extends CohereHttpError {
  override name = 'ClientClosedRequestError';
}
/** 500: Cohere failed. Retried by `fromCohere` before it is reported. */
export class InternalServerError extends CohereHttpError {
  override name = 'InternalServerError';
}
/** 501: not implemented. */
export class NotImplementedError extends CohereHttpError {
  override name = 'NotImplementedError';
}
/** 503: Cohere is unavailable. Retried by `fromCohere` before it is reported. */
export class ServiceUnavailableError extends CohereHttpError {
  override name = 'ServiceUnavailableError';
}
/** 504: Cohere timed out. Retried by `fromCohere` before it is reported. */
export class GatewayTimeoutError extends CohereHttpError {
  override name = 'GatewayTimeoutError';
}

const BY_STATUS: Readonly<Record<number, new (details: HttpErrorDetails) => CohereHttpError>> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: TooManyRequestsError,
  498: InvalidTokenError,
  499: ClientClosedRequestError,
  500: InternalServerError,
  501: NotImplementedError,
  503: ServiceUnavailableError,
  504: GatewayTimeoutError,
};

/**
 * The error for an HTTP answer: the subclass for its status, or {@link CohereHttpError} itself.
 *
 * @internal
 */
export function httpError(details: HttpErrorDetails): CohereHttpError {
  const ErrorClass = BY_STATUS[details.status] ?? CohereHttpError;
  return new ErrorClass(details);
}

/** Why a redirect was not followed. */
export type RedirectReason =
  /** Redirects are not followed (`redirects: 'error'`, the default). */
  | 'not-followed'
  /** The target is on another origin (scheme, host or port): the prompt and the credentials would go there. */
  | 'cross-origin'
  /** A 303 asks for a `GET`, whose answer cannot be the stream asked for. */
  | 'changes-method'
  /** More redirects in a row than {@link MAX_REDIRECTS}. */
  | 'too-many'
  /** A browser hides the target of a redirect (an `opaqueredirect` response), or there is no valid `Location`. */
  | 'no-target';

/** The most redirects followed in a row with `redirects: 'follow-same-origin'`. */
export const MAX_REDIRECTS = 5;

/** What a {@link RedirectError} is built from. */
export type RedirectErrorDetails = Pick<RedirectError, 'endpoint' | 'status' | 'location' | 'reason'>;

const REDIRECT_ADVICE: Readonly<Record<RedirectReason, string>> = {
  'not-followed':
    'Redirects are not followed by default: a 307 or 308 would send the prompt elsewhere, and a 301, 302 or 303 turn it into a GET. ' +
    "Point `baseUrl` at the final URL, or pass `redirects: 'follow-same-origin'` to follow redirects that stay on its origin.",
  'cross-origin':
    'Redirects to another origin are never followed: the prompt and the credentials would go there. Point `baseUrl` at the final URL if you trust it.',
  'changes-method': 'A 303 asks for a GET, whose answer cannot be the stream: point `baseUrl` at the final URL.',
  'too-many': `More than ${MAX_REDIRECTS} redirects in a row: check \`baseUrl\` and the proxy in between.`,
  'no-target': 'The target of the redirect is not known (a browser hides it, or `Location` is missing or invalid): point `baseUrl` at the final URL.',
};

/**
 * The server answered with a redirect (301, 302, 303, 307, 308) that was not followed. A
 * redirect is never followed silently: by default none is (`reason` `not-followed`), and with
 * `redirects: 'follow-same-origin'` only those that stay on the origin of `baseUrl`, re-sending
 * the same `POST`. `status` is `0` in a browser, which hides the redirect (an
 * `opaqueredirect` response); `location` is the `Location` header as sent (cut to a bounded
 * length, credentials redacted), when there is one.
 */
export class RedirectError extends CohereStreamError {
  override name = 'RedirectError';
  /** The endpoint that was called, e.g. `v2/chat`. */
  readonly endpoint: string;
  /** The redirect status (`301`, `302`, `303`, `307`, `308`), or `0` for a browser's opaque redirect. */
  readonly status: number;
  /** The `Location` header, when the answer had one. */
  readonly location: string | undefined;
  /** Why it was not followed. */
  readonly reason: RedirectReason;

  constructor(details: RedirectErrorDetails) {
    const location = details.location === undefined ? undefined : excerpt(details.location);
    const status = details.status === 0 ? 'a redirect the browser hides' : `${details.status}`;
    const target = location === undefined ? 'no Location' : `Location ${JSON.stringify(location)}`;
    super(`POST /${details.endpoint} was answered with ${status} (${target}) instead of a stream. ${REDIRECT_ADVICE[details.reason]}`);
    this.endpoint = details.endpoint;
    this.status = details.status;
    this.location = location;
    this.reason = details.reason;
  }
}
