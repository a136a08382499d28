/**
 * How a client's defaults and a call's options combine.
 *
 * @module
 * @internal
 */

/** The options whose members merge one by one: a call's `timeouts: { idleMs }` keeps the client's other limits. */
const NESTED: ReadonlySet<string> = new Set(['retry', 'timeouts', 'headers']);

const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  value !== null && typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** The members of `value` that are not `undefined`. */
function given(value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined));
}

/**
 * A call's options over a client's defaults: each option the call gives (not `undefined`)
 * replaces the default, except `retry`, `timeouts` and `headers`, whose members merge one by one
 * (the call's win). Any other option merges the same way, whatever its name, so options added
 * later need nothing here.
 *
 * @internal
 */
export function mergeOptions<O extends object>(defaults: O, call: O | undefined): O {
  if (call === undefined) return defaults;
  const merged: Record<string, unknown> = { ...(defaults as Readonly<Record<string, unknown>>) };
  for (const [name, value] of Object.entries(call)) {
    if (value === undefined) continue;
    const base = merged[name];
    merged[name] = NESTED.has(name) && isPlainObject(base) && isPlainObject(value) ? { ...base, ...given(value) } : value;
  }
  return merged as O;
}
