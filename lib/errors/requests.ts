/**
 * The error of a request body that does not match its endpoint's schema: nothing is sent.
 *
 * @module
 */
import { ValidationError, type SchemaIssue } from './validation';

/**
 * The `expected` of an issue about a member a request body does not list, before its "did you
 * mean".
 *
 * @internal
 */
export const NO_SUCH_MEMBER = 'no such member';

/**
 * Whether an issue is about a member its object does not list (`maxTokens` for `max_tokens`).
 *
 * @internal
 */
export function isUnknownMember(issue: SchemaIssue): boolean {
  return issue.expected.startsWith(NO_SUCH_MEMBER);
}

/** What a {@link RequestValidationError} is built from. */
export type RequestValidationErrorDetails = Pick<RequestValidationError, 'endpoint' | 'issues'>;

/** One issue in the message: `path: expected …, received …`, or `path: unknown member (did you mean "…"?)`. */
function line(issue: SchemaIssue): string {
  const path = issue.path === '' ? '(the body itself)' : issue.path;
  return isUnknownMember(issue) ? `${path}: ${issue.message}` : `${path}: expected ${issue.expected}, received ${issue.received}`;
}

/**
 * The body given to `fromCohere` (or a convenience such as `chatStream`, or an AWS transport)
 * does not match the endpoint's request schema. Nothing was sent.
 *
 * `issues` lists every bad field (`path`, `expected`, `received`); `path`, `expected` and
 * `received` repeat the first one. A member the schema does not list (`maxTokens` for
 * `max_tokens`) is an issue whose `expected` is `no such member`, with the member it most likely
 * meant when one is close: `no such member (did you mean "max_tokens"?)`.
 */
export class RequestValidationError extends ValidationError {
  override name = 'RequestValidationError';
  /** The endpoint the body was meant for, e.g. `v2/chat`. */
  readonly endpoint: string;

  constructor(details: RequestValidationErrorDetails) {
    const unknownMembers = details.issues.some(isUnknownMember)
      ? " To send a member this version of cohere-rx does not know on purpose, pass the option unknownFields: 'send'."
      : '';
    super(
      `The request body for POST /${details.endpoint} is not valid, so it was not sent: ${details.issues.map(line).join('; ')}. ` +
        `Fix these fields (see https://docs.cohere.com/reference) and subscribe again.${unknownMembers}`,
      details.issues,
    );
    this.endpoint = details.endpoint;
  }
}
