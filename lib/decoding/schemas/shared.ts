/**
 * Building blocks shared by every schema: how optional fields, open enums and objects that
 * keep unknown members are written.
 *
 * @module
 */
import * as z from 'zod';
import { lazySchema } from './lazy-schema';

/**
 * An optional field. Cohere's schemas declare almost every field optional and both official
 * SDKs read `null` as absent, so an optional field accepts a missing key, `undefined` or `null`.
 *
 * @internal
 */
export function opt<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}

/**
 * A string field whose documented values are known but may grow (finish reasons, content block
 * types): any string is accepted, and the known values stay visible to the type checker.
 *
 * @internal
 */
export function openEnum<const T extends readonly string[]>(_known: T): z.ZodType<T[number] | (string & {}), T[number] | (string & {})> {
  return z.string();
}

/**
 * A position on the wire (a content block's, tool call's, citation's or generation's `index`, a
 * citation's `content_index`, `start` or `end`): a non-negative safe integer. Anything else (`-1`,
 * `1.5`, `1e300`) would place an item nowhere and lose it, so it is a schema error.
 *
 * @internal
 */
export const WireIndex = lazySchema(() => z.int().min(0));

/** A JSON object with members of any type, kept as they arrived. */
export const JsonObject = lazySchema(() => z.record(z.string(), z.unknown()));
/** A JSON object with members of any type. */
export type JsonObject = z.infer<typeof JsonObject>;

/**
 * Whether a parsed JSON value is an object: not `null`, not an array.
 *
 * @internal
 */
export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Input and output token counts, as V2 `usage.tokens` and V1 `meta.tokens` report them. */
export const TokenCounts = lazySchema(() => z.looseObject({ input_tokens: opt(z.number()), output_tokens: opt(z.number()) }));
/** Input and output token counts. */
export type TokenCounts = z.infer<typeof TokenCounts>;
