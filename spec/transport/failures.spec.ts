import type { Observable } from 'rxjs';
import {
  accumulateChat,
  BadRequestError,
  chatStream,
  ClientClosedRequestError,
  CohereHttpError,
  CohereStreamError,
  ConnectionError,
  ForbiddenError,
  fromCohere,
  GatewayTimeoutError,
  IncompleteStreamError,
  InternalServerError,
  InvalidTokenError,
  NotFoundError,
  NotImplementedError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableEntityError,
  type ChatSnapshot,
  type FromCohereOptions,
} from '../../lib/index';
import { dropsBeforeAnswer, fails, startMockCohereServer, streams, toSseText } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, delta, END, outcome, START, testOptions } from '../helpers/http-stream';

const TOKEN = 'secret-token-must-never-leak-42';

const server = useMockServer();

const options = (extra: FromCohereOptions = {}) => testOptions(server, TOKEN, extra);
const chat = (extra: FromCohereOptions = {}) => fromCohere('v2/chat', chatBody, options(extra));

const failure = async (source: Observable<unknown>) => (await outcome(source)).error;

/** The token appears nowhere in the error: fields, message, or its causes' messages. */
function expectNoToken(error: unknown): void {
  expect(error).toBeInstanceOf(CohereStreamError);
  const texts = [JSON.stringify(error), String(error), (error as Error).message, (error as Error).stack ?? ''];
  for (let cause = (error as Error).cause; cause instanceof Error; cause = cause.cause) texts.push(cause.message, JSON.stringify(cause));
  for (const text of texts) expect(text).not.toContain(TOKEN);
}

