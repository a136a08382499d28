import { concatMap, finalize, lastValueFrom, map, take, tap, toArray } from 'rxjs';
import { accumulateChat, chatV2, decodeEvents, IncompleteStreamError, InvalidOptionError, RecordedStreamError, sseFrames } from '../../lib/index';
import { chatResponseOf, chatV2Events, readCassette, replayCassette, toSseFrames } from '../../lib/testing/index';
import { cassetteText, chunkLine, HEADER } from '../helpers/cassettes';
import { operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

const decoder = new TextDecoder();
const text = (bytes: Uint8Array) => decoder.decode(bytes);

/** Chunks a, b, c at 10, 30 and 30 ms, the end at 100 ms. */
const timed = (end: object = { take: 1, t: 100, end: 'complete' }) => cassetteText(HEADER, chunkLine(10, 'a'), chunkLine(30, 'b'), chunkLine(30, 'c'), end);

describe('replayCassette: timing', () => {
  test.each<[number | undefined, string]>([
    [undefined, '10ms a 19ms (bc) 66ms |'],
    [1, '10ms a 19ms (bc) 66ms |'],
    [2, '5ms a 9ms (bc) 31ms |'],
    [0.5, '20ms a 39ms (bc) 136ms |'],
  ])('speed %s: each chunk at its recorded time divided by the speed, chunks recorded together emitted together', (speed, marble) => {
    createScheduler().run(({ expectObservable }) => {
      expectObservable(replayCassette(timed(), { speed }).pipe(map(text))).toBe(marble, { a: 'a', b: 'b', c: 'c' });
    });
  });

  test('a gap over a minute (a stall) is replayed as one minute, before the speed divides it', () => {
    const stalled = cassetteText(HEADER, chunkLine(10, 'a'), chunkLine(600_010, 'b'), { take: 1, t: 600_020, end: 'complete' });
    createScheduler().run(({ expectObservable }) => {
      expectObservable(replayCassette(stalled).pipe(map(text))).toBe('10ms a 59999ms b 9ms |', { a: 'a', b: 'b' });
      expectObservable(replayCassette(stalled, { speed: 10 }).pipe(map(text))).toBe('1ms a 5999ms b 0ms |', { a: 'a', b: 'b' });
    });
  });

  test('speed: Infinity emits every chunk and the end synchronously, with no timer', () => {
    jest.useFakeTimers();
    try {
      const { values, completed } = settle(replayCassette(timed(), { speed: Infinity }).pipe(map(text)));
      expect(values).toEqual(['a', 'b', 'c']);
      expect(completed).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  test('unsubscribing clears the pending timer', () => {
    jest.useFakeTimers();
    try {
      const values: string[] = [];
      const subscription = replayCassette(timed())
        .pipe(map(text))
        .subscribe((value) => values.push(value));
      jest.advanceTimersByTime(15);
      expect(values).toEqual(['a']);
      expect(jest.getTimerCount()).toBe(1);
      subscription.unsubscribe();
      expect(jest.getTimerCount()).toBe(0);
      jest.advanceTimersByTime(1000);
      expect(values).toEqual(['a']);
    } finally {
      jest.useRealTimers();
    }
  });

  test('is cold: each subscription replays the take from its start', () => {
    createScheduler().run(({ cold, expectObservable }) => {
      const replay = replayCassette(timed()).pipe(map(text));
      expectObservable(cold('20ms x|').pipe(map(() => 0))).toBe('20ms x|', { x: 0 });
      expectObservable(replay, '^ 40ms !').toBe('10ms a 19ms (bc)', { a: 'a', b: 'b', c: 'c' });
      expectObservable(replay).toBe('10ms a 19ms (bc) 66ms |', { a: 'a', b: 'b', c: 'c' });
    });
  });
});

describe('replayCassette: the rxjs checklist', () => {
  /** A take of `count` one-byte chunks, all at 0 ms, ending as `end` says. */
  const chunks = (count: number, end: 'complete' | 'error' = 'complete') =>
    cassetteText(HEADER, ...Array.from({ length: count }, (_, i) => chunkLine(0, String(i % 10))), { take: 1, t: 0, end });

  describe('as the inner Observable of concatMap (cassettes replayed one after another)', () => {
    operatorChecklist(
      () => concatMap((cassette: string) => replayCassette(cassette, { speed: Infinity })),
      () => chunks(1),
      chunks(1, 'error'),
    );
  });

  test('a synchronous replay stops once the consumer has enough', () => {
    const emitted: number[] = [];
    const { values, completed } = settle(
      replayCassette(chunks(100), { speed: Infinity }).pipe(
        tap(() => emitted.push(emitted.length)),
        take(3),
        map(text),
      ),
    );
    expect(values).toEqual(['0', '1', '2']);
    expect(emitted).toHaveLength(3);
    expect(completed).toBe(true);
  });

  test.each([
    ['complete', chunks(2), 'complete'],
    ['error', chunks(2, 'error'), 'error'],
  ] as const)('finalizes after %s', (_, cassette, outcome) => {
    const order: string[] = [];
    replayCassette(cassette, { speed: Infinity })
      .pipe(finalize(() => order.push('finalized')))
      .subscribe({ complete: () => order.push('complete'), error: () => order.push('error') });
    expect(order).toEqual([outcome, 'finalized']);
  });

  test('an empty take completes at its recorded end; unsubscribing ends the replay there', () => {
    createScheduler().run(({ expectObservable }) => {
      expectObservable(replayCassette(cassetteText(HEADER, { take: 1, t: 5, end: 'complete' }))).toBe('5ms |');
      expectObservable(replayCassette(timed()).pipe(map(text)), '^ 20ms !').toBe('10ms a', { a: 'a' });
    });
  });
});

describe('replayCassette: bytes and endings', () => {
  test('the same bytes, cut at the same places: a character split across chunks stays split', () => {
    const bytes = new TextEncoder().encode('é🐧');
    const cassette = cassetteText(HEADER, chunkLine(1, bytes.subarray(0, 1)), chunkLine(2, bytes.subarray(1, 3)), chunkLine(3, bytes.subarray(3)), {
      take: 1,
      t: 4,
      end: 'complete',
    });
    const { values } = settle(replayCassette(cassette, { speed: Infinity }));
    expect(values.map((chunk) => [...chunk])).toEqual([[...bytes.subarray(0, 1)], [...bytes.subarray(1, 3)], [...bytes.subarray(3)]]);
  });

  test('a take whose source failed: the chunks, then a RecordedStreamError at the recorded time', () => {
    const error = { name: 'ConnectionError', message: 'The connection for POST /v2/chat dropped after 1 frame(s)' };
    createScheduler().run(({ expectObservable }) => {
      const expected = new RecordedStreamError({ endpoint: 'v2/chat', ending: 'error', recorded: error, chunksReplayed: 3 });
      expectObservable(replayCassette(timed({ take: 1, t: 100, end: 'error', error })).pipe(map(text))).toBe(
        '10ms a 19ms (bc) 66ms #',
        { a: 'a', b: 'b', c: 'c' },
        expected,
      );
    });
    expect(new RecordedStreamError({ endpoint: 'v2/chat', ending: 'error', recorded: error, chunksReplayed: 3 }).message).toBe(
      'The recorded stream of POST /v2/chat ended with ConnectionError: The connection for POST /v2/chat dropped after 1 frame(s) when it was recorded; ' +
        '3 chunk(s) were replayed before. What arrived is incomplete, as it was then.',
    );
  });

  test('a take whose reader stopped: a RecordedStreamError saying so, with the reason when there was one', () => {
    const { error } = settle(replayCassette(timed({ take: 1, t: 100, end: 'stopped' }), { speed: Infinity }));
    expect(error).toBeInstanceOf(RecordedStreamError);
    expect(error).toMatchObject({ ending: 'stopped', recorded: undefined, chunksReplayed: 3 });
    expect((error as Error).message).toContain('stops where its reader stopped reading when it was recorded (unsubscribed)');
    const reason = { name: 'StreamTimeoutError', message: 'stalled' };
    expect(settle(replayCassette(timed({ take: 1, t: 100, end: 'stopped', error: reason }), { speed: Infinity })).error).toMatchObject({ recorded: reason });
  });

  test('through sseFrames, decodeEvents and accumulateChat: the final response; a take cut short: IncompleteStreamError with the partial', async () => {
    const script = { text: ['Hello', ', world'] };
    const frames = toSseFrames(chatV2Events(script));
    const lines = frames.map((frame, at) => chunkLine(at * 5, frame));
    const whole = cassetteText(HEADER, ...lines, { take: 1, t: 100, end: 'complete' });
    expect(await lastValueFrom(replayCassette(whole, { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()))).toEqual(
      chatResponseOf(script),
    );
    const cut = cassetteText(HEADER, ...lines.slice(0, 4), { take: 1, t: 100, end: 'error', error: { name: 'ConnectionError', message: 'terminated' } });
    const failure = await lastValueFrom(replayCassette(cut, { speed: Infinity }).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat())).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(IncompleteStreamError);
    expect(failure).toMatchObject({ eventCount: 4, partial: { message: { content: [{ type: 'text', text: 'Hello, world' }] } } });
    expect((failure as Error).cause).toBeInstanceOf(RecordedStreamError);
  });

  test('takes a take readCassette read, and the take option', () => {
    const two = cassetteText(HEADER, chunkLine(1, 'one'), { take: 1, t: 2, end: 'complete' }, { ...HEADER, take: 2 }, chunkLine(1, 'two', 2), {
      take: 2,
      t: 2,
      end: 'complete',
    });
    expect(settle(replayCassette(readCassette(two, { take: 1 }), { speed: Infinity }).pipe(map(text))).values).toEqual(['one']);
    expect(settle(replayCassette(two, { speed: Infinity }).pipe(map(text))).values).toEqual(['two']);
    expect(settle(replayCassette(two, { speed: Infinity, take: 1 }).pipe(map(text), take(1))).values).toEqual(['one']);
  });
});

describe('replayCassette: checks at the call', () => {
  test.each<[unknown, string]>([
    [0, '0'],
    [-1, '-1'],
    [0.001, '0.001'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    ['2', 'the string "2"'],
    [null, 'null'],
  ])('speed %p is an InvalidOptionError', (speed, received) => {
    const call = () => replayCassette(timed(), { speed: speed as number });
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(`The option speed accepts a number of at least 0.01, received ${received}.`);
  });

  test('a bad cassette is a CassetteFormatError before anything is subscribed; something else than a cassette an InvalidOptionError', () => {
    expect(() => replayCassette('{"cassette":1}\n')).toThrow('Line 1 of the cassette: expected a take number from 1 to 10000 ("take"), received nothing.');
    expect(() => replayCassette({} as never)).toThrow(InvalidOptionError);
  });

  test('speed 0.01 and Infinity are accepted', async () => {
    expect(() => replayCassette(timed(), { speed: 0.01 })).not.toThrow();
    expect(await lastValueFrom(replayCassette(timed(), { speed: Infinity }).pipe(toArray()))).toHaveLength(3);
  });
});
