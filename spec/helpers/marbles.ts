import { TestScheduler } from 'rxjs/testing';

/** An error as plain data (own fields, class and message), so errors compare by class and fields. */
export function errorFields(error: unknown): object {
  if (!(error instanceof Error)) return { notAnError: error };
  const { stack: _stack, ...own } = error as Error & Record<string, unknown>;
  return { ...own, class: error.constructor.name, message: error.message };
}

/**
 * Error notifications compared by class name, message and own fields (jest's `toEqual` would
 * treat any two errors with the same message as equal).
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object' && 'notification' in value) {
    const { notification } = value as { notification: { kind: string; error?: unknown } };
    if (notification.kind === 'E' && notification.error instanceof Error) {
      return { ...value, notification: { kind: 'E', error: errorFields(notification.error) } };
    }
  }
  return value;
}

export function createScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(normalize(actual)).toEqual(normalize(expected));
  });
}
