/**
 * A whole-stream retry (`retry` between the transport and an operator) restarts the stream the
 * operator reads. The operators that emit once at the end, or snapshots, start over; those that
 * emitted pieces they cannot take back fail with StreamRestartedError. Against the local server,
 * through the real fetch.
 */
import { lastValueFrom, retry, share, toArray, type Observable } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatSnapshots,
  chatStream,
  chatStreamV1,
  collectToolCalls,
  generateStream,
  groupGenerationsByIndex,
  partialToolCalls,
  StreamRestartedError,
  textDeltas,
  responseText,
} from '../../lib/index';
import {
  chatResponseOf,
  chatV1Events,
  chatV2Events,
  dropAfter,
  generateEvents,
  jsonLinesStream,
  sseStream,
  type ChatScript,
  type WireEvent,
} from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';

const server = useMockServer();
const once = { retry: { count: 0 } };
const body = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Weather?' }] };

const script: ChatScript = { toolPlan: ['I will', ' look it up.'], toolCalls: [{ name: 'weather', arguments: { city: 'Paris' } }] };
const answer: ChatScript = { text: ['The answer', ' is 42.'] };

/** The server answers the first request with the first `count` V2 events of `events` and a dropped connection (no `[DONE]`), then the whole stream. */
function droppedThenWhole(events: readonly WireEvent[], count: number): void {
  server.reply(sseStream(dropAfter(events, count), { then: 'drop', done: false }), sseStream(events));
}

describe('operators that emit at the end, or snapshots, start over', () => {
  test('accumulateChat: a V2 answer dropped after 6 events, retried, is the second answer alone', async () => {
    droppedThenWhole(chatV2Events(script), 6);
    const response = await lastValueFrom(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), accumulateChat()));
    expect(response).toEqual(chatResponseOf(script));
    expect(response.message.tool_plan).toBe('I will look it up.');
  });

  test('chatSnapshots: the retried attempt starts from a fresh snapshot', async () => {
    droppedThenWhole(chatV2Events(answer), 4);
    const snapshots = await lastValueFrom(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), chatSnapshots(), toArray()));
    const texts = snapshots.map(responseText);
    expect(texts).toContain('The answer');
    const restart = texts.lastIndexOf('The answer') - 2;
    expect(snapshots[restart]?.message.content).toEqual([]);
    expect(texts.at(-1)).toBe('The answer is 42.');
  });

  test('accumulateChat on V1 chat (a stream-start starts over)', async () => {
    const events = chatV1Events(answer, { source: 'cohere' });
    server.reply(jsonLinesStream(dropAfter(events, 2), { then: 'drop' }), jsonLinesStream(events));
    const chat = await lastValueFrom(chatStreamV1({ message: 'Hi' }, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), accumulateChat()));
    expect(chat.text).toBe('The answer is 42.');
  });

  test('accumulateGenerate: generate has no start event; the first event of the new attempt starts over', async () => {
    const events = generateEvents({ generations: [{ text: [' Hi', ' there'] }] });
    server.reply(jsonLinesStream(dropAfter(events, 1), { then: 'drop' }), jsonLinesStream(events));
    const end = await lastValueFrom(generateStream({ prompt: 'Hi' }, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), accumulateGenerate()));
    expect(end.generations?.map((generation) => generation.text)).toEqual([' Hi there']);
  });

  test('collectToolCalls: no call was emitted before the cut, so the calls of the second attempt come once', async () => {
    // message-start, two tool-plan deltas, tool-call-start and tool-call-delta: the call has not ended.
    droppedThenWhole(chatV2Events(script), 5);
    const calls = await lastValueFrom(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), collectToolCalls(), toArray()));
    expect(calls.map((call) => call.parsed)).toEqual([{ city: 'Paris' }]);
  });
});

describe('operators that emitted what they cannot take back fail', () => {
  const failure = (source: Observable<unknown>): Promise<unknown> => lastValueFrom(source.pipe(toArray())).catch((error: unknown) => error);

  test('textDeltas after text was shown: StreamRestartedError with the text shown (with share() in between, as a UI does)', async () => {
    droppedThenWhole(chatV2Events(answer), 3);
    const events$ = chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), share());
    const error = await failure(events$.pipe(textDeltas()));
    expect(error).toBeInstanceOf(StreamRestartedError);
    expect(error).toMatchObject({ protocol: 'chatV2', eventType: 'message-start', partial: 'The answer' });
  });

  test('textDeltas before any text: the second attempt streams as if it were the first', async () => {
    droppedThenWhole(chatV2Events(answer), 2);
    const pieces = await lastValueFrom(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), textDeltas(), toArray()));
    expect(pieces.join('')).toBe('The answer is 42.');
  });

  test('partialToolCalls after a call was shown, collectToolCalls after a call was emitted', async () => {
    const events = chatV2Events({
      toolCalls: [
        { name: 'a', arguments: { x: 1 } },
        { name: 'b', arguments: { y: 2 } },
      ],
    });
    const afterFirstCall = events.findIndex((event) => (event as { type?: string }).type === 'tool-call-end') + 2;
    droppedThenWhole(events, afterFirstCall);
    expect(await failure(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), collectToolCalls()))).toBeInstanceOf(StreamRestartedError);
    droppedThenWhole(events, 3);
    expect(await failure(chatStream(body, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), partialToolCalls()))).toBeInstanceOf(StreamRestartedError);
  });

  test('groupGenerationsByIndex after a group was emitted', async () => {
    const events = generateEvents({ generations: [{ text: [' Hi', ' there'] }, { text: [' Yo'] }] });
    server.reply(jsonLinesStream(dropAfter(events, 2), { then: 'drop' }), jsonLinesStream(events));
    const error = await failure(
      generateStream({ prompt: 'Hi', num_generations: 2 }, { baseUrl: server.baseUrl, ...once }).pipe(retry(1), groupGenerationsByIndex()),
    );
    expect(error).toBeInstanceOf(StreamRestartedError);
  });
});
