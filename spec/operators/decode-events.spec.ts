import { from, lastValueFrom, Observable, toArray } from 'rxjs';
import {
  chatV1,
  chatV2,
  DecodeError,
  decodeEvents,
  FRAME_EXCERPT_LENGTH,
  generate,
  isUnknownEvent,
  SchemaError,
  type ChatV2Event,
  type DecodeOptions,
  type UnknownEvent,
} from '../../lib/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';

const delta = (text: unknown) => ({ type: 'content-delta', index: 0, delta: { message: { content: { text } } } });
const decode = <T extends object>(frames: (string | object)[], run: (source: Observable<string | object>) => Observable<T>) =>
  lastValueFrom(run(from(frames)).pipe(toArray()));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('decodeEvents', () => {
  test('emits validated events from JSON text or parsed objects, exactly as they arrived', async () => {
    const events = await decode(['{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}},"extra":[1]}', delta(' there')], (s) =>
      s.pipe(decodeEvents(chatV2)),
    );
    expect(events).toEqual([{ type: 'content-delta', index: 0, delta: { message: { content: { text: 'Hi' } } }, extra: [1] }, delta(' there')]);
  });

  test('narrows on the discriminator', async () => {
    const [event] = await decode<ChatV2Event>([{ type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: { tokens: { output_tokens: 3 } } } }], (s) =>
      s.pipe(decodeEvents(chatV2)),
    );
    expect(event?.type === 'message-end' ? event.delta?.usage?.tokens?.output_tokens : undefined).toBe(3);
  });

  test('accepts null for optional members, float token counts and unknown enum values', async () => {
    const frames = [
      { type: 'content-delta', index: null, delta: { message: { content: { text: 'a', thinking: null } } } },
      { type: 'message-end', delta: { finish_reason: 'SOMETHING_NEW', usage: { billed_units: { input_tokens: 18.0 } } } },
    ];
    expect(await decode(frames, (s) => s.pipe(decodeEvents(chatV2)))).toEqual(frames);
  });

  test('keeps a "__proto__" member as plain data and pollutes nothing', async () => {
    const [event] = await decode(['{"type":"content-end","index":0,"__proto__":{"polluted":true}}'], (s) => s.pipe(decodeEvents(chatV2)));
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.hasOwn(event as object, '__proto__')).toBe(true);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  describe('generate frames without event_type', () => {
    test('are read by is_finished and get the event_type they stand for', async () => {
      const frames = [
        { text: ' LL', is_finished: false },
        { index: 1, text: 'M', is_finished: false },
        { is_finished: true, err: 'overloaded', finish_reason: 'ERROR', index: 1 },
        { is_finished: true, finish_reason: 'COMPLETE', response: { id: 'g1', generations: [{ id: 'a', text: ' LL', index: 0 }] } },
      ];
      const events = await decode(frames, (s) => s.pipe(decodeEvents(generate)));
      expect(events.map((e) => e.event_type)).toEqual(['text-generation', 'text-generation', 'stream-error', 'stream-end']);
      expect(events[0]).toEqual({ event_type: 'text-generation', text: ' LL', is_finished: false });
      expect(frames[0]).toEqual({ text: ' LL', is_finished: false }); // the caller's object is not changed
    });

    test('err: null is not an error, and an explicit event_type: undefined is inferred like a missing one', async () => {
      const events = await decode(
        [
          { text: 'hi', is_finished: false, err: null },
          { event_type: undefined, text: 'x', is_finished: false },
        ],
        (s) => s.pipe(decodeEvents(generate)),
      );
      expect(events.map((e) => e.event_type)).toEqual(['text-generation', 'text-generation']);
    });

    test('a frame with neither event_type nor is_finished is unknown', async () => {
      const seen: UnknownEvent[] = [];
      const events = await decode([{ text: 'x' }], (s) => s.pipe(decodeEvents(generate, { onUnknownEvent: (e) => seen.push(e) })));
      expect(events).toEqual([]);
      expect(seen).toEqual([{ unknown: true, eventType: undefined, frame: { text: 'x' }, frameIndex: 0 }]);
    });
  });

  describe('unknown event types', () => {
    const frames = [
      '{"event_type":"text-generation","text":"a"}',
      '{"event_type":"brand-new","x":1}',
      '{"event_type":"other-new"}',
      '{"event_type":"stream-end"}',
    ];

    test('are skipped by default, counted and reported to onUnknownEvent', async () => {
      const reported: [string | undefined, number, number][] = [];
      const events = await decode(frames, (s) =>
        s.pipe(decodeEvents(chatV1, { onUnknownEvent: (event, count) => reported.push([event.eventType, count, event.frameIndex]) })),
      );
      expect(events.map((e) => e.event_type)).toEqual(['text-generation', 'stream-end']);
      expect(reported).toEqual([
        ['brand-new', 1, 1],
        ['other-new', 2, 2],
      ]);
    });

    test('are emitted as UnknownEvent with unknownEvents: "emit"', async () => {
      const events = await decode(frames, (s) => s.pipe(decodeEvents(chatV1, { unknownEvents: 'emit' })));
      expect(events.filter(isUnknownEvent)).toEqual([
        { unknown: true, eventType: 'brand-new', frame: { event_type: 'brand-new', x: 1 }, frameIndex: 1 },
        { unknown: true, eventType: 'other-new', frame: { event_type: 'other-new' }, frameIndex: 2 },
      ]);
      expect(events).toHaveLength(4);
    });

    test('a type that is only an inherited member name is unknown, not a crash', async () => {
      const events = await decode([{ type: 'constructor' }, { type: 'toString' }], (s) => s.pipe(decodeEvents(chatV2, { unknownEvents: 'emit' })));
      expect(events.every(isUnknownEvent)).toBe(true);
    });

    test('an error thrown by onUnknownEvent is the stream error', async () => {
      const boom = new Error('boom');
      const error = await failure(
        decode(frames, (s) =>
          s.pipe(
            decodeEvents(chatV1, {
              onUnknownEvent: () => {
                throw boom;
              },
            }),
          ),
        ),
      );
      expect(error).toBe(boom);
    });

    test('each subscription counts from zero', async () => {
      const counts: number[] = [];
      const source = from(frames).pipe(decodeEvents(chatV1, { onUnknownEvent: (_e, count) => counts.push(count) }));
      await lastValueFrom(source.pipe(toArray()));
      await lastValueFrom(source.pipe(toArray()));
      expect(counts).toEqual([1, 2, 1, 2]);
    });
  });

  describe('bad frames', () => {
    test('malformed or truncated JSON is a DecodeError with the frame and its position', async () => {
      const error = await failure(decode(['{"type":"content-end"}', '{"type":"content-delta","delta":'], (s) => s.pipe(decodeEvents(chatV2))));
      expect(error).toBeInstanceOf(DecodeError);
      expect(error).toMatchObject({ name: 'DecodeError', reason: 'invalid-json', frame: '{"type":"content-delta","delta":', frameIndex: 1 });
      expect((error as Error).message).toMatch(/Frame 1 is not valid JSON .*expected one complete JSON object/);
      expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    });

    test('a JSON value that is not an object is a DecodeError', async () => {
      for (const frame of ['42', '"text"', 'null', '[{"type":"content-end"}]']) {
        const error = await failure(decode([frame], (s) => s.pipe(decodeEvents(chatV2))));
        expect(error).toMatchObject({ name: 'DecodeError', reason: 'not-an-object', frame, frameIndex: 0 });
      }
    });

    test('a long offending frame is cut to a bounded excerpt', async () => {
      const frame = `{"type":"content-delta","delta":{"message":{"content":{"text":"${'x'.repeat(10_000)}`;
      const error = (await failure(decode([frame], (s) => s.pipe(decodeEvents(chatV2))))) as DecodeError;
      expect(error.frame.length).toBeLessThan(FRAME_EXCERPT_LENGTH + 40);
      expect(error.frame).toMatch(/… \(\d+ more characters\)$/);
    });

    test('a frame over maxFrameSize is a DecodeError without being parsed', async () => {
      const error = await failure(decode([JSON.stringify(delta('x'.repeat(100)))], (s) => s.pipe(decodeEvents(chatV2, { maxFrameSize: 50 }))));
      expect(error).toMatchObject({ name: 'DecodeError', reason: 'frame-too-large', frameIndex: 0 });
    });

    test('a known event with a member of the wrong type is a SchemaError naming type, path, expected and received', async () => {
      const error = await failure(decode([delta('ok'), delta(42)], (s) => s.pipe(decodeEvents(chatV2))));
      expect(error).toBeInstanceOf(SchemaError);
      expect(error).toMatchObject({
        name: 'SchemaError',
        eventType: 'content-delta',
        path: 'delta.message.content.text',
        expected: 'string',
        received: 'number 42',
        frameIndex: 1,
        frame: JSON.stringify(delta(42)),
      });
      expect((error as Error).message).toContain(
        'chatV2 event "content-delta" (frame 1) does not match its schema at delta.message.content.text: expected string, received number 42',
      );
    });

    test('every mismatch is listed, with array positions in the path', async () => {
      const frame = { event_type: 'citation-generation', citations: [{ start: 0, end: 4, document_ids: ['a', 7] }, { start: 'x' }] };
      const error = (await failure(decode([frame], (s) => s.pipe(decodeEvents(chatV1))))) as SchemaError;
      expect(error.issues.map((i) => [i.path, i.expected, i.received])).toEqual([
        ['citations[0].document_ids[1]', 'string', 'number 7'],
        ['citations[1].start', 'number', 'string "x"'],
      ]);
    });

    test('a required member that is missing is reported as missing', async () => {
      const frame = { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: { type: 'function', function: { name: 'f' } } } } };
      const error = await failure(decode([frame], (s) => s.pipe(decodeEvents(chatV2))));
      expect(error).toMatchObject({ path: 'delta.message.tool_calls.id', expected: 'string', received: 'undefined (missing)' });
    });
  });

  test('accepts options typed as DecodeOptions (the emitted type then includes UnknownEvent)', async () => {
    const options: DecodeOptions = { unknownEvents: Math.random() > 2 ? 'emit' : 'skip' };
    const events: (ChatV2Event | UnknownEvent)[] = await decode(['{"type":"content-end"}'], (s) => s.pipe(decodeEvents(chatV2, options)));
    expect(events).toEqual([{ type: 'content-end' }]);
  });

  describe('marbles', () => {
    const values = { a: delta('a'), b: '{"type":"brand-new"}', c: '{"type":"content-end","index":0}' };
    const out = { x: delta('a'), y: { type: 'content-end', index: 0 } };

    test('values, skipping unknown events', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c-|', values);
        expectObservable(source.pipe(decodeEvents(chatV2))).toBe('-x---y-|', out);
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    test('a bad frame errors the stream and unsubscribes the source', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-z-c-|', { ...values, z: delta(1) });
        const error = new SchemaError({
          protocol: 'chatV2',
          eventType: 'content-delta',
          issues: [
            { path: 'delta.message.content.text', expected: 'string', received: 'number 1', message: 'Invalid input: expected string, received number' },
          ],
          frame: JSON.stringify(delta(1)),
          frameIndex: 1,
        });
        expectObservable(source.pipe(decodeEvents(chatV2))).toBe('-x-#', out, error);
        expectSubscriptions(source.subscriptions).toBe('^--!');
      });
    });

    marbleChecklist<string | object, ChatV2Event>({
      operator: () => decodeEvents(chatV2),
      values,
      out,
      error: { source: '-a-#', expected: '-x-#' },
      empty: { is: 'completes without events', cases: [{ source: '|', expected: '|' }] },
      unsubscribe: { source: '-a-a-a-|', at: '^--!', expected: '-x--' },
    });
  });

  operatorChecklist<string | object>(
    () => decodeEvents(chatV2),
    (i) => delta(String(i)),
    '{',
  );
});
