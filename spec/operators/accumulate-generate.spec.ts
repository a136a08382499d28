import { finalize, from, Observable, of, take } from 'rxjs';
import type { UnknownEvent } from '../../lib/decoding/decoder';
import { emptyGenerateSnapshot, toGenerateStreamEnd, reduceGenerate, type GenerateSnapshot } from '../../lib/accumulate/generate-reducer';
import { generate } from '../../lib/decoding/protocols';
import type { GenerateEvent, GenerateStreamEnd } from '../../lib/decoding/schemas/generate-events';
import { GenerationError, IncompleteStreamError, StreamOrderError, TextMismatchError } from '../../lib/errors/index';
import { accumulateGenerate } from '../../operators/accumulate-generate';
import { decodeEvents } from '../../operators/decode-events';
import { jsonFrames } from '../../operators/json-frames';
import { fixtureTest, fixtureText } from '../helpers/fixtures';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { generateEvent, unknownEvent } from '../../lib/testing/index';
import { settle } from '../helpers/settle';

/** Runs events through the reducer, as accumulateGenerate does. */
const fold = (events: GenerateEvent[]): GenerateSnapshot => events.reduce(reduceGenerate, emptyGenerateSnapshot);
const accumulate = (events: (GenerateEvent | UnknownEvent)[]) => settle(from(events).pipe(accumulateGenerate()));

// The seed case: three interleaved generations; generation 1 fails, 0 and 2 complete.
const seed: GenerateEvent[] = [
  generateEvent.text(0, ' The'),
  generateEvent.text(1, ' A'),
  generateEvent.text(2, ' One'),
  generateEvent.error(1),
  generateEvent.text(0, ' sky'),
  generateEvent.text(2, ' day'),
  generateEvent.text(0, '.'),
  generateEvent.text(2, '!'),
];
const seedResponse: GenerateStreamEnd = {
  id: 'r1',
  prompt: 'Write',
  generations: [
    { id: 'g0', index: 0, text: ' The sky.', finish_reason: 'COMPLETE' },
    { id: 'g1', index: 1, text: ' A', finish_reason: 'ERROR' },
    { id: 'g2', index: 2, text: ' One day!', finish_reason: 'COMPLETE' },
  ],
};

describe('reduceGenerate', () => {
  test('appends text per generation in order of first appearance and records a failure', () => {
    expect(fold(seed)).toEqual({
      generations: [
        { index: 0, text: ' The sky.', chunks: 3, streamError: undefined },
        { index: 1, text: ' A', chunks: 1, streamError: generateEvent.error(1) },
        { index: 2, text: ' One day!', chunks: 3, streamError: undefined },
      ],
      indexes: [0, 1, 2],
      terminal: undefined,
    });
  });

  test('never changes an earlier snapshot, and shares the generations an EOS chunk does not touch', () => {
    const snapshots = [emptyGenerateSnapshot];
    const copies = [JSON.stringify(emptyGenerateSnapshot)];
    for (const event of [...seed, generateEvent.text(0, '<EOS_TOKEN>'), generateEvent.end()]) {
      const next = reduceGenerate(snapshots.at(-1) as GenerateSnapshot, event);
      snapshots.push(next);
      copies.push(JSON.stringify(next));
    }
    expect(snapshots.map((s) => JSON.stringify(s))).toEqual(copies);
    expect(snapshots[snapshots.length - 2]).toBe(snapshots[snapshots.length - 3]); // the EOS chunk changed nothing
    expect(snapshots.at(-1)?.generations).toBe(snapshots[snapshots.length - 2]?.generations); // stream-end copies no list
    expect(Object.isFrozen(emptyGenerateSnapshot.generations)).toBe(true);
  });

  test('copies only the list of generations per text event, not their texts', () => {
    const before = fold([generateEvent.text(0, 'a'), generateEvent.text(1, 'b')]);
    const after = reduceGenerate(before, generateEvent.text(1, 'c'));
    expect(after.generations[0]).toBe(before.generations[0]);
    expect(after.generations[1]).toEqual({ index: 1, text: 'bc', chunks: 2, streamError: undefined });
  });

  test('a generation may fail before its first text', () => {
    expect(fold([generateEvent.error(3)]).generations).toEqual([{ index: 3, text: '', chunks: 0, streamError: generateEvent.error(3) }]);
  });

  test('builds the result from the deltas without a response: sorted by index, failure kept', () => {
    expect(
      toGenerateStreamEnd(
        fold([
          generateEvent.text(2, ' One'),
          generateEvent.error(1),
          generateEvent.text(0, ' The'),
          generateEvent.text(2, ' day!'),
          generateEvent.text(0, ' sky.'),
          generateEvent.end(),
        ]),
      ),
    ).toEqual({
      generations: [
        { index: 0, text: ' The sky.', finish_reason: 'COMPLETE' },
        { index: 1, text: '', finish_reason: 'ERROR', err: 'overloaded' },
        { index: 2, text: ' One day!', finish_reason: 'COMPLETE' },
      ],
    });
  });
});

