import { finalize, Observable, of, take, type OperatorFunction } from 'rxjs';

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
    of(item(0)).pipe(operator(), finalize(() => order.push('complete'))).subscribe();
    of(bad).pipe(operator(), finalize(() => order.push('error'))).subscribe({ error: () => undefined });
    new Observable<T>(() => undefined).pipe(operator(), finalize(() => order.push('unsubscribe'))).subscribe().unsubscribe();
    expect(order).toEqual(['complete', 'error', 'unsubscribe']);
  });
}
