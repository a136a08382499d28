/**
 * How a zod issue becomes the `{ path, expected, received, message }` that cohere-rx's errors
 * report.
 *
 * @module
 * @internal
 */
import * as z from 'zod';
// Imported by name, not as `z.core.toDotPath`: reading `z.core` would bundle all of zod's core
// (its locales above all) into a browser build.
import { toDotPath } from 'zod/v4/core';
import type { SchemaIssue } from '../errors/index';

/** A short description of a JSON value for an error message: its kind and, for scalars, the value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined (missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item(s)`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return `${typeof value} ${value}`;
  return typeof value;
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
function toSchemaIssue(issue: z.core.$ZodIssue): SchemaIssue {
  return { path: toDotPath(issue.path), expected: expected(issue), received: describeValue(issue.input), message: issue.message };
}

/**
 * Every way `value` breaks `schema`, as schema issues; none when it fits. The value is checked
 * once without zod's `reportInput` first, since asking for it makes a parse several times slower
 * (a valid V2 chat request: 2–3 µs instead of 0.3 µs); only a value that fails is parsed again,
 * with it, to describe what arrived.
 */
export function schemaIssues(schema: z.ZodType, value: unknown): SchemaIssue[] {
  if (schema.safeParse(value).success) return [];
  return (schema.safeParse(value, { reportInput: true }).error?.issues ?? []).map(toSchemaIssue);
}
