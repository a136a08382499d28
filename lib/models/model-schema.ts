/**
 * How a model constructor reads a value: through its schema, keeping only the members it reads,
 * each checked.
 *
 * Every model is a plain JSON object with the wire's snake_case names, never a class instance.
 * Its companion `const` holds its constructors (`ToolCall.fromDict`, `Chat.fromDict`), as the
 * Python classes hold `from_dict`.
 *
 * One rule for every constructor:
 *
 * - A model reads only the members its Python class reads, each checked (nested values
 *   included) by its schema in `schemas/v1-chat-events`; other members are left out. Members
 *   of free-form objects (tool `parameters`, `documents`) are kept as they arrived.
 * - A member that is missing or `null` (Python `None`) is left out of the result, never written
 *   as `undefined` or `null`, so a JSON round trip is exact.
 * - A value of the wrong type, whether the input itself or a member read at any depth, throws
 *   {@link ModelFieldError} with the model, the member's path, what was expected and what
 *   arrived. (Python would pass it through untyped, or crash with `AttributeError`.)
 * - {@link Chat.fromDict} without `response_id` (missing or `null`) throws
 *   {@link MissingFieldError} (Python: `KeyError`).
 * - Where Python returns `None`, this returns `undefined`: {@link ToolCall.fromList} of a
 *   non-list, {@link streamResponseFromDict} of an unknown `event_type` or of a `stream-end`
 *   without `response`.
 *
 * @module
 * @internal
 */
import type * as z from 'zod';
import { describeValue, schemaIssues } from '../decoding/issues';
import { ModelFieldError } from '../errors/index';

/**
 * The members of an object schema a model keeps: each optional, never `null`.
 *
 * @inline
 */
export type Fields<S extends z.ZodObject> = { -readonly [K in keyof S['shape']]?: NonNullable<z.output<S['shape'][K]>> };

/** An object schema whose output keeps only its own, non-null members (the module's rule). */
export function model<S extends z.ZodObject>(schema: S) {
  return schema.transform((data) => {
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) {
      const value: unknown = (data as Record<string, unknown>)[key];
      if (value !== undefined && value !== null) fields[key] = value;
    }
    return fields as Fields<S>;
  });
}

/** Parses `value` with `schema`, or throws {@link ModelFieldError} for its first issue. */
export function read<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = schemaIssues(schema, value);
  throw new ModelFieldError({
    model: name,
    issues: issues.length > 0 ? issues : [{ path: '', expected: 'a valid value', received: describeValue(value), message: 'Invalid input' }],
  });
}
