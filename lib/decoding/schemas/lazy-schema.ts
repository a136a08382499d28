/**
 * Schemas built on first use. Loading cohere-rx builds no zod schema: each exported schema is a
 * stand-in that builds the real one the first time anything touches it (a parse, a member, a
 * composition into another schema, `instanceof`, `z.toJSONSchema`), then forwards everything to
 * it. Users see the zod schema itself: its members, its prototype, its methods (bound to the real
 * schema, so a method a user reads runs without the stand-in).
 *
 * @module
 * @internal
 */
import type * as z from 'zod';

/** The key under which a stand-in answers its real schema (to {@link builtSchema} only). */
const REAL: unique symbol = Symbol('cohere-rx built schema');

/** A stand-in's target: how to build its schema, and the schema once built. */
class Pending {
  #build: () => z.ZodType;
  #schema: z.ZodType | undefined;

  constructor(build: () => z.ZodType) {
    this.#build = build;
  }

  /** The real schema behind a target, built on the first call. */
  static real(target: Pending): z.ZodType {
    return (target.#schema ??= target.#build());
  }

  /**
   * How Node's `util.inspect` (and so `console.log`) shows a stand-in: as its schema. Node reads
   * this member on the proxy's target, not through the traps, and calls it on the proxy.
   */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    const real = #build in this ? Pending.real(this) : (this as unknown as { readonly [REAL]: z.ZodType })[REAL];
    return inspect(real, { ...options, depth });
  }
}

/**
 * Mirrors a member the real schema holds as non-configurable (zod's `_zod`) on the target, as a
 * proxy must before it reports such a member; returns the descriptor.
 */
function pinned(target: Pending, key: PropertyKey, descriptor: PropertyDescriptor | undefined): PropertyDescriptor | undefined {
  if (descriptor?.configurable === false) Object.defineProperty(target, key, descriptor);
  return descriptor;
}

/** Every trap: build the real schema, then do the operation on it. */
const FORWARD: ProxyHandler<Pending> = {
  get: (target, key): unknown => (key === REAL ? Pending.real(target) : Reflect.get(Pending.real(target), key)),
  set: (target, key, value) => Reflect.set(Pending.real(target), key, value),
  has: (target, key) => Reflect.has(Pending.real(target), key),
  deleteProperty: (target, key) => Reflect.deleteProperty(Pending.real(target), key),
  ownKeys: (target) => {
    const real = Pending.real(target);
    const keys = Reflect.ownKeys(real);
    for (const key of keys) pinned(target, key, Reflect.getOwnPropertyDescriptor(real, key));
    return keys;
  },
  getOwnPropertyDescriptor: (target, key) => pinned(target, key, Reflect.getOwnPropertyDescriptor(Pending.real(target), key)),
  defineProperty: (target, key, descriptor) => {
    const real = Pending.real(target);
    const defined = Reflect.defineProperty(real, key, descriptor);
    if (defined) pinned(target, key, Reflect.getOwnPropertyDescriptor(real, key));
    return defined;
  },
  getPrototypeOf: (target) => Reflect.getPrototypeOf(Pending.real(target)),
  setPrototypeOf: (target, prototype) => Reflect.setPrototypeOf(Pending.real(target), prototype),
  isExtensible: (target) => Reflect.isExtensible(target),
  // A frozen or sealed stand-in: the target becomes a copy of the real schema, as a proxy's
  // target must be once it cannot be extended.
  preventExtensions: (target) => {
    const real = Pending.real(target);
    if (!Reflect.preventExtensions(real)) return false;
    Object.defineProperties(target, Object.getOwnPropertyDescriptors(real));
    Object.setPrototypeOf(target, Reflect.getPrototypeOf(real));
    return Reflect.preventExtensions(target);
  },
};

/**
 * A schema built by `build` on first use; until then, nothing is built. The result has the type
 * of the schema `build` returns and behaves as it does in every way a user can observe.
 *
 * Inside another schema's `build`, a lazy schema's methods (`opt(X)`, `X.extend(…)`) act on the
 * real schema; where the schema itself is held (`z.array(X)`, a member `{ key: X }`, a union's
 * options), hold {@link builtSchema}`(X)`, so that each parse reaches the real schema directly.
 *
 * @internal
 */
export function lazySchema<S extends z.ZodType>(build: () => S): S {
  return new Proxy(new Pending(build), FORWARD) as unknown as S;
}

/**
 * The real schema behind a lazy schema, built now if it was not yet; any other schema as it is.
 * Code that parses many values with one schema (the decoder) reads it once through this, so the
 * stand-in costs nothing per value.
 *
 * @internal
 */
export function builtSchema<S extends z.ZodType>(schema: S): S {
  return (schema as S & { [REAL]?: S })[REAL] ?? schema;
}