describe('HTTP errors before the stream', () => {
  test('401 with a JSON body: UnauthorizedError with status, Cohere message, request id and body; not retried', async () => {
    const body = JSON.stringify({ id: 'e1', message: 'invalid api token' });
    server.reply(fails(401, body, { 'x-debug-trace-id': 'trace-401' }));
    const error = await failure(chat());
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toBeInstanceOf(CohereHttpError);
    expect(error).toMatchObject({
      name: 'UnauthorizedError',
      status: 401,
      endpoint: 'v2/chat',
      cohereMessage: 'invalid api token',
      requestId: 'trace-401',
      body,
      bodyIsJson: true,
    });
    expect((error as Error).message).toContain('401');
    expect((error as Error).message).toContain('"invalid api token"');
    expect((error as Error).message).toContain('trace-401');
    expect(server.requests).toHaveLength(1);
    expectNoToken(error);
  });

  test('a body that echoes the token has it redacted, and x-request-id is read too', async () => {
    server.reply(fails(403, JSON.stringify({ message: `key ${TOKEN} may not use this model` }), { 'x-request-id': 'req-9' }));
    const error = await failure(chat());
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toMatchObject({ requestId: 'req-9', cohereMessage: 'key [redacted] may not use this model' });
    expectNoToken(error);
  });

  test('a status text or headers that echo the token have it redacted too: they are part of the message', async () => {
    server.reply((reply) => {
      reply.head(401, { 'content-type': `text/html; ${TOKEN}`, 'x-request-id': `req-${TOKEN}` }, { statusText: `Unauthorized ${TOKEN}` });
      reply.end('<html>denied</html>');
    });
    const error = await failure(chat());
    expect(error).toMatchObject({ status: 401, requestId: 'req-[redacted]', contentType: 'text/html; [redacted]' });
    expect((error as Error).message).toContain('401 Unauthorized [redacted]');
    expectNoToken(error);
  });

  test('a long body that echoes the token across the length limit keeps no piece of it', async () => {
    const start = TOKEN.slice(0, 12);
    // The token straddles the 4096-character cut, once as is and once after an earlier echo shortened by redaction.
    const bodies = [`${'x'.repeat(4070)}${TOKEN}${'y'.repeat(500)}`, `${TOKEN}${'x'.repeat(4070)}${TOKEN}${'y'.repeat(500)}`];
    for (const body of bodies) {
      server.reply(fails(401, body, { 'content-type': 'text/html' }));
      const error = await failure(chat());
      expect(error).toMatchObject({ status: 401, bodyTruncated: true });
      expect((error as CohereHttpError).body).not.toContain(start);
      expect((error as Error).message).not.toContain(start);
      expectNoToken(error);
    }
  });

  test('502 with an HTML page from a proxy: a CohereHttpError that says the body is not JSON and quotes it', async () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>${'<p>filler</p>'.repeat(500)}</body></html>`;
    server.reply(fails(502, html, { 'content-type': 'text/html' }));
    const error = await failure(chat({ retry: { count: 0 } }));
    expect((error as object).constructor).toBe(CohereHttpError);
    expect(error).toMatchObject({ status: 502, bodyIsJson: false, contentType: 'text/html', cohereMessage: undefined, bodyTruncated: true });
    expect((error as CohereHttpError).body).toHaveLength(4096);
    expect((error as Error).message).toContain('not JSON (text/html');
    expect((error as Error).message).toContain('<title>502 Bad Gateway</title>');
    expect((error as Error).message.length).toBeLessThan(800);
  });

  test.each([
    [400, BadRequestError],
    [401, UnauthorizedError],
    [403, ForbiddenError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
    [429, TooManyRequestsError],
    [498, InvalidTokenError],
    [499, ClientClosedRequestError],
    [500, InternalServerError],
    [501, NotImplementedError],
    [503, ServiceUnavailableError],
    [504, GatewayTimeoutError],
    [418, CohereHttpError],
  ])('status %i is a %p', async (status, ErrorClass) => {
    server.reply(fails(status, JSON.stringify({ message: `status ${status}` })));
    const error = await failure(chat({ retry: { count: 0 } }));
    expect((error as object).constructor).toBe(ErrorClass);
    expect(error).toMatchObject({ status, cohereMessage: `status ${status}`, name: ErrorClass.name });
    expectNoToken(error);
  });

  test('a refused connection is a ConnectionError with the cause', async () => {
    const closed = await startMockCohereServer();
    await closed.close();
    const error = await failure(fromCohere('v2/chat', chatBody, { ...options({ retry: { count: 0 } }), baseUrl: closed.baseUrl }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ framesReceived: 0, endpoint: 'v2/chat' });
    expect((error as Error).cause).toBeDefined();
    expect((error as Error).message).toContain('ECONNREFUSED');
    expectNoToken(error);
  });

  test('a refused connection says how often it was sent: once with retries off, not "retried as configured"', async () => {
    const closed = await startMockCohereServer();
    await closed.close();
    const once = await failure(fromCohere('v2/chat', chatBody, { ...options({ retry: { count: 0 } }), baseUrl: closed.baseUrl }));
    expect(once).toMatchObject({ name: 'ConnectionError', attempts: 1 });
    expect((once as Error).message).not.toContain('retried as configured');
    expect((once as Error).message).toContain('sent once: retries are off (`retry.count` is 0)');
    const thrice = await failure(
      fromCohere('v2/chat', chatBody, { ...options({ retry: { count: 2, baseDelayMs: 1, maxDelayMs: 5 } }), baseUrl: closed.baseUrl }),
    );
    expect(thrice).toMatchObject({ name: 'ConnectionError', attempts: 3 });
    expect((thrice as Error).message).toContain('sent 3 times (2 retries)');
  });
});

describe('retries', () => {
  test('429 with Retry-After, then success (the wait is cut to maxDelayMs)', async () => {
    server.reply(fails(429, '{"message":"slow down"}', { 'retry-after': '30' }), streams(toSseText([START, END])));
    const { values, error } = await outcome(chat());
    expect(error).toBeUndefined();
    expect(values).toEqual([START, END]);
    expect(server.requests).toHaveLength(2);
  });

  test('429 with an HTTP-date Retry-After or X-RateLimit-Reset, then success', async () => {
    server.reply(
      fails(429, '{}', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }),
      fails(429, '{}', { 'x-ratelimit-reset': '1' }),
      streams(toSseText([END])),
    );
    expect((await outcome(chat())).values).toEqual([END]);
    expect(server.requests).toHaveLength(3);
  });

  test('500 twice, then success: every request is the same', async () => {
    server.reply(fails(500, '{"message":"oops"}'), fails(500, '{"message":"oops"}'), streams(toSseText([START, END])));
    const { values, error } = await outcome(chat());
    expect(error).toBeUndefined();
    expect(values).toEqual([START, END]);
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);
  });

  test('500 three times with count 2: the last error is reported', async () => {
    server.reply(fails(500, '{"message":"1"}'), fails(503, '{"message":"2"}'), fails(500, '{"message":"3"}'));
    const error = await failure(chat());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ cohereMessage: '3' });
    expect(server.requests).toHaveLength(3);
  });

  test('count 0 disables retries', async () => {
    server.reply(fails(500, '{"message":"oops"}'), streams(toSseText([END])));
    expect(await failure(chat({ retry: { count: 0 } }))).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  test('a 4xx other than 408 and 429 is not retried', async () => {
    server.reply(fails(400, '{"message":"bad"}'), streams(toSseText([END])));
    expect(await failure(chat())).toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  test('408 is retried', async () => {
    server.reply(fails(408, '{"message":"timeout"}'), streams(toSseText([END])));
    expect((await outcome(chat())).values).toEqual([END]);
    expect(server.requests).toHaveLength(2);
  });

  test('a connection dropped before the answer, or before the first frame, is retried', async () => {
    server.reply(dropsBeforeAnswer, streams('event: message-start\ndata: {"type":"mess', { then: 'drop' }), streams(toSseText([START, END])));
    const { values, error } = await outcome(chat());
    expect(error).toBeUndefined();
    expect(values).toEqual([START, END]);
    expect(server.requests).toHaveLength(3);
  });

  test('nothing is retried once a frame was emitted: a drop mid-stream is a ConnectionError after one request', async () => {
    server.reply(
      streams(`${toSseText([START, delta('Hel')], { done: false })}event: content-delta\ndata: {"type":"content-del`, { then: 'drop' }),
      streams(toSseText([START, END])),
    );
    const { values, error } = await outcome(chat());
    expect(values).toEqual([START, delta('Hel')]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ framesReceived: 2 });
    expect((error as Error).cause).toBeDefined();
    expect((error as Error).message).toContain('dropped after 2 frame(s)');
    expect((error as Error).message).toContain('The request was sent once.');
    expect(server.requests).toHaveLength(1);
    expectNoToken(error);
  });
});

