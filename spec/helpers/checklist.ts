import { finalize, NEVER, Observable, of, take, type OperatorFunction } from 'rxjs';
import { createScheduler } from './marbles';

/**
 * The two plain (non-marble) cases of rxjs's operator checklist: a synchronous source stops
 * once the consumer has enough, and finalization runs after complete, after error and on
 * unsubscribe.
 */
export function operatorChecklist<T>(
  operator: () => OperatorFunction<T, unknown>,
  item: (i: number) => T,
  bad: T,
  /** How many values the consumer takes, and how many items the source must have sent by then. */
  enough: { readonly take: number; readonly sent: number } = { take: 3, sent: 3 },
): void {
  test('stops a synchronous source once the consumer has enough', () => {
    const sent: number[] = [];
    const source = new Observable<T>((subscriber) => {
      for (let i = 0; !subscriber.closed && i < 100; i++) {
        sent.push(i);
        subscriber.next(item(i));
      }
    });
    source.pipe(operator(), take(enough.take)).subscribe();
    expect(sent).toEqual([...Array(enough.sent).keys()]);
  });

  test('finalizes after complete, after error and on unsubscribe', () => {
    const order: string[] = [];
    of(item(0))
      .pipe(
        operator(),
        finalize(() => order.push('complete')),
      )
      .subscribe();
    of(bad)
      .pipe(
        operator(),
        finalize(() => order.push('error')),
      )
      .subscribe({ error: () => undefined });
    new Observable<T>(() => undefined)
      .pipe(
        operator(),
        finalize(() => order.push('unsubscribe')),
      )
      .subscribe()
      .unsubscribe();
    expect(order).toEqual(['complete', 'error', 'unsubscribe']);
  });
}

/**
 * One marble expectation: a cold source (with the checklist's `values`) and what the output does
 * (with `out`, or this case's own `out`). `error` is the error at `#`: in the source for the
 * error case, in the expected output for the others.
 */
export interface MarbleCase {
  readonly source: string;
  readonly expected: string;
  readonly error?: unknown;
  readonly out?: Readonly<Record<string, unknown>>;
}

/** What {@link marbleChecklist} needs to know about one operator. */
export interface MarbleChecklist<T, R> {
  /** A fresh operator for each use. */
  readonly operator: () => OperatorFunction<T, R>;
  /**
   * What the error and unsubscribe cases look at: the output itself, or a view of it (its groups
   * flattened, snapshots as text). The empty and never cases always look at the output itself.
   */
  readonly view?: (output: Observable<R>) => Observable<unknown>;
  /** The values of the sources' marbles. */
  readonly values: Readonly<Record<string, T>>;
  /** The values of the expected marbles. */
  readonly out?: Readonly<Record<string, unknown>>;
  /** A source that errors after some values: the same error comes out, after what those values gave. */
  readonly error: MarbleCase & { readonly detail?: string };
  /** The empty source `|` (or a longer one), and any other source that must end the same way. */
  readonly empty: { readonly is: string; readonly cases: readonly [MarbleCase, ...MarbleCase[]] };
  /** Sources that never end; `-` when not given. `NEVER` is always checked too. */
  readonly never?: readonly MarbleCase[];
  /** Unsubscribing from the output `at` these marbles also ends the subscription to the source there. */
  readonly unsubscribe: MarbleCase & { readonly at: string };
}

/**
 * The subscription a plain cold source gets when nothing unsubscribes early: from frame 0 to its
 * `|` or `#`, or open when it has neither.
 */
function subscriptionOf(source: string): string {
  if (/[()^!\s]/.test(source)) throw new Error(`marbleChecklist derives subscriptions of plain sources only, not ${JSON.stringify(source)}`);
  const end = source.search(/[|#]/);
  if (end === -1) return '^';
  return end === 0 ? '(^!)' : `^${'-'.repeat(end - 1)}!`;
}

/**
 * The marble cases of rxjs's operator checklist, one test each: a source error passes through,
 * the empty source, a source that never ends, and early unsubscription. Every case also checks
 * the subscription to the source: it ends when the source ends, stays open while it never does,
 * and ends where the consumer unsubscribes.
 */
export function marbleChecklist<T, R>(checklist: MarbleChecklist<T, R>): void {
  const { operator, values, out = {}, error, empty, never = [{ source: '-', expected: '-' }], unsubscribe } = checklist;
  const view = checklist.view ?? ((output: Observable<R>): Observable<unknown> => output);

  test(`passes a source error through${error.detail === undefined ? '' : `: ${error.detail}`}`, () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const sourceError = error.error ?? new Error('boom');
      const source = cold(error.source, values, sourceError);
      expectObservable(view(source.pipe(operator()))).toBe(error.expected, error.out ?? out, sourceError);
      expectSubscriptions(source.subscriptions).toBe(subscriptionOf(error.source));
    });
  });

  test(`an empty source ${empty.is}`, () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      for (const { source: marbles, expected, error: expectedError, out: caseOut } of empty.cases) {
        const source = cold(marbles, values);
        expectObservable(source.pipe(operator())).toBe(expected, caseOut ?? out, expectedError);
        expectSubscriptions(source.subscriptions).toBe(subscriptionOf(marbles));
      }
    });
  });

  test('a source that never ends never emits and stays subscribed', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      for (const { source: marbles, expected, out: caseOut } of never) {
        const source = cold(marbles, values);
        expectObservable(source.pipe(operator())).toBe(expected, caseOut ?? out);
        expectSubscriptions(source.subscriptions).toBe('^');
      }
      expectObservable(NEVER.pipe(operator())).toBe('-');
    });
  });

  test('unsubscribing early unsubscribes from the source', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold(unsubscribe.source, values);
      expectObservable(view(source.pipe(operator())), unsubscribe.at).toBe(unsubscribe.expected, unsubscribe.out ?? out);
      expectSubscriptions(source.subscriptions).toBe(unsubscribe.at);
    });
  });
}
