/**
 * How each request schema is tied to the named interface TypeScript users see: the compiler
 * proves that what the schema accepts is exactly the interface, so the two cannot drift apart.
 *
 * @module
 * @internal
 */
import type * as z from 'zod';

/** Whether `A` and `B` are the same type: not merely assignable both ways (which ignores optional members). */
type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/**
 * The schema of the interface `T`: returns `schema` unchanged once the compiler proved that its
 * input type is exactly `T`. A schema that accepts a member `T` lacks, or lacks one `T` has (or
 * types one differently), does not compile: the call then asks for a second argument, whose type
 * shows both sides.
 *
 * @example
 * ```ts fragment
 * export interface V2Thinking { type: 'enabled' | 'disabled'; token_budget?: number | null | undefined }
 * export const V2Thinking = schemaOf<V2Thinking>()(z.strictObject({ type: z.enum(['enabled', 'disabled']), token_budget: opt(z.number()) }));
 * ```
 *
 * @internal
 */
export const schemaOf =
  <T>() =>
  <S extends z.ZodType>(schema: S, ..._sameType: SameType<z.input<S>, T> extends true ? [] : [mismatch: { schema: z.input<S>; type: T }]): S =>
    schema;
