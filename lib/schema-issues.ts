/**
 * How a zod issue becomes the `{ path, expected, received, message }` that cohere-rx's errors
 * report.
 *
 * @module
 * @internal
 */
import { z } from 'zod';
import type { SchemaIssue } from './errors';

/** A short description of a JSON value for an error message: its kind and, for scalars, the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

/** What a zod issue expected, in the words of the wire (a zod "record" is a JSON object). */
function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'record' ? 'object' : issue.expected;
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ');
    default:
      return issue.message;
  }
}

/** Converts an issue of a parse made with `{ reportInput: true }`. */
export function toSchemaIssue(issue: z.core.$ZodIssue): SchemaIssue {
  return { path: z.core.toDotPath(issue.path), expected: expected(issue), received: describeValue(issue.input), message: issue.message };
}

/**
 * Every way `value` breaks `schema`, as schema issues; none when it fits. A value that fits is
 * checked once, on zod's fast path; `reportInput` (which the issues need) turns that path off
 * and costs a hundred times more, so it is asked for only when there are issues to report.
 */
export function schemaIssues(schema: z.ZodType, value: unknown): SchemaIssue[] {
  if (schema.safeParse(value).success) return [];
  const checked = schema.safeParse(value, { reportInput: true });
  return checked.success ? [] : checked.error.issues.map(toSchemaIssue);
}
