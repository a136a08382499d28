/**
 * The transport's retries reach up to the first content: the events before it are held back,
 * so a failure after `message-start` is retried without anything of the failed attempt
 * reaching the subscriber.
 */
import { lastValueFrom, toArray } from 'rxjs';
import {
  accumulateChat,
  chatStream,
  chatStreamV1,
  ConnectionError,
  fromCohere,
  generateStream,
  IncompleteStreamError,
  RequestAbortedError,
  StreamTimeoutError,
  type ChatSnapshot,
  type FromCohereOptions,
} from '../../lib/index';
import { chatV2Event, JSON_LINES_CONTENT_TYPE, streams, toSseText } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, delta, END, outcome, testOptions } from '../helpers/http-stream';

const server = useMockServer();
const options = (extra: FromCohereOptions = {}) => testOptions(server, 'token', extra);

const start = (id: string) => JSON.stringify(chatV2Event.start(id));
const CONTENT_START = JSON.stringify(chatV2Event.contentStart(0));
const CONTENT_END = JSON.stringify(chatV2Event.contentEnd(0));
/** A whole V2 answer with response id `id`. */
const answer = (id: string) => [start(id), CONTENT_START, delta('Hello'), CONTENT_END, END];

describe('V2 chat: a failure before the first content is retried unseen', () => {
  test('a drop after message-start and content-start: the subscriber sees only the second attempt', async () => {
    server.reply(streams(toSseText([start('first'), CONTENT_START], { done: false }), { then: 'drop' }), streams(toSseText(answer('second'))));
    const frames = await lastValueFrom(fromCohere('v2/chat', chatBody, options()).pipe(toArray()));
    expect(frames).toEqual(answer('second'));
    expect(server.requests).toHaveLength(2);
  });

  test('accumulateChat() gives the second answer, as if the first never was', async () => {
    server.reply(streams(toSseText([start('first')], { done: false }), { then: 'drop' }), streams(toSseText(answer('second'))));
    const response = await lastValueFrom(chatStream(chatBody, options()).pipe(accumulateChat()));
    expect(response.id).toBe('second');
    expect(response.message.content).toEqual([{ type: 'text', text: 'Hello' }]);
  });

  test('a body cut cleanly inside a frame before content (truncated) is retried too', async () => {
    server.reply(streams(`${toSseText([start('first')], { done: false })}data: {"type":"content-st`, { then: 'cut' }), streams(toSseText(answer('second'))));
    expect(await lastValueFrom(fromCohere('v2/chat', chatBody, options()).pipe(toArray()))).toEqual(answer('second'));
  });

  test('after the first content nothing is retried: the frames, then the ConnectionError', async () => {
    server.reply(streams(toSseText([start('first'), CONTENT_START, delta('Hel')], { done: false }), { then: 'drop' }), streams(toSseText(answer('second'))));
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options()));
    expect(values).toEqual([start('first'), CONTENT_START, delta('Hel')]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ framesReceived: 3, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });

  test('when the retries run out, the last attempt delivers what it held before the error: the partial value survives', async () => {
    const dropAfterStart = (id: string) => streams(toSseText([start(id), CONTENT_START], { done: false }), { then: 'drop' });
    server.reply(dropAfterStart('first'), dropAfterStart('last'));
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ retry: { count: 1, baseDelayMs: 1, maxDelayMs: 5 } })));
    expect(values).toEqual([start('last'), CONTENT_START]);
    expect(error).toMatchObject({ name: 'ConnectionError', framesReceived: 2, attempts: 2 });
    server.reply(dropAfterStart('first'), dropAfterStart('last'));
    const accumulated = await outcome(chatStream(chatBody, options({ retry: { count: 1, baseDelayMs: 1, maxDelayMs: 5 } })).pipe(accumulateChat()));
    expect(accumulated.error).toBeInstanceOf(IncompleteStreamError);
    expect((accumulated.error as IncompleteStreamError<ChatSnapshot>).partial.id).toBe('last');
  });

  test('with retries off, a drop after message-start is final, with the held frames first', async () => {
    server.reply(streams(toSseText([start('only')], { done: false }), { then: 'drop' }));
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ retry: { count: 0 } })));
    expect(values).toEqual([start('only')]);
    expect(error).toMatchObject({ name: 'ConnectionError', attempts: 1 });
  });

  test('a stall after message-start is not retried: the held frames, then StreamTimeoutError idle', async () => {
    server.reply(streams(toSseText([start('slow'), CONTENT_START], { done: false }), { then: 'stall' }));
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ timeouts: { idleMs: 150 } })));
    expect(values).toEqual([start('slow'), CONTENT_START]);
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  test('an abort before content delivers the held frames, then RequestAbortedError', async () => {
    server.reply(streams(toSseText([start('held')], { done: false }), { then: 'stall' }));
    const controller = new AbortController();
    const result = outcome(chatStream(chatBody, options({ signal: controller.signal })).pipe(accumulateChat()));
    await server.waitForRequest(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort('stop');
    const { error } = await result;
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as Error).cause).toBeInstanceOf(RequestAbortedError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.id).toBe('held');
  });

  test('an answer with no content at all is delivered whole when it ends', async () => {
    const empty = [start('empty'), END];
    server.reply(streams(toSseText(empty)));
    expect(await lastValueFrom(fromCohere('v2/chat', chatBody, options()).pipe(toArray()))).toEqual(empty);
  });

  test('at most one frame of text is held: past it the frames go on, and a failure after is final', async () => {
    const many = Array.from({ length: 6 }, () => CONTENT_START);
    server.reply(streams(toSseText([start('big'), ...many], { done: false }), { then: 'drop' }), streams(toSseText(answer('second'))));
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ maxFrameSize: 3 * CONTENT_START.length })));
    expect(values).toEqual([start('big'), ...many]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('V1 chat and generate', () => {
  const line = (event: object) => `${JSON.stringify(event)}\n`;
  const STREAM_START = { event_type: 'stream-start', generation_id: 'g' };

  test('V1 chat: a drop after stream-start is retried unseen', async () => {
    const whole = [STREAM_START, { event_type: 'text-generation', text: 'Hi' }, { event_type: 'stream-end', finish_reason: 'COMPLETE' }];
    server.reply(
      streams(line(STREAM_START), { contentType: JSON_LINES_CONTENT_TYPE, then: 'drop' }),
      streams(whole.map(line).join(''), { contentType: JSON_LINES_CONTENT_TYPE }),
    );
    const events = await lastValueFrom(chatStreamV1({ message: 'Hi' }, options()).pipe(toArray()));
    expect(events.map((event) => event.event_type)).toEqual(['stream-start', 'text-generation', 'stream-end']);
    expect(server.requests).toHaveLength(2);
  });

  test('generate starts with its text: a drop after it is not retried', async () => {
    server.reply(
      streams(line({ event_type: 'text-generation', text: 'Once' }), { contentType: JSON_LINES_CONTENT_TYPE, then: 'drop' }),
      streams(line({ event_type: 'stream-end', is_finished: true }), { contentType: JSON_LINES_CONTENT_TYPE }),
    );
    const { values, error } = await outcome(generateStream({ prompt: 'Hi' }, options()));
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(server.requests).toHaveLength(1);
  });
});
