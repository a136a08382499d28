import { lastValueFrom, take, toArray } from 'rxjs';
import {
  accumulateChat,
  chatSnapshots,
  ConnectionError,
  IncompleteStreamError,
  InvalidOptionError,
  RequestValidationError,
  UnauthorizedError,
  type ChatResponse,
  type ChatSnapshot,
} from '../../../lib/index';
import { httpClientChatStream } from '../../../lib/transport/angular/index';
import { chatResponseOf, chatV2Events, fails, sseStream, streams, toSseText, type ChatScript } from '../../../lib/testing/index';
import { outcome } from '../../helpers/http-stream';
import { closedWithin, useMockServer } from '../../helpers/mock-server';
import { useAngularHttp } from './angular-http';

const server = useMockServer();

const angular = useAngularHttp();

const url = () => `${server.baseUrl}/api/chat`;
const request = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hi' }] };
const script: ChatScript = { text: ['Hello', ', wörld', ' 👋'] };
const textOf = (snapshot: ChatSnapshot): string => snapshot.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join('');

describe('httpClientChatStream (Angular HttpClient on FetchBackend, against a local server)', () => {
  it('posts the chat with stream: true and emits its typed events, which accumulate to the response', async () => {
    server.reply(sseStream(chatV2Events(script), { pieceSize: 7 }));

    const response = await lastValueFrom(httpClientChatStream(angular.http, url(), request).pipe(accumulateChat()));

    expect(response).toEqual(chatResponseOf(script));
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/api/chat', json: { ...request, stream: true } });
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('checks the body first: an invalid one is a RequestValidationError and nothing is sent', async () => {
    const { error } = await outcome(httpClientChatStream(angular.http, url(), { model: 'command-a-03-2025', messages: 'Hi' } as never));
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({ endpoint: 'v2/chat', issues: [expect.objectContaining({ path: 'messages' })] });
    expect(server.requests).toEqual([]);
  });

  it("refuses a member the API reference does not list, unless unknownFields is 'send'", async () => {
    const body = { ...request, maxTokens: 5 } as never;
    const { error } = await outcome(httpClientChatStream(angular.http, url(), body));
    expect(error).toMatchObject({ name: 'RequestValidationError', path: 'maxTokens', expected: 'no such member (did you mean "max_tokens"?)' });
    expect(server.requests).toEqual([]);
    server.reply(sseStream(chatV2Events(script)));
    await lastValueFrom(httpClientChatStream(angular.http, url(), body, { unknownFields: 'send' }).pipe(accumulateChat()));
    expect(server.requests[0]?.json).toEqual({ ...request, maxTokens: 5, stream: true });
    expect(() => httpClientChatStream(angular.http, url(), request, { unknownFields: 'never' as 'send' })).toThrow(InvalidOptionError);
  });

  it('passes an error status on typed', async () => {
    server.reply(fails(401, { message: 'invalid api token' }));
    const { values, error } = await outcome(httpClientChatStream(angular.http, url(), request));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(UnauthorizedError);
  });

  it('a stream cut mid-answer: chatSnapshots() fails with an IncompleteStreamError carrying the partial answer', async () => {
    server.reply(streams(toSseText(chatV2Events(script).slice(0, 4), { done: false }), { then: 'drop' }));

    const { values, error } = await outcome(httpClientChatStream(angular.http, url(), request).pipe(chatSnapshots()));

    expect(values.map(textOf)).toContain('Hello, wörld');
    expect(error).toBeInstanceOf(IncompleteStreamError);
    const incomplete = error as IncompleteStreamError<ChatSnapshot>;
    expect(textOf(incomplete.partial)).toBe('Hello, wörld');
    expect(incomplete.cause).toBeInstanceOf(ConnectionError);
  });

  it('a body that ends cleanly before message-end is incomplete too', async () => {
    server.reply(streams(toSseText(chatV2Events(script).slice(0, 3), { done: false })));
    const { error } = await outcome(httpClientChatStream(angular.http, url(), request).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatResponse>).partial.message.content).toEqual([{ type: 'text', text: 'Hello' }]);
  });

  it('take(3) closes the connection on the server', async () => {
    server.reply(sseStream(chatV2Events(script), { done: false, then: 'stall' }));

    const events = await lastValueFrom(httpClientChatStream(angular.http, url(), request).pipe(take(3), toArray()));

    expect(events.map((event) => event.type)).toEqual(['message-start', 'content-start', 'content-delta']);
    await closedWithin(server.requests[0]);
    expect(server.requests[0]?.closedEarly()).toBe(true);
  });
});
