/**
 * What the errors about a value of the wrong shape share: the issues zod found, described in
 * the words of the wire, the first one repeated as `path`, `expected` and `received`.
 *
 * @module
 */
import { CohereStreamError } from './cohere-stream-error';

/** One member of a value that does not match its schema. */
export interface SchemaIssue {
  /** Path of the member inside the value, e.g. `delta.message.content.text` (`''` for the value itself). */
  readonly path: string;
  /** What the schema expects there, e.g. `string` or `number`. */
  readonly expected: string;
  /** What arrived, e.g. `number 42`. */
  readonly received: string;
  /** A sentence about the issue. */
  readonly message: string;
}

/**
 * A value does not match its schema: an event ({@link SchemaError}), a request body
 * (`RequestValidationError`) or the input of a model constructor (`ModelFieldError`).
 * `issues` lists every mismatch; `path`, `expected` and `received` repeat the first one.
 */
export class ValidationError extends CohereStreamError {
  override name = 'ValidationError';
  /** Path of the first mismatching member (`''` for the value itself). */
  readonly path: string;
  /** What the schema expects at `path`. */
  readonly expected: string;
  /** What arrived at `path`. */
  readonly received: string;
  /** Every mismatch found. */
  readonly issues: readonly SchemaIssue[];

  constructor(message: string, issues: readonly SchemaIssue[], options?: ErrorOptions) {
    super(message, options);
    const [first] = issues;
    this.path = first?.path ?? '';
    this.expected = first?.expected ?? '';
    this.received = first?.received ?? '';
    this.issues = issues;
  }
}