describe('accumulateGenerate', () => {
  describe('the seed case: 3 interleaved generations, 1 fails, 0 and 2 complete', () => {
    test('with a full response: the response, checked, the failed generation keeping its err', () => {
      const { values, completed } = accumulate([...seed, generateEvent.end(seedResponse)]);
      expect(values).toEqual([
        {
          ...seedResponse,
          generations: [seedResponse.generations?.[0], { ...seedResponse.generations?.[1], err: 'overloaded' }, seedResponse.generations?.[2]],
        },
      ]);
      expect(completed).toBe(true);
    });

    test('with a response that leaves the failed generation out: it is added from the stream', () => {
      const response = { ...seedResponse, generations: [seedResponse.generations?.[0] ?? {}, seedResponse.generations?.[2] ?? {}] };
      expect(accumulate([...seed, generateEvent.end(response)]).values).toEqual([
        { ...response, generations: [...response.generations, { index: 1, text: ' A', finish_reason: 'ERROR', err: 'overloaded' }] },
      ]);
    });

    test('a failure reason in the response wins over the stream-error', () => {
      const response = { generations: [{ index: 0, text: 'x', finish_reason: 'ERROR_TOXIC', err: 'from the response' }] };
      expect(accumulate([generateEvent.text(0, 'x'), generateEvent.error(0), generateEvent.end(response)]).values).toEqual([response]);
    });

    test('Bedrock style, without a response: built from the deltas with the stream-end finish_reason and id', () => {
      expect(accumulate([...seed, generateEvent.end(undefined, { id: 'bedrock-1', finish_reason: 'MAX_TOKENS' })]).values).toEqual([
        {
          id: 'bedrock-1',
          generations: [
            { index: 0, text: ' The sky.', finish_reason: 'MAX_TOKENS' },
            { index: 1, text: ' A', finish_reason: 'ERROR', err: 'overloaded' },
            { index: 2, text: ' One day!', finish_reason: 'MAX_TOKENS' },
          ],
        },
      ]);
    });
  });

  test('a response without generations keeps its members and gets the generations from the deltas', () => {
    expect(
      accumulate([generateEvent.text(undefined, 'Hi'), generateEvent.end({ id: 'r9', prompt: 'p', meta: { api_version: { version: '1' } } })]).values,
    ).toEqual([{ id: 'r9', prompt: 'p', meta: { api_version: { version: '1' } }, generations: [{ index: 0, text: 'Hi', finish_reason: 'COMPLETE' }] }]);
  });

  test('<EOS_TOKEN> chunks are not part of the text', () => {
    const events = [generateEvent.text(0, ' Hi'), generateEvent.text(0, ' there'), generateEvent.text(0, '<EOS_TOKEN>')];
    expect(accumulate([...events, generateEvent.end({ generations: [{ text: ' Hi there' }] })]).values).toEqual([{ generations: [{ text: ' Hi there' }] }]);
    expect(accumulate([...events, generateEvent.end()]).values).toEqual([{ generations: [{ index: 0, text: ' Hi there', finish_reason: 'COMPLETE' }] }]);
  });

  test('a text-generation with is_finished: true is the terminal event', () => {
    expect(accumulate([generateEvent.text(0, 'a'), generateEvent.text(0, 'b', true)]).values).toEqual([{ generations: [{ index: 0, text: 'ab' }] }]);
    expect(accumulate([generateEvent.text(0, 'a'), generateEvent.text(0, '<EOS_TOKEN>', true)]).values).toEqual([{ generations: [{ index: 0, text: 'a' }] }]);
  });

  test('old-format frames without event_type, decoded first: a missing index is 0', () => {
    const frames = [
      { text: ' LL', is_finished: false },
      { index: 1, text: 'M', is_finished: false },
      { is_finished: true, err: 'overloaded', finish_reason: 'ERROR', index: 1 },
      { text: 'ama', is_finished: false },
      { is_finished: true, finish_reason: 'COMPLETE', response: { id: 'g1', generations: [{ id: 'a', text: ' LLama', index: 0 }] } },
    ];
    const { values } = settle(from(frames).pipe(decodeEvents(generate), accumulateGenerate()));
    expect(values).toEqual([
      {
        id: 'g1',
        generations: [
          { id: 'a', text: ' LLama', index: 0 },
          { index: 1, text: 'M', finish_reason: 'ERROR', err: 'overloaded' },
        ],
      },
    ]);
    const bedrock = settle(
      from(frames.slice(0, 4).concat({ is_finished: true, finish_reason: 'COMPLETE' } as never)).pipe(decodeEvents(generate), accumulateGenerate()),
    );
    expect(bedrock.values).toEqual([
      {
        generations: [
          { index: 0, text: ' LLama', finish_reason: 'COMPLETE' },
          { index: 1, text: 'M', finish_reason: 'ERROR', err: 'overloaded' },
        ],
      },
    ]);
  });

  test('unknown events are skipped', () => {
    expect(accumulate([unknownEvent(), generateEvent.text(0, 'a'), unknownEvent(), generateEvent.end()]).values).toEqual([
      { generations: [{ index: 0, text: 'a', finish_reason: 'COMPLETE' }] },
    ]);
  });

  describe('checking the response against the streamed text', () => {
    test('a difference is a TextMismatchError naming the generation', () => {
      const response = {
        generations: [
          { index: 0, text: ' The sky.' },
          { index: 1, text: ' A' },
          { index: 2, text: ' One night!' },
        ],
      };
      const { error } = accumulate([...seed, generateEvent.end(response)]);
      expect(error).toBeInstanceOf(TextMismatchError);
      expect(error).toMatchObject({
        name: 'TextMismatchError',
        protocol: 'generate',
        generationIndex: 2,
        offset: 5,
        streamed: ' One day!',
        final: ' One night!',
      });
    });

    test('a generation with no text event at all is taken from the response as it is', () => {
      const response = {
        generations: [
          { index: 0, text: 'a' },
          { index: 1, text: 'never streamed' },
        ],
      };
      expect(accumulate([generateEvent.text(0, 'a'), generateEvent.end(response)]).values).toEqual([response]);
      expect(accumulate([generateEvent.end(response)]).values).toEqual([response]);
    });

    test('a generation that failed before any text is taken from the response, with the err added', () => {
      const response = {
        generations: [
          { index: 0, text: 'a' },
          { index: 1, text: 'not streamed', finish_reason: 'ERROR' },
        ],
      };
      expect(accumulate([generateEvent.text(0, 'a'), generateEvent.error(1), generateEvent.end(response)]).values).toEqual([
        {
          generations: [
            { index: 0, text: 'a' },
            { index: 1, text: 'not streamed', finish_reason: 'ERROR', err: 'overloaded' },
          ],
        },
      ]);
    });

    test('a generation whose text events carried only an EOS marker has no streamed text to check', () => {
      const response = { generations: [{ index: 0, text: 'lost' }] };
      expect(accumulate([generateEvent.text(0, '<EOS_TOKEN>'), generateEvent.end(response)]).values).toEqual([response]);
    });

    test('streamed text for a generation is checked even when it is empty', () => {
      const { error } = accumulate([generateEvent.text(0, ''), generateEvent.end({ generations: [{ index: 0, text: 'final' }] })]);
      expect(error).toMatchObject({ name: 'TextMismatchError', generationIndex: 0, streamed: '', final: 'final' });
    });

    test('streamed text for a generation the response leaves out (and that did not fail) is a TextMismatchError', () => {
      const { error } = accumulate([generateEvent.text(0, 'a'), generateEvent.text(1, 'b'), generateEvent.end({ generations: [{ index: 0, text: 'a' }] })]);
      expect(error).toMatchObject({ name: 'TextMismatchError', generationIndex: 1, streamed: 'b', final: '' });
    });

    fixtureTest('generate-multi-excerpt.jsonl (one chunk per generation, full text only in stream-end) is a TextMismatchError', () => {
      const { values, error } = settle(from([fixtureText('generate-multi-excerpt.jsonl')]).pipe(jsonFrames(), decodeEvents(generate), accumulateGenerate()));
      expect(values).toEqual([]);
      expect(error).toBeInstanceOf(TextMismatchError);
      expect(error).toMatchObject({ generationIndex: 0, offset: 3, streamed: ' Hi', final: ' Hi there! How can I assist you today? ' });
    });
  });

  describe('marbles', () => {
    const values: Record<string, GenerateEvent | UnknownEvent> = {
      a: generateEvent.text(0, 'A'),
      b: generateEvent.text(1, 'B'),
      d: generateEvent.error(1),
      c: generateEvent.text(0, 'C'),
      u: unknownEvent(),
      z: generateEvent.end(),
    };
    const result = {
      generations: [
        { index: 0, text: 'AC', finish_reason: 'COMPLETE' },
        { index: 1, text: 'B', finish_reason: 'ERROR', err: 'overloaded' },
      ],
    };
    const snapshot = (events: GenerateEvent[]) => fold(events);
    const incompleteEmpty = new IncompleteStreamError({
      protocol: 'generate',
      expected: 'stream-end',
      partial: undefined,
      lastEvent: undefined,
      eventCount: 0,
    });

    test('one value when the terminal event arrives; completes with the source', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-u-d-c-z---|', values);
        expectObservable(source.pipe(accumulateGenerate())).toBe('-----------r---|', { r: result });
        expectSubscriptions(source.subscriptions).toBe('^--------------!');
      });
    });

    marbleChecklist<GenerateEvent | UnknownEvent, GenerateStreamEnd>({
      operator: () => accumulateGenerate(),
      values,
      error: { source: '-a-#', expected: '---#' },
      empty: {
        is: 'is an IncompleteStreamError without a partial value or last event, and so is one of unknown events only',
        cases: [
          { source: '|', expected: '#', error: incompleteEmpty },
          { source: '-u-|', expected: '---#', error: incompleteEmpty },
        ],
      },
      unsubscribe: { source: '-a-b-c-z-|', at: '^--!', expected: '----' },
    });

    test('a source ending mid-text: IncompleteStreamError with the partial snapshot and last event', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const partial = snapshot([generateEvent.text(0, 'A'), generateEvent.text(1, 'B')]);
        const error = new IncompleteStreamError({ protocol: 'generate', expected: 'stream-end', partial, lastEvent: values['b'], eventCount: 2 });
        expectObservable(cold('-a-b-|', values).pipe(accumulateGenerate())).toBe('-----#', {}, error);
        expect(partial.generations.map((g) => g.text)).toEqual(['A', 'B']);
      });
    });

    test("a source ending after a stream-error: IncompleteStreamError naming the model's error, caused by the GenerationError", () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const partial = snapshot([generateEvent.text(0, 'A'), generateEvent.text(1, 'B'), generateEvent.error(1)]);
        const cause = new GenerationError({ generationIndex: 1, err: 'overloaded', finishReason: 'ERROR' });
        const error = new IncompleteStreamError({ protocol: 'generate', expected: 'stream-end', partial, lastEvent: values['d'], eventCount: 3, cause });
        expect(error.message).toContain('Generation 1 failed inside the stream (ERROR): overloaded');
        expectObservable(cold('-a-b-d-|', values).pipe(accumulateGenerate())).toBe('-------#', {}, error);
        expect(partial.generations[1]?.streamError).toEqual(generateEvent.error(1));
      });
    });

    test('an event after the terminal event is a StreamOrderError (after-terminal), after the value', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-z-c-|', values);
        const error = new StreamOrderError({
          protocol: 'generate',
          reason: 'after-terminal',
          eventType: 'text-generation',
          index: 0,
          expected: 'nothing after the terminal "stream-end" event',
          partial: snapshot([generateEvent.text(0, 'A'), generateEvent.end()]),
        });
        expectObservable(source.pipe(accumulateGenerate())).toBe('---r-#', { r: { generations: [{ index: 0, text: 'A', finish_reason: 'COMPLETE' }] } }, error);
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    test('a second stream-end is after-terminal too', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new StreamOrderError({
          protocol: 'generate',
          reason: 'after-terminal',
          eventType: 'stream-end',
          expected: 'nothing after the terminal "stream-end" event',
          partial: snapshot([generateEvent.end()]),
        });
        expectObservable(cold('-z-z-|', values).pipe(accumulateGenerate())).toBe('-r-#', { r: { generations: [] } }, error);
      });
    });

    test('an event for a generation after its stream-error is a StreamOrderError', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new StreamOrderError({
          protocol: 'generate',
          reason: 'after-terminal',
          eventType: 'text-generation',
          index: 1,
          expected: 'no event for generation 1 after its "stream-error"',
          partial: snapshot([generateEvent.text(0, 'A'), generateEvent.text(1, 'B'), generateEvent.error(1)]),
        });
        expectObservable(cold('-a-b-d-b-z-|', values).pipe(accumulateGenerate())).toBe('-------#', {}, error);
      });
    });

    test('a TextMismatchError is the error notification at the terminal event', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new TextMismatchError({ protocol: 'generate', generationIndex: 0, streamed: 'A', final: 'B' });
        expectObservable(cold('-a-y-|', { ...values, y: generateEvent.end({ generations: [{ text: 'B' }] }) }).pipe(accumulateGenerate())).toBe(
          '---#',
          {},
          error,
        );
      });
    });
  });

  describe('checklist', () => {
    test('stops a synchronous source once the consumer has enough', () => {
      const sent: number[] = [];
      const source = new Observable<GenerateEvent>((subscriber) => {
        for (let i = 0; !subscriber.closed && i < 100; i++) {
          sent.push(i);
          subscriber.next(i === 2 ? generateEvent.end() : generateEvent.text(0, String(i)));
        }
      });
      source.pipe(accumulateGenerate(), take(1)).subscribe();
      expect(sent).toEqual([0, 1, 2]);
    });

    test('finalizes after complete, after error and on unsubscribe', () => {
      const order: string[] = [];
      of(generateEvent.text(0, 'a'), generateEvent.end())
        .pipe(
          accumulateGenerate(),
          finalize(() => order.push('complete')),
        )
        .subscribe();
      of(generateEvent.text(0, 'a'))
        .pipe(
          accumulateGenerate(),
          finalize(() => order.push('error')),
        )
        .subscribe({ error: () => undefined });
      new Observable<GenerateEvent>(() => undefined)
        .pipe(
          accumulateGenerate(),
          finalize(() => order.push('unsubscribe')),
        )
        .subscribe()
        .unsubscribe();
      expect(order).toEqual(['complete', 'error', 'unsubscribe']);
    });

    test('each subscription folds from the seed', () => {
      const source = from([generateEvent.text(0, 'a'), generateEvent.end()]).pipe(accumulateGenerate());
      expect(settle(source).values).toEqual(settle(source).values);
      expect(settle(source).values).toEqual([{ generations: [{ index: 0, text: 'a', finish_reason: 'COMPLETE' }] }]);
    });
  });

  // A stream-end alone completes; text without it is an IncompleteStreamError.
  operatorChecklist<GenerateEvent>(accumulateGenerate, () => generateEvent.end(), generateEvent.text(0, 'x'), { take: 1, sent: 1 });
});
