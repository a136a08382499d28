/**
 * Deadlines and shared signals: a stream that trickles just within the idle limit ends at
 * `timeouts.totalMs`, and one `signal` shared by many subscriptions has one listener.
 */
import { getEventListeners } from 'node:events';
import { firstValueFrom, lastValueFrom, timeout, toArray } from 'rxjs';
import {
  accumulateChat,
  chatStream,
  fromCohere,
  IncompleteStreamError,
  RequestAbortedError,
  StreamTimeoutError,
  type ChatSnapshot,
  type FromCohereOptions,
} from '../../lib/index';
import { bedrockChatStream, fromBedrock } from '../../lib/transport/bedrock/index';
import { bedrockChunkMessage, endlessStream, EVENT_STREAM_CONTENT_TYPE, fails, streams, toSseText } from '../../lib/testing/index';
import { bedrockClient, useAwsServer, useMockServer } from '../helpers/mock-server';
import { chatBody, delta, END, outcome, START, testOptions } from '../helpers/http-stream';

const server = useMockServer();
const options = (extra: FromCohereOptions = {}) => testOptions(server, 'token', extra);
const contentStart = JSON.stringify({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });

describe('timeouts.totalMs', () => {
  test('a stream that trickles a frame well within idleMs ends at totalMs with StreamTimeoutError "total", and the request is aborted', async () => {
    server.reply(endlessStream(toSseText([delta('.')], { done: false }), { gapMs: 40, limit: 10_000 }));
    const started = Date.now();
    const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ timeouts: { idleMs: 2000, totalMs: 400 } })));
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'total', limitMs: 400, endpoint: 'v2/chat' });
    expect((error as StreamTimeoutError).framesReceived).toBeGreaterThan(2);
    expect((error as Error).message).toContain('timeouts.totalMs');
    expect(values.length).toBeGreaterThan(2);
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(2000);
    const [request] = server.requests;
    await request?.closed;
    expect(request?.closedEarly()).toBe(true);
  });

  test('with accumulateChat(): an IncompleteStreamError carrying the text so far, caused by the deadline', async () => {
    // The start of an answer, then a tiny delta every 30 ms for as long as the client listens.
    server.reply(async (reply) => {
      reply.head(200, { 'content-type': 'text/event-stream' });
      await reply.write(toSseText([START, contentStart], { done: false }));
      while (!reply.isClosed()) {
        await reply.write(toSseText([delta('.')], { done: false }));
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
    });
    const { error } = await outcome(chatStream(chatBody, options({ timeouts: { idleMs: 2000, totalMs: 300 } })).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as Error).cause).toMatchObject({ name: 'StreamTimeoutError', phase: 'total' });
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toMatchObject({ type: 'text' });
  });

  test('the deadline counts from subscription: a wait for a retry the server asks for does not outlive it', async () => {
    server.reply(fails(503, '{"message":"busy"}', { 'retry-after': '30' }), streams(toSseText([START, END])));
    const started = Date.now();
    const { error } = await outcome(fromCohere('v2/chat', chatBody, options({ retry: { count: 2, maxDelayMs: 60_000 }, timeouts: { totalMs: 300 } })));
    expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'total', framesReceived: 0 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(1);
  });

  test('off by default, and a stream that ends in time is not touched', async () => {
    server.reply(streams(toSseText([START, END]), { gapMs: 50 }), streams(toSseText([START, END]), { gapMs: 50 }));
    expect(await lastValueFrom(fromCohere('v2/chat', chatBody, options()).pipe(toArray()))).toEqual([START, END]);
    expect(await lastValueFrom(fromCohere('v2/chat', chatBody, options({ timeouts: { totalMs: 60_000 } })).pipe(toArray()))).toEqual([START, END]);
  });

  describe('on AWS', () => {
    const bed = useAwsServer('http1', bedrockClient);
    const chunk = bedrockChunkMessage({ event_type: 'text-generation', text: '.' });

    test('a Bedrock stream that trickles chunks ends at totalMs with StreamTimeoutError "total"', async () => {
      bed.server.reply(endlessStream(chunk, { gapMs: 40, contentType: EVENT_STREAM_CONTENT_TYPE, limit: 10_000 }));
      const { values, error } = await outcome(
        fromBedrock(bed.client, { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi' } }, { timeouts: { idleMs: 2000, totalMs: 400 } }),
      );
      expect(values.length).toBeGreaterThan(2);
      expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'total', limitMs: 400 });
    });
  });
});

describe('one signal shared by many subscriptions', () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    warnings.length = 0;
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
  });
  /** Lets Node emit the warnings it queued. */
  const warningsSettle = () => new Promise((resolve) => setTimeout(resolve, 20));

  test('30 streams on one signal: one listener, no MaxListenersExceededWarning, and all end with RequestAbortedError on abort', async () => {
    server.route('/v2/chat', streams(toSseText([START], { done: false }), { then: 'stall' }));
    const controller = new AbortController();
    const results = Array.from({ length: 30 }, () => outcome(chatStream(chatBody, options({ signal: controller.signal }))));
    await server.waitForRequest(29);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort('stop');
    for (const { error } of await Promise.all(results)) expect(error).toBeInstanceOf(RequestAbortedError);
    await warningsSettle();
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('the listener goes when the last stream ends, and the signal works again for new streams', async () => {
    server.route('/v2/chat', streams(toSseText([START, END])));
    const controller = new AbortController();
    const finished = Array.from({ length: 15 }, () => lastValueFrom(fromCohere('v2/chat', chatBody, options({ signal: controller.signal })).pipe(toArray())));
    for (const frames of await Promise.all(finished)) expect(frames).toEqual([START, END]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    server.reset();
    server.route('/v2/chat', streams(toSseText([START], { done: false }), { then: 'stall' }));
    const late = outcome(fromCohere('v2/chat', chatBody, options({ signal: controller.signal })));
    const dropped = fromCohere('v2/chat', chatBody, options({ signal: controller.signal })).subscribe({ error: () => undefined });
    await server.waitForRequest(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    // One stream unsubscribing leaves the other's watch in place.
    dropped.unsubscribe();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort('late');
    expect((await late).error).toMatchObject({ name: 'RequestAbortedError', reason: 'late' });
    await warningsSettle();
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  describe('on AWS', () => {
    const bed = useAwsServer('http1', bedrockClient);

    test('20 Bedrock streams on one signal: one listener, no warning', async () => {
      const chunk = bedrockChunkMessage({ event_type: 'text-generation', text: '.' });
      bed.server.route(() => true, endlessStream(chunk, { gapMs: 50, contentType: EVENT_STREAM_CONTENT_TYPE, limit: 10_000 }));
      const controller = new AbortController();
      const results = Array.from({ length: 20 }, () =>
        outcome(bedrockChatStream(bed.client, { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi' } }, { signal: controller.signal })),
      );
      await bed.server.waitForRequest(19, 10_000);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      controller.abort('stop');
      for (const { error } of await Promise.all(results)) expect(error).toBeInstanceOf(RequestAbortedError);
      await warningsSettle();
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    });
  });
});

test('a frame still arrives promptly when totalMs is far away', async () => {
  server.reply(streams(toSseText([START, END])));
  expect(await firstValueFrom(fromCohere('v2/chat', chatBody, options({ timeouts: { totalMs: 2 ** 31 - 1 } })).pipe(timeout({ first: 2000 })))).toBe(START);
});