describe('a dropped connection with accumulateChat', () => {
  test('a cut the client cannot tell from a clean end gives IncompleteStreamError with the partial text', async () => {
    server.reply(
      streams(
        toSseText(
          [START, JSON.stringify({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } }), delta('Hel'), delta('lo')],
          { done: false },
        ),
        { then: 'cut' },
      ),
    );
    const { values, error } = await outcome(chatStream(chatBody, options()).pipe(accumulateChat()));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    const partial = (error as IncompleteStreamError<ChatSnapshot>).partial;
    expect(partial.message.content[0]).toMatchObject({ type: 'text', text: 'Hello' });
    expect(error).toMatchObject({ protocol: 'chatV2', expected: 'message-end', eventCount: 4 });
  });

  test('a body that ends cleanly inside a frame is an IncompleteStreamError with the partial text, caused by the truncated frame', async () => {
    const contentStart = JSON.stringify({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    server.reply(
      streams(`${toSseText([START, contentStart, delta('Hel')], { done: false })}event: content-delta\ndata: {"type":"content-del`, { then: 'cut' }),
    );
    const { error } = await outcome(chatStream(chatBody, options()).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toMatchObject({ type: 'text', text: 'Hel' });
    expect((error as Error).cause).toMatchObject({ name: 'DecodeError', reason: 'truncated' });
  });

  test('a drop the client detects is an IncompleteStreamError with the partial text, caused by the ConnectionError', async () => {
    const contentStart = JSON.stringify({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    server.reply(
      streams(`${toSseText([START, contentStart, delta('Hel')], { done: false })}event: content-delta\ndata: {"type":"content-del`, { then: 'drop' }),
    );
    const { values, error } = await outcome(chatStream(chatBody, options()).pipe(accumulateChat()));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toMatchObject({ type: 'text', text: 'Hel' });
    expect((error as Error).cause).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toMatchObject({ framesReceived: 3 });
    expect(server.requests).toHaveLength(1);
  });
});
