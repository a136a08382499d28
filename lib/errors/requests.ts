/**
 * The error of a request body that does not match its endpoint's schema: nothing is sent.
 *
 * @module
 */
import { ValidationError } from './validation';

/** What a {@link RequestValidationError} is built from. */
export type RequestValidationErrorDetails = Pick<RequestValidationError, 'endpoint' | 'issues'>;

/**
 * The body given to `fromCohere` (or a convenience such as `chatStream`, or an AWS transport)
 * does not match the endpoint's request schema. Nothing was sent.
 *
 * `issues` lists every bad field (`path`, `expected`, `received`); `path`, `expected` and
 * `received` repeat the first one.
 */
export class RequestValidationError extends ValidationError {
  override name = 'RequestValidationError';
  /** The endpoint the body was meant for, e.g. `v2/chat`. */
  readonly endpoint: string;

  constructor(details: RequestValidationErrorDetails) {
    const list = details.issues
      .map((issue) => `${issue.path === '' ? '(the body itself)' : issue.path}: expected ${issue.expected}, received ${issue.received}`)
      .join('; ');
    super(
      `The request body for POST /${details.endpoint} is not valid, so it was not sent: ${list}. ` +
        'Fix these fields (see https://docs.cohere.com/reference) and subscribe again.',
      details.issues,
    );
    this.endpoint = details.endpoint;
  }
}
