/**
 * A wire index is a non-negative safe integer. Any such value costs one entry, whatever its size;
 * anything else is a SchemaError, never a silently dropped item.
 */
import { from, lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  chatV1,
  chatV2,
  collectToolCalls,
  decodeEvents,
  generate,
  groupGenerationsByIndex,
  IncompleteStreamError,
  jsonFrames,
  SchemaError,
  sseFrames,
  type ChatV2Event,
  type Protocol,
} from '../../lib/index';
import { toJsonLinesText, toSseText } from '../../lib/testing/index';

const HUGE = 4294967294;

/** V2 events as SSE text, framed and decoded as a transport does. */
const v2 = (events: object[]): Observable<ChatV2Event> => from([toSseText(events)]).pipe(sseFrames(), decodeEvents(chatV2));
/** V1 chat or generate events as JSON lines, framed and decoded. */
const lines = <E extends object>(protocol: Protocol<E>, events: object[]): Observable<E> =>
  from([toJsonLinesText(events)]).pipe(jsonFrames(), decodeEvents(protocol));

const start = { type: 'message-start', id: 'r' };
const end = { type: 'message-end', delta: { finish_reason: 'COMPLETE' } };

describe('a huge index is one entry', () => {
  test('a content block at index 4294967294 is kept, and the stream completes at once (accumulateChat, chatSnapshots)', async () => {
    const events = [
      start,
      { type: 'content-start', index: HUGE, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: HUGE, delta: { message: { content: { text: 'Hi' } } } },
      end,
    ];
    const response = await lastValueFrom(v2(events).pipe(accumulateChat()));
    expect(response.message.content).toEqual([{ type: 'text', text: 'Hi' }]);
    const snapshots = await lastValueFrom(v2(events).pipe(chatSnapshots(), toArray()));
    expect(snapshots.at(-1)).toMatchObject({ message: { content: [{ type: 'text', text: 'Hi' }] }, indexes: { content: [HUGE] }, complete: true });
  });

  test('tool calls and citations at huge indexes: accumulateChat and collectToolCalls agree', async () => {
    const events = [
      start,
      { type: 'tool-call-start', index: 4294967295, delta: { message: { tool_calls: { id: 'c', type: 'function', function: { name: 'f', arguments: '' } } } } },
      { type: 'tool-call-delta', index: 4294967295, delta: { message: { tool_calls: { function: { arguments: '{"a":1}' } } } } },
      { type: 'tool-call-end', index: 4294967295 },
      { type: 'citation-start', index: Number.MAX_SAFE_INTEGER, delta: { message: { citations: { start: 0, end: 1, text: 'x' } } } },
      end,
    ];
    const response = await lastValueFrom(v2(events).pipe(accumulateChat()));
    expect(response.message.tool_calls).toEqual([{ id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }]);
    expect(response.message.citations).toEqual([{ start: 0, end: 1, text: 'x' }]);
    const calls = await lastValueFrom(v2(events).pipe(collectToolCalls(), toArray()));
    expect(calls).toEqual([{ index: 4294967295, id: 'c', name: 'f', arguments: '{"a":1}', parsed: { a: 1 } }]);
  });

  test('V1 tool-call chunks and generations at huge indexes are kept', async () => {
    const chat = await lastValueFrom(
      lines(chatV1, [
        { event_type: 'tool-calls-chunk', tool_call_delta: { index: HUGE, name: 'f', parameters: '{"a":' } },
        { event_type: 'tool-calls-chunk', tool_call_delta: { index: HUGE, parameters: '1}' } },
        { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE' },
      ]).pipe(accumulateChat()),
    );
    expect(chat.tool_calls).toEqual([{ name: 'f', parameters: { a: 1 } }]);
    const events = [
      { event_type: 'text-generation', index: HUGE, text: 'x' },
      { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE' },
    ];
    const end$ = await lastValueFrom(lines(generate, events).pipe(accumulateGenerate()));
    expect(end$.generations).toEqual([{ index: HUGE, text: 'x', finish_reason: 'COMPLETE' }]);
    const keys = await lastValueFrom(lines(generate, events).pipe(groupGenerationsByIndex(), toArray()));
    expect(keys.map((group) => group.key)).toEqual([HUGE]);
  });

  test('items arriving in any index order come out in index order', async () => {
    const citation = (index: number) => ({
      type: 'citation-start',
      index,
      delta: { message: { citations: { start: index, end: index + 1, text: `${index}` } } },
    });
    const response = await lastValueFrom(v2([start, citation(9), citation(2), citation(4294967294), citation(0), end]).pipe(accumulateChat()));
    expect(response.message.citations?.map((c) => c.text)).toEqual(['0', '2', '9', '4294967294']);
  });
});

describe('an index that is not a non-negative safe integer is a SchemaError, never a dropped item', () => {
  const bad = [-1, 1.5, 2 ** 53, 1e300];

  test.each(bad)('V2 content-start, tool-call-start, citation-start and content_index %p', async (index) => {
    const cases = [
      { type: 'content-start', index, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index, delta: { message: { content: { text: 'x' } } } },
      { type: 'tool-call-start', index, delta: { message: { tool_calls: { id: 'c', type: 'function', function: { name: 'f' } } } } },
      { type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: '{' } } } } },
      { type: 'citation-start', index, delta: { message: { citations: { text: 'x' } } } },
      { type: 'citation-start', index: 0, delta: { message: { citations: { text: 'x', content_index: index } } } },
      { type: 'citation-start', index: 0, delta: { message: { citations: { text: 'x', start: index } } } },
    ];
    for (const event of cases) {
      const failure = await lastValueFrom(v2([event]).pipe(toArray())).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SchemaError);
      // After other events, the operators keep what arrived: the SchemaError is the cause.
      const after = await lastValueFrom(v2([start, event, end]).pipe(accumulateChat())).catch((error: unknown) => error);
      expect(after).toBeInstanceOf(IncompleteStreamError);
      expect((after as IncompleteStreamError).cause).toBeInstanceOf(SchemaError);
    }
  });

  test.each(bad)('V1 tool_call_delta.index and generate index %p', async (index) => {
    const v1 = await lastValueFrom(
      lines(chatV1, [{ event_type: 'tool-calls-chunk', tool_call_delta: { index, name: 'f', parameters: '{}' } }]).pipe(toArray()),
    ).catch((error: unknown) => error);
    expect(v1).toBeInstanceOf(SchemaError);
    const gen = await lastValueFrom(lines(generate, [{ event_type: 'text-generation', index, text: 'x' }]).pipe(toArray())).catch((error: unknown) => error);
    expect(gen).toBeInstanceOf(SchemaError);
  });
});
