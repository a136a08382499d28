import type { Observable } from 'rxjs';

/** What a synchronous Observable delivered: its values, and its error or that it completed. */
export interface Settled<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly completed: boolean;
}

/** Subscribes to an Observable that settles synchronously and reports what it delivered. */
export function settle<T>(source: Observable<T>): Settled<T> {
  const values: T[] = [];
  let error: unknown;
  let completed = false;
  source.subscribe({ next: (value) => values.push(value), error: (e: unknown) => (error = e), complete: () => (completed = true) });
  if (error === undefined && !completed) throw new Error('the Observable did not settle synchronously');
  return { values, error, completed };
}
