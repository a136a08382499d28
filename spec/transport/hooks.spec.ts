/**
 * `onRequest`, `onResponse` and `onRetry`: what the transport does, told without the key, and a
 * hook that throws never breaks the stream.
 */
import { lastValueFrom, toArray } from 'rxjs';
import {
  createCohere,
  fromCohere,
  InvalidOptionError,
  ServiceUnavailableError,
  type FromCohereOptions,
  type TransportRequest,
  type TransportResponse,
  type TransportRetry,
} from '../../lib/index';
import { fails, streams, toSseText } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, END, outcome, START, testOptions } from '../helpers/http-stream';

const TOKEN = 'sk-HOOKSECRET-314';
const server = useMockServer();
const options = (extra: FromCohereOptions = {}) => testOptions(server, TOKEN, extra);

/** Records every hook call, in order. */
function recorder() {
  const calls: (['request', TransportRequest] | ['response', TransportResponse] | ['retry', TransportRetry])[] = [];
  const hooks: FromCohereOptions = {
    onRequest: (request) => calls.push(['request', request]),
    onResponse: (response) => calls.push(['response', response]),
    onRetry: (retry) => calls.push(['retry', retry]),
  };
  return { calls, hooks };
}

test('a retried request: request, response, retry, request, response, in order, with attempt numbers', async () => {
  const { calls, hooks } = recorder();
  server.reply(
    fails(503, '{"message":"busy"}', { 'x-request-id': 'r-1', 'retry-after': '0.01' }),
    streams(toSseText([START, END]), { headers: { 'x-debug-trace-id': 't-2' } }),
  );
  expect(await lastValueFrom(fromCohere('v2/chat', chatBody, options(hooks)).pipe(toArray()))).toEqual([START, END]);
  const url = `${server.baseUrl}/v2/chat`;
  expect(calls.map(([kind, info]) => [kind, info.attempt])).toEqual([
    ['request', 1],
    ['response', 1],
    ['retry', 2],
    ['request', 2],
    ['response', 2],
  ]);
  expect(calls[0]?.[1]).toEqual({ endpoint: 'v2/chat', url, attempt: 1 });
  expect(calls[1]?.[1]).toMatchObject({ endpoint: 'v2/chat', status: 503, requestId: 'r-1', attempt: 1 });
  expect((calls[1]?.[1] as TransportResponse).headers).toMatchObject({ 'content-type': 'application/json', 'retry-after': '0.01' });
  const retry = calls[2]?.[1] as TransportRetry;
  expect(retry).toMatchObject({ endpoint: 'v2/chat', attempt: 2, delayMs: 10 });
  expect(retry.error).toBeInstanceOf(ServiceUnavailableError);
  expect(calls[4]?.[1]).toMatchObject({ status: 200, requestId: 't-2', attempt: 2 });
});

test('hook arguments never carry the key nor a credential header: they are dropped or redacted', async () => {
  const { calls, hooks } = recorder();
  server.reply(
    fails(500, `{"message":"bad key ${TOKEN}"}`, {
      'x-request-id': `id-${TOKEN}`,
      'set-cookie': 'session=abcdef123456',
      'www-authenticate': `Bearer ${TOKEN}`,
    }),
    streams(toSseText([START, END]), { headers: { 'x-echo': TOKEN.replace(/-/g, '\\u002d') } }),
  );
  await lastValueFrom(fromCohere('v2/chat', chatBody, options({ ...hooks, headers: { 'X-Api-Key': 'pk-HOOKPROXY-9' } })).pipe(toArray()));
  const [, first] = calls[1] ?? [];
  expect(Object.keys((first as TransportResponse).headers)).not.toContain('set-cookie');
  expect(Object.keys((first as TransportResponse).headers)).not.toContain('www-authenticate');
  expect((first as TransportResponse).requestId).toBe('id-[redacted]');
  const text = JSON.stringify(calls, (_key, value: unknown) => (value instanceof Error ? `${value.name}: ${value.message} ${JSON.stringify(value)}` : value));
  expect(text).not.toContain('HOOKSECRET');
  expect(text).not.toContain('abcdef123456');
});

test('a redirect followed is a request and a response of its own, in the same attempt', async () => {
  const { calls, hooks } = recorder();
  server.reply(fails(307, '', { location: '/v2/chat-moved' }), streams(toSseText([START, END])));
  await lastValueFrom(fromCohere('v2/chat', chatBody, options({ ...hooks, redirects: 'follow-same-origin' })).pipe(toArray()));
  expect(calls.map(([kind, info]) => [kind, info.attempt, 'url' in info ? info.url : 'status' in info ? info.status : info.delayMs])).toEqual([
    ['request', 1, `${server.baseUrl}/v2/chat`],
    ['response', 1, 307],
    ['request', 1, `${server.baseUrl}/v2/chat-moved`],
    ['response', 1, 200],
  ]);
});

test('hooks that throw do not break the stream: the first error is reported once with console.warn, without the key', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const thrower = () => {
    throw new Error(`hook bug with ${TOKEN}`);
  };
  server.reply(fails(503, '{}'), streams(toSseText([START, END])));
  const { values, error } = await outcome(fromCohere('v2/chat', chatBody, options({ onRequest: thrower, onResponse: thrower, onRetry: thrower })));
  expect(error).toBeUndefined();
  expect(values).toEqual([START, END]);
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]?.[0])).toContain('onRequest hook');
  expect(JSON.stringify(warn.mock.calls[0]?.map((argument) => (argument instanceof Error ? argument.message : argument)))).not.toContain('HOOKSECRET');
});

test('hooks are options like the others: client defaults, replaced by a call, checked at the call', async () => {
  const fromClient: number[] = [];
  const fromCall: number[] = [];
  const cohere = createCohere({ token: TOKEN, baseUrl: server.baseUrl, onRequest: (request) => fromClient.push(request.attempt) });
  server.reply(streams(toSseText([START, END])), streams(toSseText([START, END])));
  await lastValueFrom(cohere.fromCohere('v2/chat', chatBody).pipe(toArray()));
  await lastValueFrom(cohere.fromCohere('v2/chat', chatBody, { onRequest: (request) => fromCall.push(request.attempt) }).pipe(toArray()));
  expect([fromClient, fromCall]).toEqual([[1], [1]]);
  expect(() => fromCohere('v2/chat', chatBody, { onRetry: 'log' as unknown as () => void })).toThrow(InvalidOptionError);
  expect(() => createCohere({ onResponse: 42 as unknown as () => void })).toThrow('The option onResponse accepts a function, received 42');
});
