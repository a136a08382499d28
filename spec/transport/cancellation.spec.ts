import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { CohereStreamError, fromCohere, RequestAbortedError, StreamTimeoutError, type FromCohereOptions } from '../../lib/index';
import { fails, neverAnswers, streams, toSseText, type MockHandler, type RecordedRequest } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, delta, END, outcome, START, testOptions } from '../helpers/http-stream';

const TOKEN = 'cancellation-secret-token-7';

const server = useMockServer();

const options = (extra: FromCohereOptions = {}) => testOptions(server, TOKEN, extra);
const chat = (extra: FromCohereOptions = {}) => fromCohere('v2/chat', chatBody, options(extra));

/** Whether the promise settles within `ms` (the bound for the server to see a close is one second). */
async function within(promise: Promise<unknown>, ms = 1000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = await Promise.race([promise.then(() => true), late]);
  clearTimeout(timer);
  return settled;
}

/** Resolves with the n-th request the server receives. */
async function nthRequest(n: number): Promise<RecordedRequest> {
  while (server.requests.length < n) await new Promise((resolve) => setTimeout(resolve, 5));
  return server.requests[n - 1] as RecordedRequest;
}

/** The server saw the client close the connection, within a second. */
async function expectClientClosed(n = 1): Promise<void> {
  const request = await nthRequest(n);
  expect(await within(request.closed)).toBe(true);
  expect(request.closedEarly()).toBe(true);
}

/** Watches rxjs's timers (scheduled with setInterval): `pending()` lists those never cleared. */
function watchTimers(): { created: () => number; pending: () => unknown[] } {
  const set = jest.spyOn(global, 'setInterval');
  const clear = jest.spyOn(global, 'clearInterval');
  return {
    created: () => set.mock.calls.length,
    pending: () => {
      const cleared = new Set<unknown>(clear.mock.calls.map(([id]) => id));
      return set.mock.results.map((result) => result.value as unknown).filter((id) => !cleared.has(id));
    },
  };
}

describe('timeouts', () => {
  test('no response headers in time: StreamTimeoutError "headers", the request aborted, not retried', async () => {
    server.reply(neverAnswers, streams(toSseText([END])));
    const { error } = await outcome(chat({ timeouts: { headersMs: 150 } }));
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'headers', limitMs: 150, framesReceived: 0 });
    expect((error as Error).message).toContain('timeouts.headersMs');
    await expectClientClosed();
    expect(server.requests).toHaveLength(1);
  });

  test('a stall after the headers: StreamTimeoutError "first-frame"', async () => {
    server.reply(streams('', { then: 'stall' }));
    const { error } = await outcome(chat({ timeouts: { firstFrameMs: 150 } }));
    expect(error).toMatchObject({ phase: 'first-frame', limitMs: 150, framesReceived: 0 });
    await expectClientClosed();
  });

  test('a stall mid-stream: the frames, then StreamTimeoutError "idle"; never a hang', async () => {
    server.reply(streams(toSseText([START, delta('Hel')], { done: false }), { then: 'stall' }));
    const { values, error } = await outcome(chat({ timeouts: { idleMs: 150 } }));
    expect(values).toEqual([START, delta('Hel')]);
    expect(error).toMatchObject({ phase: 'idle', limitMs: 150, framesReceived: 2 });
    expect(error).toBeInstanceOf(CohereStreamError);
    await expectClientClosed();
  });

  test('0 disables a limit: with no first-frame limit, a slow first frame is waited for, then idle applies', async () => {
    const slowStart: MockHandler = (reply) => {
      reply.head(200, { 'content-type': 'text/event-stream' });
      setTimeout(() => void reply.write(toSseText([START], { done: false })), 300);
    };
    server.reply(slowStart);
    const { values, error } = await outcome(chat({ timeouts: { firstFrameMs: 0, idleMs: 150 } }));
    expect(values).toEqual([START]);
    expect(error).toMatchObject({ phase: 'idle', framesReceived: 1 });
  });

  test('the idle limit costs no timer per frame: a fast stream of 2,000 frames sets a handful', async () => {
    server.reply(streams(toSseText([START, ...Array.from({ length: 2000 }, () => delta('x')), END])));
    const timers = watchTimers();
    expect(await lastValueFrom(chat().pipe(toArray()))).toHaveLength(2002);
    expect(timers.created()).toBeLessThan(20);
    expect(timers.pending()).toEqual([]);
  });

  test('no timer is left behind after completion, an error or unsubscription', async () => {
    const timers = watchTimers();
    server.reply(streams(toSseText([START, END])));
    await lastValueFrom(chat());
    server.reply(fails(400, '{}'));
    await outcome(chat());
    server.reply(streams(toSseText([START, delta('Hel')], { done: false }), { then: 'stall' }));
    await firstValueFrom(chat());
    await expectClientClosed(3);
    server.reply(fails(500, '{}'), streams(toSseText([START], { done: false })));
    await lastValueFrom(chat());
    expect(timers.created()).toBeGreaterThan(4);
    expect(timers.pending()).toEqual([]);
  });
});

