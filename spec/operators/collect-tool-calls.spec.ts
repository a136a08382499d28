import { from, type OperatorFunction } from 'rxjs';
import type { UnknownEvent } from '../../lib/decoding/decoder';
import { chatV1, chatV2 } from '../../lib/decoding/protocols';
import type { ChatV1Event } from '../../lib/decoding/schemas/v1-chat-events';
import type { ChatV2Event } from '../../lib/decoding/schemas/v2-chat-events';
import { IncompleteStreamError, StreamOrderError, ToolCallArgumentsError } from '../../lib/errors/index';
const CHAT_STREAM = { protocol: 'chatV2 or chatV1', expected: 'message-end" or "stream-end' };
import { collectToolCalls, type CompletedToolCall, type InvalidToolCall } from '../../operators/collect-tool-calls';
import { decodeEvents } from '../../operators/decode-events';
import { jsonFrames } from '../../operators/json-frames';
import { sseFrames } from '../../operators/sse-frames';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { fixtureTest, fixtureText } from '../helpers/fixtures';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';
import { syntaxMessage } from '../helpers/syntax-message';

type ChatEvent = ChatV2Event | ChatV1Event | UnknownEvent;

// V2 events
const start = (index: number, name: string, id = `${name}_${index}`): ChatV2Event => ({
  type: 'tool-call-start',
  index,
  delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } },
});
const delta = (index: number | undefined, args: string): ChatV2Event => ({
  type: 'tool-call-delta',
  ...(index === undefined ? {} : { index }),
  delta: { message: { tool_calls: { function: { arguments: args } } } },
});
const end = (index: number | undefined): ChatV2Event => ({ type: 'tool-call-end', ...(index === undefined ? {} : { index }) });
const plan: ChatV2Event = { type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will' } } };
const messageEnd: ChatV2Event = { type: 'message-end', delta: { finish_reason: 'TOOL_CALL' } };

// V1 events
const chunk = (index: number, parameters: string, name?: string): ChatV1Event => ({
  event_type: 'tool-calls-chunk',
  is_finished: false,
  tool_call_delta: { index, parameters, ...(name === undefined ? {} : { name }) },
});
const planChunk: ChatV1Event = { event_type: 'tool-calls-chunk', is_finished: false, text: 'I will' };
const planDeltaChunk: ChatV1Event = { event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { text: ' search' } };
const generation = (...calls: [string, Record<string, unknown>][]): ChatV1Event => ({
  event_type: 'tool-calls-generation',
  is_finished: false,
  text: 'I will',
  tool_calls: calls.map(([name, parameters]) => ({ name, parameters })),
});
const streamEnd: ChatV1Event = { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE' };

/** A complete call; `id` null for a V1 call, which has none. */
const done = (index: number, name: string, args: string, parsed: Record<string, unknown>, id: string | null = `${name}_${index}`): CompletedToolCall => ({
  index,
  ...(id === null ? {} : { id }),
  name,
  arguments: args,
  parsed,
});

const collect = <T>(events: ChatEvent[], operator: OperatorFunction<ChatEvent, T>) => settle(from(events).pipe(operator));

describe('collectToolCalls', () => {
  describe('recorded streams', () => {
    const lines = (name: string) =>
      fixtureText(name)
        .split('\n')
        .filter((line) => line.trim() !== '');
    const v2Lines = (name: string) => settle(from(lines(name)).pipe(decodeEvents(chatV2), collectToolCalls()));

    fixtureTest('parallel calls with compact fragments (v2-chat-tools.jsonl)', () => {
      expect(v2Lines('v2-chat-tools.jsonl')).toEqual({
        values: [
          done(0, 'weather', '{"location": "San Francisco"}', { location: 'San Francisco' }, 'weather_e8p4pn45zt0t'),
          done(1, 'cityAttractions', '{"city": "San Francisco"}', { city: 'San Francisco' }, 'cityAttractions_pyxssbwnq9fq'),
        ],
        error: undefined,
        completed: true,
      });
    });

    fixtureTest('parallel calls with pretty-printed fragments (v2-chat-docs-tool-calls.jsonl)', () => {
      expect(v2Lines('v2-chat-docs-tool-calls.jsonl').values).toEqual([
        done(0, 'get_weather', '{\n    "location": "Madrid"\n}', { location: 'Madrid' }, 'get_weather_p1t92w7gfgq7'),
        done(1, 'get_weather', '{\n    "location": "Brasilia"\n}', { location: 'Brasilia' }, 'get_weather_ay6nmvjgp9vn'),
      ]);
    });

    fixtureTest('a call without arguments has arguments "" parsed as {} (v2-chat-tool-call-no-args.jsonl)', () => {
      expect(v2Lines('v2-chat-tool-call-no-args.jsonl').values).toEqual([done(0, 'currentTime', '', {}, 'currentTime_y46ar19t5gvw')]);
    });

    fixtureTest('an SSE body, framed by sseFrames() (v2-chat-docs-tools.sse)', () => {
      const result = settle(from([fixtureText('v2-chat-docs-tools.sse')]).pipe(sseFrames(), decodeEvents(chatV2), collectToolCalls()));
      expect(result.values).toEqual([
        done(0, 'query_daily_sales_report', '{"day": "2023-09-29"}', { day: '2023-09-29' }, 'query_daily_sales_report_j3f0adww9pmr'),
        done(1, 'query_product_catalog', '{"category": "Electronics"}', { category: 'Electronics' }, 'query_product_catalog_c66nf11r6s8g'),
      ]);
      expect(result.completed).toBe(true);
    });

    fixtureTest('a V1 tool-calls-generation alone, then stream-end repeating the calls (v1-chat-tool-calls.jsonl)', () => {
      const result = settle(from([fixtureText('v1-chat-tool-calls.jsonl')]).pipe(jsonFrames(), decodeEvents(chatV1), collectToolCalls()));
      expect(result).toEqual({
        values: [done(0, 'google', '{"query":"who is sam saffron"}', { query: 'who is sam saffron' }, null)],
        error: undefined,
        completed: true,
      });
      expect(result.values[0]).not.toHaveProperty('id');
    });

    fixtureTest('a Bedrock Command R tool-calls-generation chunk (bedrock-command-r-tool-calls-generation.jsonl)', () => {
      const result = settle(from([fixtureText('bedrock-command-r-tool-calls-generation.jsonl')]).pipe(jsonFrames(), decodeEvents(chatV1), collectToolCalls()));
      expect(result.values).toEqual([done(0, 'realtime_weather____fetchCurrentWeather', '{"city":"Shanghai"}', { city: 'Shanghai' }, null)]);
    });
  });

  describe('V2', () => {
    test('emits each call at its end, while other calls are still open, keyed by index', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ChatEvent>('-p-a-b-c-d-e-f-g-h-m-|', {
          p: plan,
          a: start(0, 'weather'),
          b: start(1, 'search'),
          c: delta(1, '{"q":'),
          d: delta(0, '{"city":"Pa'),
          e: delta(1, '"rx"}'),
          f: end(1),
          g: delta(0, 'ris"}'),
          h: end(0),
          m: messageEnd,
        });
        expectObservable(source.pipe(collectToolCalls())).toBe('-------------x---y---|', {
          x: done(1, 'search', '{"q":"rx"}', { q: 'rx' }),
          y: done(0, 'weather', '{"city":"Paris"}', { city: 'Paris' }),
        });
        expectSubscriptions(source.subscriptions).toBe('^--------------------!');
      });
    });

    test('a missing index is 0', () => {
      const { values } = collect([start(0, 'a'), delta(undefined, '{"x":1}'), end(undefined)], collectToolCalls());
      expect(values).toEqual([done(0, 'a', '{"x":1}', { x: 1 })]);
    });

    test('a delta for an index never started is a StreamOrderError (not-started), after the calls before it', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ChatEvent>('-a-b-c-d-|', { a: start(0, 'a'), b: end(0), c: start(1, 'b'), d: delta(2, '{}') });
        const error = new StreamOrderError({
          protocol: 'chatV2',
          reason: 'not-started',
          eventType: 'tool-call-delta',
          index: 2,
          expected: 'a "tool-call-start" with index 2 first',
          partial: [{ index: 1, id: 'b_1', name: 'b', arguments: '', parameters: undefined, complete: false }],
        });
        expectObservable(source.pipe(collectToolCalls())).toBe('---x---#', { x: done(0, 'a', '', {}) }, error);
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    test('an end for an index never started (or already ended) is a StreamOrderError', () => {
      const { values, error } = collect([start(0, 'a'), end(0), end(0)], collectToolCalls());
      expect(values).toEqual([done(0, 'a', '', {})]);
      expect(error).toBeInstanceOf(StreamOrderError);
      expect(error).toMatchObject({ reason: 'not-started', eventType: 'tool-call-end', index: 0, partial: [] });
    });

    test('a stream cut inside a call is an IncompleteStreamError listing the open call, after the calls that ended', () => {
      const { values, error } = collect([start(0, 'a'), end(0), start(1, 'b'), delta(1, '{"x":1}')], collectToolCalls());
      expect(values).toEqual([done(0, 'a', '', {})]);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(error).toMatchObject({ eventCount: 4, partial: [{ index: 1, name: 'b', arguments: '{"x":1}', complete: false }] });
    });

    test('a cut stream is named by its family, as accumulateChat names it', () => {
      expect(collect([start(0, 'a')], collectToolCalls()).error).toMatchObject({ protocol: 'chatV2', expected: 'message-end' });
      expect(collect([chunk(0, '{}', 'a')], collectToolCalls()).error).toMatchObject({ protocol: 'chatV1', expected: 'stream-end' });
    });

    test('a call still open at message-end is emitted then: the message is over', () => {
      expect(collect([start(0, 'a'), delta(0, '{"x":1}'), start(1, 'b'), messageEnd], collectToolCalls())).toEqual({
        values: [done(0, 'a', '{"x":1}', { x: 1 }), done(1, 'b', '', {})],
        error: undefined,
        completed: true,
      });
    });

    test('a stream cut after the last call ended is still incomplete: the turn may have had more calls', () => {
      const { values, error } = collect([start(0, 'a'), end(0)], collectToolCalls());
      expect(values).toEqual([done(0, 'a', '', {})]);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(collect([start(0, 'a'), end(0), messageEnd], collectToolCalls())).toEqual({ values: [done(0, 'a', '', {})], error: undefined, completed: true });
    });
  });

  describe('V1', () => {
    test('chunks, then the generation, without duplicates: each chunked call at the next call, the generation adds the rest', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold<ChatEvent>('-p-q-a-b-c-g-s-|', {
          p: planChunk,
          q: planDeltaChunk,
          a: chunk(0, '{"query":', 'search'),
          b: chunk(0, ' "rxjs"}'),
          c: chunk(1, '{}', 'list'),
          g: generation(['search', { query: 'rxjs' }], ['list', {}], ['weather', { city: 'Paris' }]),
          s: streamEnd,
        });
        expectObservable(source.pipe(collectToolCalls())).toBe('---------x-(yz)|', {
          x: done(0, 'search', '{"query": "rxjs"}', { query: 'rxjs' }, null),
          y: done(1, 'list', '{}', {}, null),
          z: done(2, 'weather', '{"city":"Paris"}', { city: 'Paris' }, null),
        });
      });
    });

    test('the name comes from the first chunk of each call', () => {
      const { values } = collect(
        [chunk(0, '{"a":', 'first'), { ...chunk(0, '1}'), tool_call_delta: { index: 0, parameters: '1}', name: 'second' } }, streamEnd],
        collectToolCalls(),
      );
      expect(values).toEqual([done(0, 'first', '{"a":1}', { a: 1 }, null)]);
    });

    test('a chunked call without a generation is complete at stream-end', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold<ChatEvent>('-a-b-s-|', { a: chunk(0, '{"n":', 'count'), b: chunk(0, '2}'), s: streamEnd });
        expectObservable(source.pipe(collectToolCalls())).toBe('-----x-|', { x: done(0, 'count', '{"n":2}', { n: 2 }, null) });
      });
    });

    test('a chunked call whose stream ends without stream-end is not emitted: the stream is incomplete', () => {
      const { values, error } = collect([chunk(0, '{}', 'a')], collectToolCalls());
      expect(values).toEqual([]);
      expect(error).toMatchObject({ name: 'IncompleteStreamError', partial: [{ index: 0, name: 'a', arguments: '{}' }] });
    });
  });

  describe('invalid arguments', () => {
    const text = '{"city": "Par';

    test('error the stream by default with ToolCallArgumentsError naming the tool, after the calls before it', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ChatEvent>('-a-b-c-d-e-f-|', {
          a: start(0, 'ok'),
          b: end(0),
          c: start(1, 'weather', 'w1'),
          d: delta(1, text),
          e: end(1),
          f: start(2, 'never'),
        });
        const error = new ToolCallArgumentsError({
          toolName: 'weather',
          index: 1,
          id: 'w1',
          arguments: text,
          problem: `invalid JSON (${syntaxMessage(text)})`,
        });
        expectObservable(source.pipe(collectToolCalls())).toBe('---x-----#', { x: done(0, 'ok', '', {}) }, error);
        expectSubscriptions(source.subscriptions).toBe('^--------!');
      });
    });

    test('JSON that is not an object is invalid too', () => {
      const { error } = collect([start(0, 'a'), delta(0, '[1,2]'), end(0)], collectToolCalls());
      expect(error).toBeInstanceOf(ToolCallArgumentsError);
      expect(error).toMatchObject({ toolName: 'a', index: 0, id: 'a_0', arguments: '[1,2]' });
      expect((error as Error).message).toContain('the JSON is an array of 2 item(s)');
    });

    test("with invalidArguments: 'emit', the call is emitted with parsed: undefined and the error, and the stream goes on", () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const source = cold<ChatEvent>('-c-d-e-f-g-h-|', {
          c: start(1, 'weather', 'w1'),
          d: delta(1, text),
          e: end(1),
          f: start(2, 'next'),
          g: end(2),
          h: messageEnd,
        });
        const invalid: InvalidToolCall = {
          index: 1,
          id: 'w1',
          name: 'weather',
          arguments: text,
          parsed: undefined,
          error: new ToolCallArgumentsError({ toolName: 'weather', index: 1, id: 'w1', arguments: text, problem: `invalid JSON (${syntaxMessage(text)})` }),
        };
        expectObservable(source.pipe(collectToolCalls({ invalidArguments: 'emit' }))).toBe('-----x---y---|', { x: invalid, y: done(2, 'next', '', {}) });
      });
    });

    test("'emit' still errors on events out of order", () => {
      const { error } = collect([delta(0, '{}')], collectToolCalls({ invalidArguments: 'emit' }));
      expect(error).toBeInstanceOf(StreamOrderError);
    });

    test("the error member tells valid and invalid calls apart with 'emit'", () => {
      const { values } = collect([start(0, 'a'), delta(0, '{'), end(0), start(1, 'b'), end(1)], collectToolCalls({ invalidArguments: 'emit' }));
      expect(values.map((call) => (call.error === undefined ? call.parsed : call.error.toolName))).toEqual(['a', {}]);
    });
  });

  test('"__proto__" in arguments stays plain data and pollutes nothing', () => {
    const args = '{"__proto__": {"polluted": true}, "nested": {"__proto__": {"polluted": 1}}}';
    const v1Parameters = JSON.parse('{"__proto__": {"polluted": 2}}') as Record<string, unknown>;
    const { values } = collect([start(0, 'a'), delta(0, args), end(0), generation(['b', v1Parameters])], collectToolCalls());
    const [v2, v1] = values;
    for (const parsed of [v2?.parsed, v2?.parsed['nested'], v1?.parsed, { ...v2?.parsed }]) {
      expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
      expect(Object.hasOwn(parsed as object, '__proto__')).toBe(true);
      expect((parsed as Record<string, unknown>)['polluted']).toBeUndefined();
    }
    expect(v1?.arguments).toBe('{"__proto__":{"polluted":2}}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('skips unknown events, even one that carries the members of a known event', () => {
    const decoded = settle(
      from(['{"type":"brand-new","index":0}', JSON.stringify(start(0, 'a')), JSON.stringify(end(0))]).pipe(decodeEvents(chatV2, { unknownEvents: 'emit' })),
    ).values;
    expect(decoded).toHaveLength(3);
    const lookalike: UnknownEvent = { ...start(0, 'ghost'), unknown: true, eventType: 'tool-call-start', frame: {}, frameIndex: 1 };
    expect(collect([decoded[0]!, decoded[1]!, lookalike, decoded[2]!], collectToolCalls()).values).toEqual([done(0, 'a', '', {})]);
  });

  test('keeps its state per subscription', () => {
    const operator = collectToolCalls();
    expect(settle(from([start(0, 'a'), delta(0, '{"x":')]).pipe(operator)).values).toEqual([]);
    // A second subscription does not see the first one's open call.
    const second = settle(from<ChatEvent[]>([delta(0, '1}'), end(0)]).pipe(operator));
    expect(second.error).toBeInstanceOf(StreamOrderError);
    // Nor the first one's chunked V1 calls: the generation's call is emitted again.
    const v1 = from<ChatEvent[]>([chunk(0, '{}', 'a'), generation(['a', {}])]).pipe(operator);
    expect(settle(v1).values).toEqual(settle(v1).values);
    expect(settle(v1).values).toHaveLength(1);
  });

  describe('marbles', () => {
    const values = { a: generation(['a', { n: 1 }]), b: generation(['b', {}]), e: streamEnd };
    const out = { x: done(0, 'a', '{"n":1}', { n: 1 }, null), y: done(0, 'b', '{}', {}, null) };

    test('values', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<ChatEvent>('-a-b-e-|', values);
        expectObservable(source.pipe(collectToolCalls())).toBe('-x-y---|', out);
        expectSubscriptions(source.subscriptions).toBe('^------!');
      });
    });

    marbleChecklist<ChatEvent, CompletedToolCall | InvalidToolCall>({
      operator: () => collectToolCalls(),
      values,
      out,
      error: { source: '-a-#', expected: '-x-#' },
      empty: {
        is: 'is an IncompleteStreamError with no calls',
        cases: [{ source: '|', expected: '#', error: new IncompleteStreamError({ ...CHAT_STREAM, partial: [], lastEvent: undefined, eventCount: 0 }) }],
      },
      unsubscribe: { source: '-a-b-a-|', at: '^--!', expected: '-x--' },
    });
  });

  operatorChecklist<ChatEvent>(
    () => collectToolCalls(),
    (i) => ({ ...generation([`tool${i}`, {}]), is_finished: true }),
    end(3),
  );
});
