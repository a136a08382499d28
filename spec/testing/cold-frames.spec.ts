import { of, throwError, timeout } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  accumulateChat,
  accumulateGenerate,
  chatV2,
  ConnectionError,
  decodeEvents,
  generate,
  IncompleteStreamError,
  jsonFrames,
  sseFrames,
  StreamTimeoutError,
  textDeltas,
} from '../../lib/index';
import {
  chatResponseOf,
  chatV2Events,
  coldFrames,
  createMarbleScheduler,
  errorFields,
  frameMarble,
  generateEndOf,
  generateEvents,
  observableMatcher,
  toJsonLines,
  toSseFrames,
} from '../../lib/testing/index';
import { createScheduler } from '../helpers/marbles';

const script = { text: ['Hello', ', world'] };
const frames = toSseFrames(chatV2Events(script));

describe('coldFrames', () => {
  test('one frame per frame of virtual time: the answer when message-end arrives, completion at [DONE]', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = coldFrames(cold, frames);
      expectObservable(source.pipe(sseFrames(), decodeEvents(chatV2), accumulateChat())).toBe('-----a|', { a: chatResponseOf(script) });
      expectSubscriptions(source.subscriptions).toBe('^-----!');
    });
  });

  test('every N frames, with a pause: the text deltas arrive on that rhythm', () => {
    createScheduler().run(({ cold, expectObservable }) => {
      const source = coldFrames(cold, frames, { every: 3, pauses: [{ after: 2, frames: 10 }] });
      expectObservable(source.pipe(sseFrames(), decodeEvents(chatV2), textDeltas())).toBe('------a 12ms b--------|', { a: 'Hello', b: ', world' });
    });
  });

  test('a stall: no completion, so a timeout of your own pipeline fires in virtual time', () => {
    createScheduler().run(({ cold, expectObservable }) => {
      const stalled = coldFrames(cold, frames.slice(0, 3), { ending: 'stall' });
      const guarded = stalled.pipe(sseFrames(), decodeEvents(chatV2), textDeltas(), timeout({ each: 100, with: () => of('(stalled)') }));
      expectObservable(guarded).toBe('--a 99ms (b|)', { a: 'Hello', b: '(stalled)' });
      expectObservable(stalled, '^ 1000ms !').toBe('abc', { a: frames[0], b: frames[1], c: frames[2] });
    });
  });

  test('an error ending: the pipeline reports the cut as IncompleteStreamError with the cause', () => {
    const cut = new ConnectionError({ endpoint: 'v2/chat', framesReceived: 3, cause: new Error('connection reset') });
    createScheduler().run(({ cold, expectObservable }) => {
      const source = coldFrames(cold, frames.slice(0, 3), { ending: 'error', error: cut });
      const partial = {
        id: 'resp-1',
        message: { role: 'assistant', content: [{ type: 'text', text: 'Hello' }], tool_plan: '', tool_calls: [], citations: [] },
        indexes: { content: [0], tool_calls: [], citations: [] },
        finish_reason: undefined,
        usage: undefined,
        error: undefined,
        logprobs: undefined,
        complete: false,
      };
      const expected = new IncompleteStreamError({
        protocol: 'chatV2',
        expected: 'message-end',
        partial,
        lastEvent: chatV2Events(script)[2],
        eventCount: 3,
        cause: cut,
      });
      expectObservable(source.pipe(sseFrames(), decodeEvents(chatV2), accumulateChat())).toBe('---#', undefined, expected);
    });
  });

  test('an explicit marble: each value character is the next frame, whatever the character', () => {
    createScheduler().run(({ cold, expectObservable }) => {
      const lines = toJsonLines(generateEvents({ generations: [['A', 'a'], ['B']] }));
      const source = coldFrames(cold, lines, { marble: 'x-x 5ms (xx)|' });
      expectObservable(source.pipe(jsonFrames(), decodeEvents(generate), accumulateGenerate())).toBe('--------a---|', {
        a: generateEndOf({ generations: [['A', 'a'], ['B']] }),
      });
    });
  });

  test('with a TestScheduler outside run(), where one - is 10 frames', () => {
    const scheduler = new TestScheduler(observableMatcher((actual, expected) => expect(actual).toEqual(expected)));
    const source = coldFrames<string>(scheduler, ['a', 'b'], { every: 2 });
    scheduler.expectObservable(source).toBe('a-b-|', { a: 'a', b: 'b' });
    scheduler.flush();
  });

  test('frameMarble: the marble, its values and its error; a marble with the wrong number of values is a RangeError', () => {
    const { marble, values } = frameMarble(['x', 'y'], { every: 2, ending: 'stall' });
    expect([...marble].filter((character) => character === '-')).toHaveLength(2);
    expect(Object.values(values)).toEqual(['x', 'y']);
    expect(() => frameMarble(['x'], { marble: 'a-b|' })).toThrow(RangeError);
    expect(() => frameMarble(['x'], { every: 0 })).toThrow(RangeError);
    expect([...frameMarble(Array.from({ length: 70_000 }, (_, i) => i)).marble]).toHaveLength(70_001);
  });
});

describe('marble assertions compare errors by class and fields', () => {
  const run = (actual: Error, expected: Error) =>
    createMarbleScheduler((a, e) => expect(a).toEqual(e)).run(({ expectObservable }) => {
      expectObservable(throwError(() => actual)).toBe('#', undefined, expected);
    });

  test('the same class, message and fields pass; another class or another field fails, though the message is the same', () => {
    expect(() =>
      run(
        new StreamTimeoutError({ endpoint: 'v2/chat', phase: 'idle', limitMs: 100, framesReceived: 3 }),
        new StreamTimeoutError({ endpoint: 'v2/chat', phase: 'idle', limitMs: 100, framesReceived: 3 }),
      ),
    ).not.toThrow();
    expect(() => run(new TypeError('same'), new Error('same'))).toThrow();
    expect(() =>
      run(
        new StreamTimeoutError({ endpoint: 'v2/chat', phase: 'idle', limitMs: 100, framesReceived: 3 }),
        new StreamTimeoutError({ endpoint: 'v2/chat', phase: 'idle', limitMs: 100, framesReceived: 4 }),
      ),
    ).toThrow();
  });

  test('errorFields: own enumerable fields (errors among them as fields too), class and message; no stack, no constructor cause', () => {
    const error = new IncompleteStreamError({
      protocol: 'chatV2',
      expected: 'message-end',
      partial: undefined,
      lastEvent: undefined,
      eventCount: 0,
      cause: new ConnectionError({ endpoint: 'v2/chat', framesReceived: 0, cause: new Error('x') }),
    });
    const fields = errorFields(Object.assign(error, { attached: new TypeError('boom') }));
    expect(fields).toMatchObject({
      class: 'IncompleteStreamError',
      name: 'IncompleteStreamError',
      protocol: 'chatV2',
      eventCount: 0,
      attached: { class: 'TypeError', message: 'boom' },
    });
    expect(fields).not.toHaveProperty('stack');
    expect(fields).not.toHaveProperty('cause');
    expect(errorFields('not an error')).toEqual({ notAnError: 'not an error' });
  });
});
