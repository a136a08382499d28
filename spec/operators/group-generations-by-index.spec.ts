import { catchError, endWith, finalize, from, groupBy, map, mergeMap, Observable, of, take, type GroupedObservable } from 'rxjs';
import type { UnknownEvent } from '../../lib/decoding/decoder';
import { generate } from '../../lib/decoding/protocols';
import type { GenerateEvent, GenerateTextGenerationEvent } from '../../lib/decoding/schemas/generate-events';
import { GenerationError, IncompleteStreamError, StreamOrderError } from '../../lib/errors/index';
import { ConnectionError } from '../../lib/errors/index';
import { decodeEvents } from '../../operators/decode-events';
import { groupGenerationsByIndex } from '../../operators/group-generations-by-index';
import { jsonFrames } from '../../operators/json-frames';
import { fixtureTest, fixtureText } from '../helpers/fixtures';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { errorFields as fields, generateEvent, unknownEvent } from '../../lib/testing/index';
import { createScheduler } from '../helpers/marbles';

const end = generateEvent.end({ id: 'r1' });

type Groups = Observable<GroupedObservable<number, GenerateTextGenerationEvent>>;

/**
 * Every group's events as `key:text` values, its completion as `key|`, and its error as
 * `{ key, error }`, merged in the order they happen; the result's own end is the merged end.
 */
function flatten(groups: Groups): Observable<string | { key: number; error: object }> {
  return groups.pipe(
    mergeMap((group) =>
      group.pipe(
        map((event) => `${group.key}:${event.text ?? ''}`),
        endWith(`${group.key}|`),
        catchError((error: unknown) => of({ key: group.key, error: fields(error) })),
      ),
    ),
  );
}

const keys = (groups: Groups) => groups.pipe(map((group) => group.key));
const generationError = (index: number) => new GenerationError({ generationIndex: index, err: 'overloaded', finishReason: 'ERROR' });

