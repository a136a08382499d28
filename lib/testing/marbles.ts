/**
 * Marble assertions that compare errors by class and fields: a `TestScheduler` built on your
 * test framework's deep-equality assertion, with no import of any test framework.
 *
 * @module
 */
import { TestScheduler } from 'rxjs/testing';

/** A deep-equality assertion that throws when `actual` differs from `expected`, as `TestScheduler` takes it. */
export type AssertDeepEqual = (actual: unknown, expected: unknown) => void;

/**
 * An error as plain data: its own enumerable fields (errors among them turned into data the
 * same way), its `message` and its class name as `class`. The stack is left out, and so is the
 * `cause` given to the `Error` constructor, which is not enumerable: compare it in a test of its
 * own. A value that is not an `Error` gives `{ notAnError: value }`.
 *
 * <span class="informal">Deep-equality assertions treat two errors with the same message as
 * equal, whatever their class and fields (jest's `toEqual` does); their fields do not.</span>
 *
 * @example
 * ```ts
 * import { DecodeError } from 'cohere-rx';
 * import { errorFields } from 'cohere-rx/testing';
 *
 * errorFields(new DecodeError({ message: 'not JSON', reason: 'invalid-json', frame: '{"type":' }));
 * // { name: 'DecodeError', reason: 'invalid-json', frame: '{"type":', frameIndex: undefined, class: 'DecodeError', message: 'not JSON' }
 * ```
 *
 * @param error The error.
 * @returns Its fields, `message` and `class`.
 */
export function errorFields(error: unknown): Readonly<Record<string, unknown>> {
  if (!(error instanceof Error)) return { notAnError: error };
  const { stack: _stack, ...own } = error as Error & Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(own).map(([name, value]) => [name, value instanceof Error ? errorFields(value) : value]));
  return { ...fields, class: error.constructor.name, message: error.message };
}

/** Replaces the error of each error notification of a marble run by its {@link errorFields}. */
function withErrorFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withErrorFields);
  if (value !== null && typeof value === 'object' && 'notification' in value) {
    const { notification } = value as { notification: { kind: string; error?: unknown } };
    if (notification.kind === 'E') return { ...value, notification: { kind: 'E', error: errorFields(notification.error) } };
  }
  return value;
}

/**
 * The assertion to give `new TestScheduler(...)`: it compares error notifications by class,
 * message and fields (see {@link errorFields}), and everything else with `assertDeepEqual`.
 *
 * @example
 * ```ts
 * import { TestScheduler } from 'rxjs/testing';
 * import { observableMatcher } from 'cohere-rx/testing';
 *
 * const scheduler = new TestScheduler(observableMatcher((actual, expected) => expect(actual).toEqual(expected)));
 * ```
 *
 * @param assertDeepEqual Your framework's deep-equality assertion (jest or vitest
 *   `expect(actual).toEqual(expected)`, jasmine's, chai's `deep.equal`, node's `assert.deepStrictEqual`).
 * @returns The assertion for `TestScheduler`.
 */
export function observableMatcher(assertDeepEqual: AssertDeepEqual): AssertDeepEqual {
  return (actual, expected) => assertDeepEqual(withErrorFields(actual), withErrorFields(expected));
}

/**
 * A `TestScheduler` whose marble assertions compare errors by class and fields: the
 * scheduler of a marble test of a cohere-rx pipeline, in any test framework.
 *
 * @example
 * ```ts
 * import { of } from 'rxjs';
 * import { createMarbleScheduler } from 'cohere-rx/testing';
 *
 * test('marbles', () => {
 *   createMarbleScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
 *     expectObservable(of(1)).toBe('(a|)', { a: 1 });
 *   });
 * });
 * ```
 *
 * @param assertDeepEqual Your framework's deep-equality assertion.
 * @returns A new scheduler.
 */
export function createMarbleScheduler(assertDeepEqual: AssertDeepEqual): TestScheduler {
  return new TestScheduler(observableMatcher(assertDeepEqual));
}