describe('cancellation', () => {
  test('a stream read to its end is not aborted afterwards; one left early is', async () => {
    const signals: AbortSignal[] = [];
    const fetchWatched: FromCohereOptions['fetch'] = (input, init) => {
      if (init.signal) signals.push(init.signal);
      return fetch(input, init);
    };
    server.reply(streams(toSseText([START, delta('Hi'), END], { done: false })), streams(toSseText([START, delta('Hi'), END])));
    await lastValueFrom(chat({ fetch: fetchWatched }).pipe(toArray()));
    await lastValueFrom(chat({ fetch: fetchWatched }).pipe(toArray()));
    // The first body ended on its own; the second stopped at `data: [DONE]` with its body still open.
    expect(signals.map((signal) => signal.aborted)).toEqual([false, true]);
  });

  test('unsubscribing mid-stream aborts the request: the server sees the connection close', async () => {
    server.reply(streams(toSseText([START, delta('Hel')], { done: false }), { then: 'stall' }));
    expect(await firstValueFrom(chat())).toBe(START);
    await expectClientClosed();
  });

  test('unsubscribing while waiting for headers aborts the request too', async () => {
    server.reply(neverAnswers);
    const subscription = chat().subscribe();
    await nthRequest(1);
    subscription.unsubscribe();
    await expectClientClosed();
  });

  test('unsubscribing is silent', async () => {
    server.reply(streams(toSseText([START, delta('Hel')], { done: false }), { then: 'stall' }));
    const seen: string[] = [];
    const subscription = chat().subscribe({ next: () => seen.push('next'), error: () => seen.push('error'), complete: () => seen.push('complete') });
    await nthRequest(1);
    while (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    subscription.unsubscribe();
    await expectClientClosed();
    expect(seen).toEqual(['next', 'next']);
  });

  test('an external signal aborting mid-stream ends the stream with RequestAbortedError carrying the reason', async () => {
    server.reply(streams(toSseText([START, delta('Hel')], { done: false }), { then: 'stall' }));
    const controller = new AbortController();
    const removed = jest.spyOn(controller.signal, 'removeEventListener');
    const result = outcome(chat({ signal: controller.signal }));
    await nthRequest(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort('user pressed stop');
    const { values, error } = await result;
    expect(values).toEqual([START, delta('Hel')]);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ name: 'RequestAbortedError', reason: 'user pressed stop', endpoint: 'v2/chat' });
    expect((error as Error).message).toContain('user pressed stop');
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    await expectClientClosed();
  });

  test('an external abort during a retry wait ends it at once, and nothing more is sent', async () => {
    server.reply(fails(503, '{"message":"busy"}'), streams(toSseText([END])));
    const controller = new AbortController();
    const result = outcome(chat({ signal: controller.signal, retry: { count: 2, baseDelayMs: 60_000, maxDelayMs: 60_000 } }));
    const first = await nthRequest(1);
    await first.closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('navigated away'));
    expect(await within(result)).toBe(true);
    expect((await result).error).toMatchObject({ name: 'RequestAbortedError', reason: new Error('navigated away') });
    expect(server.requests).toHaveLength(1);
  });

  test('a signal aborted already sends nothing', async () => {
    const { error } = await outcome(chat({ signal: AbortSignal.abort('too late') }));
    expect(error).toMatchObject({ name: 'RequestAbortedError', reason: 'too late' });
    expect(server.requests).toHaveLength(0);
  });

  test('a signal that never aborts lets the stream complete, and its listener is removed', async () => {
    server.reply(streams(toSseText([START, END])));
    const controller = new AbortController();
    const added = jest.spyOn(controller.signal, 'addEventListener');
    const removed = jest.spyOn(controller.signal, 'removeEventListener');
    expect(await lastValueFrom(chat({ signal: controller.signal }))).toBe(END);
    expect(added).toHaveBeenCalledTimes(1);
    expect(removed).toHaveBeenCalledTimes(1);
  });
});