describe('groupGenerationsByIndex', () => {
  describe('marbles', () => {
    const values: Record<string, GenerateEvent | UnknownEvent> = {
      a: generateEvent.text(0, 'A0'),
      b: generateEvent.text(1, 'B0'),
      c: generateEvent.text(2, 'C0'),
      d: generateEvent.error(1),
      e: generateEvent.text(0, 'A1'),
      f: generateEvent.text(2, 'C1'),
      z: end,
      u: unknownEvent(),
    };
    const boom = new Error('boom');
    const incompleteEmpty = new IncompleteStreamError({ protocol: 'generate', expected: 'stream-end', partial: [], lastEvent: undefined, eventCount: 0 });

    test('3 interleaved generations: 1 fails, its group errors alone; 0 and 2 complete at stream-end', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-d-e-f-z-|', values);
        expectObservable(keys(source.pipe(groupGenerationsByIndex()))).toBe('-a-b-c-------|', { a: 0, b: 1, c: 2 });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a-b-c-d-e-f-(xy|)', {
          a: '0:A0',
          b: '1:B0',
          c: '2:C0',
          d: { key: 1, error: fields(generationError(1)) },
          e: '0:A1',
          f: '2:C1',
          x: '0|',
          y: '2|',
        });
        // stream-end ends the stream: the source is not read any further.
        expectSubscriptions(source.subscriptions).toBe(['^------------!', '^------------!']);
      });
    });

    test('the GenerationError carries err, finishReason and generationIndex', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-b-d-z', { ...values, d: generateEvent.error(1, 'toxic output', 'ERROR_TOXIC') });
        const error = new GenerationError({ generationIndex: 1, err: 'toxic output', finishReason: 'ERROR_TOXIC' });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-b-d-|', { b: '1:B0', d: { key: 1, error: fields(error) } });
        expect(error).toMatchObject({ generationIndex: 1, err: 'toxic output', finishReason: 'ERROR_TOXIC' });
      });
    });

    test('a missing index is 0; unknown events are skipped', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-n-u-m-z', {
          n: generateEvent.text(undefined, 'x'),
          m: { ...generateEvent.text(undefined, 'y'), index: null },
          u: unknownEvent(),
          z: end,
        });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a---b-(c|)', { a: '0:x', b: '0:y', c: '0|' });
      });
    });

    test('a generation that fails before its first text gets a group that errors at once, in order of appearance', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-a-d-b-z', { ...values, b: generateEvent.text(2, 'C0') });
        expectObservable(keys(source.pipe(groupGenerationsByIndex()))).toBe('-a-d-b-|', { a: 0, d: 1, b: 2 });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a-d-b-(xy|)', {
          a: '0:A0',
          d: { key: 1, error: fields(generationError(1)) },
          b: '2:C0',
          x: '0|',
          y: '2|',
        });
      });
    });

    test('<EOS_TOKEN> chunks are left out, and alone open no group', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold('-a-x-y-z', {
          a: generateEvent.text(0, ' Hi'),
          x: generateEvent.text(0, '<EOS_TOKEN>'),
          y: generateEvent.text(1, '<EOS_TOKEN>'),
          z: end,
        });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a-----(c|)', { a: '0: Hi', c: '0|' });
      });
    });

    test('a text-generation with is_finished: true is emitted, then ends every group and the result', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-l-e-|', { ...values, l: generateEvent.text(1, 'B1', true) });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a-b-(lxy|)', { a: '0:A0', b: '1:B0', l: '1:B1', x: '0|', y: '1|' });
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    test('old-format frames without event_type, decoded first, are grouped the same way', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const frames = {
          a: { text: ' LL', is_finished: false },
          b: { index: 1, text: 'M', is_finished: false },
          c: { is_finished: true, err: 'overloaded', finish_reason: 'ERROR', index: 1 },
          d: { text: 'ama', is_finished: false },
          z: { is_finished: true, finish_reason: 'COMPLETE', response: { id: 'g1', generations: [{ id: 'a', text: ' LLama', index: 0 }] } },
        };
        const source = cold<object>('-a-b-c-d-z', frames);
        expectObservable(flatten(source.pipe(decodeEvents(generate), groupGenerationsByIndex()))).toBe('-a-b-c-d-(x|)', {
          a: '0: LL',
          b: '1:M',
          c: { key: 1, error: fields(generationError(1)) },
          d: '0:ama',
          x: '0|',
        });
      });
    });

    marbleChecklist<GenerateEvent | UnknownEvent, GroupedObservable<number, GenerateTextGenerationEvent>>({
      operator: () => groupGenerationsByIndex(),
      view: flatten,
      values,
      out: { a: '0:A0', b: '1:B0' },
      error: {
        detail: 'every open group and the result error with it',
        source: '-a-b-d-c-#',
        expected: '-a-b-d-c-(xy#)',
        error: boom,
        out: {
          a: '0:A0',
          b: '1:B0',
          c: '2:C0',
          d: { key: 1, error: fields(generationError(1)) },
          x: { key: 0, error: fields(boom) },
          y: { key: 2, error: fields(boom) },
        },
      },
      empty: {
        is: 'is an IncompleteStreamError with nothing open and no last event, and so is one of unknown events only',
        cases: [
          { source: '|', expected: '#', error: incompleteEmpty },
          { source: '-u-|', expected: '---#', error: incompleteEmpty },
        ],
      },
      unsubscribe: { source: '-a-b-a-b-z-|', at: '^----!', expected: '-a-b--' },
    });

    test('a source ending mid-text errors every open group and the result with IncompleteStreamError', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new IncompleteStreamError({ protocol: 'generate', expected: 'stream-end', partial: [0, 1], lastEvent: values.b, eventCount: 2 });
        expectObservable(flatten(cold('-a-b-|', values).pipe(groupGenerationsByIndex()))).toBe(
          '-a-b-(xy#)',
          { a: '0:A0', b: '1:B0', x: { key: 0, error: fields(error) }, y: { key: 1, error: fields(error) } },
          error,
        );
      });
    });

    test('a connection dropped mid-text errors every open group and the result with IncompleteStreamError, caused by the drop', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const dropped = new ConnectionError({ endpoint: 'v1/generate', framesReceived: 2, cause: new Error('socket hang up') });
        const error = new IncompleteStreamError({
          protocol: 'generate',
          expected: 'stream-end',
          partial: [0, 1],
          lastEvent: values.b,
          eventCount: 2,
          cause: dropped,
        });
        expectObservable(flatten(cold('-a-b-#', values, dropped).pipe(groupGenerationsByIndex()))).toBe(
          '-a-b-(xy#)',
          { a: '0:A0', b: '1:B0', x: { key: 0, error: fields(error) }, y: { key: 1, error: fields(error) } },
          error,
        );
      });
    });

    test('a source ending after a stream-error: the failed group keeps its GenerationError, the others get IncompleteStreamError', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new IncompleteStreamError({
          protocol: 'generate',
          expected: 'stream-end',
          partial: [0],
          lastEvent: values.d,
          eventCount: 3,
          cause: generationError(1),
        });
        expectObservable(flatten(cold('-a-b-d-|', values).pipe(groupGenerationsByIndex()))).toBe(
          '-a-b-d-(x#)',
          { a: '0:A0', b: '1:B0', d: { key: 1, error: fields(generationError(1)) }, x: { key: 0, error: fields(error) } },
          error,
        );
      });
    });

    test('an event for a generation after its stream-error is a StreamOrderError for every open group and the result', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-d-b-e-z-|', values);
        const error = new StreamOrderError({
          protocol: 'generate',
          reason: 'after-terminal',
          eventType: 'text-generation',
          index: 1,
          expected: 'no event for generation 1 after its "stream-error"',
          partial: [0],
        });
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe(
          '-a-b-d-(x#)',
          { a: '0:A0', b: '1:B0', d: { key: 1, error: fields(generationError(1)) }, x: { key: 0, error: fields(error) } },
          error,
        );
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    test('a second stream-error for the same generation is a StreamOrderError too', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new StreamOrderError({
          protocol: 'generate',
          reason: 'after-terminal',
          eventType: 'stream-error',
          index: 1,
          expected: 'no event for generation 1 after its "stream-error"',
          partial: [],
        });
        expectObservable(keys(cold('-d-d-z', values).pipe(groupGenerationsByIndex()))).toBe('-d-#', { d: 1 }, error);
      });
    });

    test('events after stream-end are not read', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-z-a-d-|', values);
        expectObservable(flatten(source.pipe(groupGenerationsByIndex()))).toBe('-a-(x|)', { a: '0:A0', x: '0|' });
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    test('unsubscribing from the result while a group is subscribed keeps the source, as rxjs groupBy does', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-e-b-a-z-|', values);
        const firstGroupOnly = (groups: Observable<GroupedObservable<number, GenerateTextGenerationEvent>>) =>
          groups.pipe(
            take(1),
            mergeMap((group) => group.pipe(take(2))),
            map((event) => event.text),
          );
        const out = { a: 'A0', e: 'A1' };
        expectObservable(firstGroupOnly(source.pipe(groupGenerationsByIndex()))).toBe('-a---(e|)', out);
        expectObservable(firstGroupOnly(source.pipe(groupBy((event) => (event as GenerateEvent).index ?? 0)) as never)).toBe('-a---(e|)', out);
        expectSubscriptions(source.subscriptions).toBe(['^----!', '^----!']);
      });
    });

    test('a group subscribed after it ended only sees how it ended, as with rxjs groupBy', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const late: GroupedObservable<number, GenerateTextGenerationEvent>[] = [];
        const source = cold('-a-b-d-z-|', values);
        source.pipe(groupGenerationsByIndex()).subscribe((group) => late.push(group));
        const later = cold('----------(a|)').pipe(mergeMap(() => flatten(from(late) as Groups)));
        expectObservable(later).toBe('----------(xy|)', { x: '0|', y: { key: 1, error: fields(generationError(1)) } });
      });
    });
  });

  describe('checklist', () => {
    test('stops a synchronous source once the consumer has enough groups', () => {
      const sent: number[] = [];
      const source = new Observable<GenerateEvent>((subscriber) => {
        for (let i = 0; !subscriber.closed && i < 100; i++) {
          sent.push(i);
          subscriber.next(generateEvent.text(i, 'x'));
        }
      });
      source.pipe(groupGenerationsByIndex(), take(3)).subscribe();
      expect(sent).toEqual([0, 1, 2]);
    });

    test('finalizes after complete, after error and on unsubscribe', () => {
      const order: string[] = [];
      const groupsDone: string[] = [];
      const watch = (label: string) => (groups: Groups) =>
        groups.pipe(
          mergeMap((group) => group.pipe(finalize(() => groupsDone.push(`${label} ${group.key}`)))),
          finalize(() => order.push(label)),
        );
      of(generateEvent.text(0, 'a'), end).pipe(groupGenerationsByIndex(), watch('complete')).subscribe();
      of(generateEvent.text(0, 'a'))
        .pipe(groupGenerationsByIndex(), watch('error'))
        .subscribe({ error: () => undefined });
      new Observable<GenerateEvent>((subscriber) => subscriber.next(generateEvent.text(0, 'a')))
        .pipe(groupGenerationsByIndex(), watch('unsubscribe'))
        .subscribe()
        .unsubscribe();
      expect(order).toEqual(['complete', 'error', 'unsubscribe']);
      expect(groupsDone).toEqual(['complete 0', 'error 0', 'unsubscribe 0']);
    });
  });

  // A terminal text chunk alone opens one group and completes; text without it is an IncompleteStreamError.
  operatorChecklist<GenerateEvent>(groupGenerationsByIndex, () => generateEvent.text(0, 'x', true), generateEvent.text(0, 'x'), { take: 1, sent: 1 });

  fixtureTest('generate-multi-excerpt.jsonl gives two groups, each with its one chunk, both complete', () => {
    const seen: string[] = [];
    let completed = false;
    from([fixtureText('generate-multi-excerpt.jsonl')])
      .pipe(jsonFrames(), decodeEvents(generate), groupGenerationsByIndex(), (groups: Groups) => flatten(groups))
      .subscribe({ next: (value) => seen.push(typeof value === 'string' ? value : JSON.stringify(value)), complete: () => (completed = true) });
    expect(seen).toEqual(['0: Hi', '1: Hi', '0|', '1|']);
    expect(completed).toBe(true);
  });
});
