import { TestScheduler } from 'rxjs/testing';

/**
 * Error notifications compared by class name, message and own fields (jest's `toEqual` would
 * treat any two errors with the same message as equal).
 */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object' && 'notification' in value) {
    const { notification } = value as { notification: { kind: string; error?: unknown } };
    if (notification.kind === 'E' && notification.error instanceof Error) {
      const { stack: _stack, ...fields } = notification.error as Error & Record<string, unknown>;
      return {
        ...value,
        notification: { kind: 'E', error: { ...fields, class: notification.error.constructor.name, message: notification.error.message } },
      };
    }
  }
  return value;
}

export function createScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => {
    expect(normalize(actual)).toEqual(normalize(expected));
  });
}
