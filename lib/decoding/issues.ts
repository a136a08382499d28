/**
 * How a zod issue becomes the `{ path, expected, received, message }` that cohere-rx's errors
 * report: for a union, the member at fault and the deepest field that failed in it; for a
 * discriminated union whose discriminator matches no member, the discriminator's accepted values
 * and the value received; for a member a closed object does not list, the known member it most
 * likely meant.
 *
 * @module
 * @internal
 */
import * as z from 'zod';
// Imported by name, not as `z.core.toDotPath`: reading `z.core` would bundle all of zod's core
// (its locales above all) into a browser build.
import { toDotPath } from 'zod/v4/core';
import type { SchemaIssue } from '../errors/index';
import { NO_SUCH_MEMBER } from '../errors/requests';
import { closestName } from './closest-name';

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

/** What {@link schemaIssues} does with the members a closed object (`z.strictObject`) does not list. */
export type UnknownMembers = 'report' | 'ignore';

/** What the error map below adds to an issue of a closed object schema: the object's members, and which are required. */
interface ObjectMembers {
  readonly members?: readonly string[];
  readonly required?: readonly string[];
}

/**
 * Notes the members of the closed object schema (`z.strictObject`, a request's) an issue comes
 * from on the issue itself (zod copies an issue's own members into the issue it reports), and
 * leaves the message to zod.
 */
function noteMembers(issue: z.core.$ZodRawIssue): undefined {
  const def = issue.inst?._zod.def;
  if (def === undefined || !('type' in def) || def.type !== 'object' || (issue.code !== 'unrecognized_keys' && issue.code !== 'invalid_type')) return undefined;
  const { shape, catchall } = def as z.core.$ZodObjectDef;
  if (catchall?._zod.def.type !== 'never') return undefined;
  const members = Object.keys(shape);
  const noted: ObjectMembers = { members, required: members.filter((member) => shape[member]?._zod.optin !== 'optional') };
  Object.assign(issue, noted);
  return undefined;
}

/** ` (did you mean "max_tokens"?)`, or nothing. */
function didYouMean(name: unknown, known: readonly unknown[]): string {
  if (typeof name !== 'string') return '';
  const suggestion = closestName(
    name,
    known.filter((value): value is string => typeof value === 'string'),
  );
  return suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
}

/**
 * What a value too small (`at: 'least'`) or too big was expected to be, by what it is: `number
 * >= 1`, `integer <= 9007199254740991`, `array of at most 5 item(s)`, `string of at least 1
 * character(s)`.
 */
function sizeExpected(at: 'least' | 'most', issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, limit: number | bigint): string {
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
    const kind = issue.origin === 'int' ? 'integer' : 'number';
    const operator = issue.exact === true ? '=' : `${at === 'least' ? '>' : '<'}${issue.inclusive === false ? '' : '='}`;
    return `${kind} ${operator} ${limit}`;
  }
  const size = issue.exact === true ? `exactly ${limit}` : `${issue.inclusive === false ? (at === 'least' ? 'more than' : 'less than') : `at ${at}`} ${limit}`;
  const unit = issue.origin === 'string' ? 'character(s)' : 'item(s)';
  return `${issue.origin} of ${size} ${unit}`;
}

/** What a zod issue expected, in the words of the wire (a zod "record" is a JSON object). */
function expected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'record') return 'object';
      if (issue.expected === 'int') return 'integer';
      const { required = [] } = issue as ObjectMembers;
      return issue.expected === 'object' && required.length > 0 ? `object with ${required.join(', ')}` : issue.expected;
    }
    case 'invalid_value':
      return issue.values.map((v) => JSON.stringify(v)).join(' | ') + didYouMean(issue.input, issue.values);
    case 'too_small':
      return sizeExpected('least', issue, issue.minimum);
    case 'too_big':
      return sizeExpected('most', issue, issue.maximum);
    default:
      return issue.message;
  }
}

/** The value of `key` in an object, or `undefined`. */
function memberOf(value: unknown, key: PropertyKey): unknown {
  return value !== null && typeof value === 'object' ? (value as Readonly<Record<PropertyKey, unknown>>)[key] : undefined;
}

/** Whether an option of a union failed because the value is not of its type at all (a string given to an array). */
function wrongType(issues: readonly z.core.$ZodIssue[]): boolean {
  const [first] = issues;
  return issues.length === 1 && first?.code === 'invalid_type' && first.path.length === 0;
}

/** A union's issue: the accepted discriminator values, or the issues of the member at fault. */
function unionIssues(issue: z.core.$ZodIssueInvalidUnion, path: readonly PropertyKey[], unknownMembers: UnknownMembers): SchemaIssue[] {
  if (issue.discriminator !== undefined && issue.errors.length === 0) {
    // No member has this discriminator value: zod's path already ends with the discriminator.
    const options = 'options' in issue ? (issue.options ?? []) : [];
    const value = memberOf(issue.input, issue.discriminator);
    return [
      {
        path: toDotPath(path),
        expected: options.map((option) => JSON.stringify(option)).join(' | ') + didYouMean(value, options),
        received: describeValue(value),
        message: issue.message,
      },
    ];
  }
  const members = issue.errors.map((issues) => ({ issues, described: issues.flatMap((inner) => describe(inner, path, unknownMembers)) }));
  // A member that failed only for members it does not list (ignored here) holds.
  if (members.some(({ described }) => described.length === 0)) return [];
  const fitting = members.filter(({ issues }) => !wrongType(issues));
  if (fitting.length === 0) {
    const accepted = members.map(({ issues }) => (issues[0] === undefined ? 'a valid value' : expected(issues[0])));
    return [{ path: toDotPath(path), expected: accepted.join(' | '), received: describeValue(issue.input), message: issue.message }];
  }
  // The member of the value's own type (an array given to `string | array`); among several, the one it came closest to.
  const atFault = fitting.reduce((best, member) => (member.described.length < best.described.length ? member : best));
  return atFault.described;
}

/** The schema issues of one zod issue, at `at` (the path of the union it was found in, if any). */
function describe(issue: z.core.$ZodIssue, at: readonly PropertyKey[], unknownMembers: UnknownMembers): SchemaIssue[] {
  const path = [...at, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys': {
      if (unknownMembers === 'ignore') return [];
      const { members = [] } = issue as ObjectMembers;
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, members);
        return {
          path: toDotPath([...path, key]),
          expected: `${NO_SUCH_MEMBER}${suggestion}`,
          received: describeValue(memberOf(issue.input, key)),
          message: `unknown member${suggestion}`,
        };
      });
    }
    case 'invalid_union':
      return unionIssues(issue, path, unknownMembers);
    default:
      return [{ path: toDotPath(path), expected: expected(issue), received: describeValue(issue.input), message: issue.message }];
  }
}

/**
 * Every way `value` breaks `schema`, as schema issues; none when it fits. With `unknownMembers:
 * 'ignore'`, members a closed object does not list are not issues (they are left to whoever
 * receives the value).
 *
 * The value is checked once without zod's `reportInput` first, since asking for it makes a parse
 * several times slower (a valid V2 chat request: 2–3 µs instead of 0.3 µs); only a value that
 * fails is parsed again, with it and with the members of each object noted, to describe what
 * arrived.
 */
export function schemaIssues(schema: z.ZodType, value: unknown, unknownMembers: UnknownMembers = 'report'): SchemaIssue[] {
  if (schema.safeParse(value).success) return [];
  const issues = schema.safeParse(value, { reportInput: true, error: noteMembers }).error?.issues ?? [];
  return issues.flatMap((issue) => describe(issue, [], unknownMembers));
}
