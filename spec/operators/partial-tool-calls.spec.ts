import { from, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../../lib/decoding/decoder';
import { chatV1, chatV2 } from '../../lib/decoding/protocols';
import type { ChatV1Event } from '../../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../../lib/decoding/schemas/v2-chat-events';
import { IncompleteStreamError, StreamOrderError, ToolCallArgumentsError } from '../../lib/errors/index';
const CHAT_STREAM = { protocol: 'chatV2 or chatV1', expected: 'message-end" or "stream-end' };
import { collectToolCalls } from '../../operators/collect-tool-calls';
import { decodeEvents } from '../../operators/decode-events';
import { jsonFrames } from '../../operators/json-frames';
import { partialToolCalls, type PartialToolCall } from '../../operators/partial-tool-calls';
import { sseFrames } from '../../operators/sse-frames';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { fixtureTest, fixtureText } from '../helpers/fixtures';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';
import { syntaxMessage } from '../helpers/syntax-message';

type ChatEvent = ChatV2Event | ChatV1Event | UnknownEvent;

// V2 events
const start = (index: number, name: string): ChatV2Event => ({
  type: 'tool-call-start',
  index,
  delta: { message: { tool_calls: { id: `${name}_${index}`, type: 'function', function: { name, arguments: '' } } } },
});
const delta = (index: number, args: string): ChatV2Event => ({
  type: 'tool-call-delta',
  index,
  delta: { message: { tool_calls: { function: { arguments: args } } } },
});
const end = (index: number): ChatV2Event => ({ type: 'tool-call-end', index });
const messageEnd: ChatV2Event = { type: 'message-end', delta: { finish_reason: 'TOOL_CALL' } };

// V1 events
const chunk = (index: number, parameters: string | undefined, name?: string): ChatV1Event => ({
  event_type: 'tool-calls-chunk',
  tool_call_delta: { index, ...(parameters === undefined ? {} : { parameters }), ...(name === undefined ? {} : { name }) },
});
const planChunk: ChatV1Event = { event_type: 'tool-calls-chunk', text: 'I will' };
const generation = (...calls: [string, Record<string, unknown>][]): ChatV1Event => ({
  event_type: 'tool-calls-generation',
  tool_calls: calls.map(([name, parameters]) => ({ name, parameters })),
});
const streamEnd: ChatV1Event = { event_type: 'stream-end', is_finished: true };

/** A snapshot of a V2 call (`id` from the name and index) or, with `v1`, of a V1 call (no id). */
const snap = (index: number, name: string, args: string, parsed: Record<string, unknown> | undefined, complete: boolean, v1 = false): PartialToolCall => ({
  index,
  ...(v1 ? {} : { id: `${name}_${index}` }),
  name,
  arguments: args,
  parsed,
  complete,
});

const run = <T>(events: ChatEvent[], operator: OperatorFunction<ChatEvent, T>) => settle(from(events).pipe(operator));

const V2_TOOL_FIXTURES = ['v2-chat-tools.jsonl', 'v2-chat-docs-tool-calls.jsonl', 'v2-chat-tool-call-no-args.jsonl', 'v2-chat-docs-tools.sse'];

/** The decoded events of a recorded stream. */
function recordedEvents(name: string): ChatEvent[] {
  const text = fixtureText(name);
  if (name.endsWith('.sse')) return settle(from([text]).pipe(sseFrames(), decodeEvents(chatV2))).values;
  if (name.startsWith('v2-')) return settle(from(text.split('\n').filter((line) => line.trim() !== '')).pipe(decodeEvents(chatV2))).values;
  return settle(from([text]).pipe(jsonFrames(), decodeEvents(chatV1))).values;
}

describe('partialToolCalls', () => {
  describe('recorded streams', () => {
    fixtureTest('a snapshot after each start and fragment, parsed so far, then one complete (v2-chat-tools.jsonl)', () => {
      const { values, completed } = run(recordedEvents('v2-chat-tools.jsonl'), partialToolCalls());
      expect(completed).toBe(true);
      const first = values.filter((call) => call.index === 0);
      expect(first.map((call) => [call.arguments, call.parsed, call.complete])).toEqual([
        ['', undefined, false],
        ['{"', {}, false],
        ['{"location', {}, false],
        ['{"location":', {}, false],
        ['{"location": "', { location: '' }, false],
        ['{"location": "San', { location: 'San' }, false],
        ['{"location": "San Francisco', { location: 'San Francisco' }, false],
        ['{"location": "San Francisco"}', { location: 'San Francisco' }, false],
        ['{"location": "San Francisco"}', { location: 'San Francisco' }, true],
      ]);
      expect(first.every((call) => call.id === 'weather_e8p4pn45zt0t' && call.name === 'weather')).toBe(true);
      expect(values.filter((call) => call.index === 1)).toHaveLength(9);
    });

    fixtureTest('pretty-printed fragments (v2-chat-docs-tool-calls.jsonl)', () => {
      const { values } = run(recordedEvents('v2-chat-docs-tool-calls.jsonl'), partialToolCalls());
      expect(values.filter((call) => call.index === 1).map((call) => call.parsed)).toEqual([
        undefined,
        {},
        {},
        {},
        { location: '' },
        { location: 'Bras' },
        { location: 'Brasilia' },
        { location: 'Brasilia' },
        { location: 'Brasilia' },
        { location: 'Brasilia' },
        { location: 'Brasilia' },
      ]);
    });

    fixtureTest('a call without arguments: the start, then complete with {} (v2-chat-tool-call-no-args.jsonl)', () => {
      expect(run(recordedEvents('v2-chat-tool-call-no-args.jsonl'), partialToolCalls()).values).toEqual([
        { index: 0, id: 'currentTime_y46ar19t5gvw', name: 'currentTime', arguments: '', parsed: undefined, complete: false },
        { index: 0, id: 'currentTime_y46ar19t5gvw', name: 'currentTime', arguments: '', parsed: {}, complete: true },
      ]);
    });

    fixtureTest('the complete snapshots are exactly the calls collectToolCalls() emits, on every recorded stream with tool calls', () => {
      for (const name of [...V2_TOOL_FIXTURES, 'v1-chat-tool-calls.jsonl', 'bedrock-command-r-tool-calls-generation.jsonl']) {
        const events = recordedEvents(name);
        const complete = run(events, partialToolCalls()).values.filter((call) => call.complete);
        const collected = run(events, collectToolCalls()).values;
        expect(complete.length).toBeGreaterThan(0);
        expect(complete.map(({ complete: _complete, ...call }) => call)).toEqual(collected);
      }
    });

    fixtureTest('each partial parse can still become the complete one', () => {
      for (const name of V2_TOOL_FIXTURES) {
        const values = run(recordedEvents(name), partialToolCalls()).values;
        for (const call of values) {
          const final = values.find((other) => other.index === call.index && other.complete)?.parsed ?? {};
          for (const [key, value] of Object.entries(call.parsed ?? {})) {
            expect(typeof value === 'string' ? (final[key] as string).startsWith(value) : value === final[key]).toBe(true);
          }
        }
      }
    });
  });

  test('V2: interleaved calls each get their own snapshots; message-end adds nothing', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<ChatEvent>('-a-b-c-d-e-f-g-h-m-|', {
        a: start(0, 'w'),
        b: start(1, 's'),
        c: delta(0, '{"n": 1'),
        d: delta(1, '{"q": "r'),
        e: delta(1, 'x"}'),
        f: end(1),
        g: delta(0, '}'),
        h: end(0),
        m: messageEnd,
      });
      expectObservable(source.pipe(partialToolCalls())).toBe('-a-b-c-d-e-f-g-h---|', {
        a: snap(0, 'w', '', undefined, false),
        b: snap(1, 's', '', undefined, false),
        c: snap(0, 'w', '{"n": 1', {}, false),
        d: snap(1, 's', '{"q": "r', { q: 'r' }, false),
        e: snap(1, 's', '{"q": "rx"}', { q: 'rx' }, false),
        f: snap(1, 's', '{"q": "rx"}', { q: 'rx' }, true),
        g: snap(0, 'w', '{"n": 1}', { n: 1 }, false),
        h: snap(0, 'w', '{"n": 1}', { n: 1 }, true),
      });
      expectSubscriptions(source.subscriptions).toBe('^------------------!');
    });
  });

  test('V1: a snapshot after each parameter chunk, complete at the next call and at the generation, which adds only the calls not chunked', () => {
    createScheduler().run(({ cold, expectObservable }) => {
      const source = cold<ChatEvent>('-p-a-b-d-c---g---s-|', {
        p: planChunk,
        a: chunk(0, undefined, 'search'),
        b: chunk(0, '{"q": "rx'),
        d: chunk(0, '"}'),
        c: chunk(1, '{}', 'list'),
        g: generation(['search', { q: 'rx' }], ['list', {}], ['time', {}]),
        s: streamEnd,
      });
      expectObservable(source.pipe(partialToolCalls())).toBe('---a-b-d-(xc)(yz)--|', {
        a: snap(0, 'search', '', undefined, false, true),
        b: snap(0, 'search', '{"q": "rx', { q: 'rx' }, false, true),
        d: snap(0, 'search', '{"q": "rx"}', { q: 'rx' }, false, true),
        x: snap(0, 'search', '{"q": "rx"}', { q: 'rx' }, true, true),
        c: snap(1, 'list', '{}', {}, false, true),
        y: snap(1, 'list', '{}', {}, true, true),
        z: snap(2, 'time', '{}', {}, true, true),
      });
    });
  });

  test('V1: a chunked call is complete at stream-end', () => {
    expect(run([chunk(0, '{"a": 1}', 'f'), streamEnd], partialToolCalls()).values.map((call) => [call.parsed, call.complete])).toEqual([
      [{ a: 1 }, false],
      [{ a: 1 }, true],
    ]);
  });

  describe('invalid arguments', () => {
    test('error the stream at the call end with ToolCallArgumentsError naming the tool and keeping the text', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold<ChatEvent>('-a-b-c-|', { a: start(0, 'w'), b: delta(0, '{"n": 1'), c: end(0) });
        const error = new ToolCallArgumentsError({
          toolName: 'w',
          index: 0,
          id: 'w_0',
          arguments: '{"n": 1',
          problem: `invalid JSON (${syntaxMessage('{"n": 1')})`,
        });
        expectObservable(source.pipe(partialToolCalls())).toBe(
          '-a-b-#',
          { a: snap(0, 'w', '', undefined, false), b: snap(0, 'w', '{"n": 1', {}, false) },
          error,
        );
      });
    });

    test("with invalidArguments: 'emit', the last snapshot carries the error and the stream goes on", () => {
      const { values, completed } = run(
        [start(0, 'w'), delta(0, '[]'), end(0), start(1, 'x'), end(1), messageEnd],
        partialToolCalls({ invalidArguments: 'emit' }),
      );
      expect(completed).toBe(true);
      expect(values[2]).toMatchObject({ index: 0, arguments: '[]', parsed: undefined, complete: true });
      expect(values[2]?.error).toBeInstanceOf(ToolCallArgumentsError);
      expect(values[2]?.error).toMatchObject({ toolName: 'w', index: 0, arguments: '[]' });
      expect(values[1]?.parsed).toBeUndefined(); // "[]" is not the beginning of an object
      expect(values[4]).toEqual(snap(1, 'x', '', {}, true));
      expect(values[4]).not.toHaveProperty('error');
    });
  });

  test('a delta for an index never started is a StreamOrderError (not-started)', () => {
    createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<ChatEvent>('-a-b-c-|', { a: start(0, 'w'), b: delta(1, '{}'), c: end(0) });
      const error = new StreamOrderError({
        protocol: 'chatV2',
        reason: 'not-started',
        eventType: 'tool-call-delta',
        index: 1,
        expected: 'a "tool-call-start" with index 1 first',
        partial: [{ index: 0, id: 'w_0', name: 'w', arguments: '', parameters: undefined, complete: false }],
      });
      expectObservable(source.pipe(partialToolCalls())).toBe('-a-#', { a: snap(0, 'w', '', undefined, false) }, error);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  test('"__proto__" in partial arguments stays plain data and pollutes nothing', () => {
    const { values } = run([start(0, 'w'), delta(0, '{"__proto__": {"polluted": true}, "b": {"__proto__": {"x": "y')], partialToolCalls());
    const parsed = values[1]?.parsed;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getOwnPropertyDescriptor(parsed?.['b'], '__proto__')?.value).toEqual({ x: 'y' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('skips unknown events and keeps its state per subscription', () => {
    const operator = partialToolCalls();
    const unknown: UnknownEvent = { ...start(0, 'ghost'), unknown: true, eventType: 'tool-call-start', frame: {}, frameIndex: 0 };
    expect(run([unknown, start(0, 'w')], operator).values).toEqual([snap(0, 'w', '', undefined, false)]);
    expect(run([delta(0, '{}')], operator).error).toBeInstanceOf(StreamOrderError);
  });

  describe('marbles', () => {
    const values = { a: start(0, 'a'), b: start(1, 'b'), m: messageEnd };
    const out = { x: snap(0, 'a', '', undefined, false), y: snap(1, 'b', '', undefined, false) };

    test('values', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ChatEvent>('-a-b-m---|', values);
        const ended = { z: { ...out.x, parsed: {}, complete: true }, w: { ...out.y, parsed: {}, complete: true } };
        expectObservable(source.pipe(partialToolCalls())).toBe('-x-y-(zw)|', { ...out, ...ended });
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    marbleChecklist<ChatEvent, PartialToolCall>({
      operator: () => partialToolCalls(),
      values,
      out,
      error: { source: '-a-#', expected: '-x-#' },
      empty: {
        is: 'is an IncompleteStreamError with no calls, and one cut inside a call keeps that call',
        cases: [
          { source: '|', expected: '#', error: new IncompleteStreamError({ ...CHAT_STREAM, partial: [], lastEvent: undefined, eventCount: 0 }) },
          {
            source: '-a-|',
            expected: '-x-#',
            error: new IncompleteStreamError({
              protocol: 'chatV2',
              expected: 'message-end',
              partial: [{ index: 0, id: 'a_0', name: 'a', arguments: '', parameters: undefined, complete: false }],
              lastEvent: values.a,
              eventCount: 1,
            }),
          },
        ],
      },
      unsubscribe: { source: '-a-b-a-|', at: '^--!', expected: '-x--' },
    });
  });

  operatorChecklist<ChatEvent>(
    () => partialToolCalls(),
    (i) => ({ ...generation([`f${i}`, {}]), is_finished: true }),
    delta(7, '{}'),
  );
});
