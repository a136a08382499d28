/** Keys added to Object.prototype: none, unless something was polluted. */
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototypeKeys = prototypeKeys();

/** Object.prototype has the keys it had when this module loaded, and nothing reads `polluted` from it. */
export function expectUnpolluted(): void {
  expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf({})).toBe(Object.prototype);
}

/** `__proto__` is an own, enumerable data member holding `value`, and the object's prototype is untouched. */
export function expectPlainProto(object: unknown, value: unknown, prototype: object | null = Object.prototype): void {
  expect(Object.getPrototypeOf(object)).toBe(prototype);
  const descriptor = Object.getOwnPropertyDescriptor(object, '__proto__');
  expect(descriptor).toMatchObject({ enumerable: true, writable: true });
  expect(descriptor?.value).toEqual(value);
}
