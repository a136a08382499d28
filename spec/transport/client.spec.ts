/**
 * `createCohere`, `createBedrock` and `createSageMaker`: the free functions bound to defaults,
 * each call's options merged over them.
 */
import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { createCohere, InvalidOptionError, StreamTimeoutError, type CohereStreamOptions, type UnknownEvent } from '../../lib/index';
import { createBedrock } from '../../lib/transport/bedrock/index';
import { createSageMaker } from '../../lib/transport/sagemaker/index';
import { mergeOptions } from '../../lib/transport/merge-options';
import { bedrockChunkMessage, eventStream, fails, JSON_LINES_CONTENT_TYPE, payloadPartMessage, streams, toSseText } from '../../lib/testing/index';
import { bedrockClient, sagemakerClient, useAwsServer, useMockServer } from '../helpers/mock-server';
import { chatBody, END, outcome, START } from '../helpers/http-stream';

const server = useMockServer();
const settle = <T>(source: Observable<T>) => outcome(source);

describe('createCohere', () => {
  const client = () =>
    createCohere({
      token: 'client-token',
      baseUrl: server.baseUrl,
      headers: { 'X-Team': 'search', 'X-Region': 'eu' },
      retry: { count: 0, baseDelayMs: 1 },
      timeouts: { headersMs: 5000, idleMs: 5000 },
    });

  test('the four functions use the defaults: key, base URL, headers', async () => {
    const cohere = client();
    server.reply(
      streams(toSseText([START, END])),
      streams(toSseText([START, END])),
      streams('{"event_type":"stream-end"}\n', { contentType: JSON_LINES_CONTENT_TYPE }),
      streams('{"event_type":"stream-end","is_finished":true}\n', { contentType: JSON_LINES_CONTENT_TYPE }),
    );
    expect(await lastValueFrom(cohere.fromCohere('v2/chat', chatBody).pipe(toArray()))).toEqual([START, END]);
    expect(await lastValueFrom(cohere.chatStream(chatBody).pipe(toArray()))).toHaveLength(2);
    expect(await lastValueFrom(cohere.chatStreamV1({ message: 'Hi' }).pipe(toArray()))).toHaveLength(1);
    expect(await lastValueFrom(cohere.generateStream({ prompt: 'Hi' }).pipe(toArray()))).toHaveLength(1);
    expect(server.requests.map((request) => request.path)).toEqual(['/v2/chat', '/v2/chat', '/v1/chat', '/v1/generate']);
    for (const request of server.requests) {
      expect(request.headers['authorization']).toBe('Bearer client-token');
      expect(request.headers['x-team']).toBe('search');
    }
  });

  test("a call's options win; headers merge by name (ignoring case), and undefined keeps the default", async () => {
    server.reply(streams(toSseText([START, END])));
    await lastValueFrom(
      client()
        .chatStream(chatBody, { token: 'call-token', headers: { 'x-team': 'ads', 'X-Call': '1' }, baseUrl: undefined })
        .pipe(toArray()),
    );
    const [request] = server.requests;
    expect(request?.headers['authorization']).toBe('Bearer call-token');
    expect(request?.headers['x-team']).toBe('ads');
    expect(request?.headers['x-region']).toBe('eu');
    expect(request?.headers['x-call']).toBe('1');
  });

  test("timeouts and retry merge member by member: a call's idleMs keeps the client's retry.count and other limits", async () => {
    const cohere = createCohere({
      token: 't',
      baseUrl: server.baseUrl,
      retry: { count: 2, baseDelayMs: 1, maxDelayMs: 5 },
      timeouts: { idleMs: 5000, totalMs: 5000 },
    });
    // The call shortens idleMs: the stall trips it, not the client's 5 s.
    server.reply(
      streams(toSseText([START, JSON.stringify({ type: 'content-delta', index: 0, delta: { message: { content: { text: 'x' } } } })], { done: false }), {
        then: 'stall',
      }),
    );
    const { error } = await settle(cohere.fromCohere('v2/chat', chatBody, { timeouts: { idleMs: 150 } }));
    expect(error).toBeInstanceOf(StreamTimeoutError);
    expect(error).toMatchObject({ phase: 'idle', limitMs: 150 });
    // The call's retry.maxDelayMs keeps the client's count of 2.
    server.reply(fails(503, '{}'), fails(503, '{}'), streams(toSseText([START, END])));
    expect((await settle(cohere.fromCohere('v2/chat', chatBody, { retry: { maxDelayMs: 2 } }))).values).toEqual([START, END]);
    expect(server.requests).toHaveLength(4);
  });

  test('onUnknownEvent from the defaults reaches the conveniences', async () => {
    const seen: UnknownEvent[] = [];
    const cohere = createCohere({ token: 't', baseUrl: server.baseUrl, onUnknownEvent: (event) => seen.push(event) });
    server.reply(streams(toSseText([START, '{"type":"brand-new"}', END])));
    await lastValueFrom(cohere.chatStream(chatBody).pipe(toArray()));
    expect(seen.map((event) => event.eventType)).toEqual(['brand-new']);
  });

  test('defaults out of range are an InvalidOptionError from createCohere; a call out of range, from the call', () => {
    expect(() => createCohere({ timeouts: { idleMs: Number.NaN } })).toThrow(InvalidOptionError);
    expect(() => createCohere({ maxFrameSize: 0 })).toThrow('maxFrameSize');
    expect(() => createCohere({ redirects: 'follow' as 'error' })).toThrow('redirects');
    expect(() => client().chatStream(chatBody, { retry: { count: -1 } })).toThrow('retry.count');
    expect(server.requests).toHaveLength(0);
  });
});

describe('mergeOptions', () => {
  test('merges any option generically: one the transport learns later needs nothing here', () => {
    type WithExtra = CohereStreamOptions & { readonly laterOption?: 'strip' | 'reject' | undefined };
    const defaults: WithExtra = { laterOption: 'reject', retry: { count: 3 }, headers: { A: '1' } };
    expect(mergeOptions<WithExtra>(defaults, { retry: { baseDelayMs: 5, maxDelayMs: undefined }, headers: { B: '2' } })).toEqual({
      laterOption: 'reject',
      retry: { count: 3, baseDelayMs: 5 },
      headers: { A: '1', B: '2' },
    });
    expect(mergeOptions<WithExtra>(defaults, { laterOption: 'strip' })).toMatchObject({ laterOption: 'strip' });
    expect(mergeOptions<WithExtra>(defaults, undefined)).toBe(defaults);
    // The defaults are never changed.
    expect(defaults).toEqual({ laterOption: 'reject', retry: { count: 3 }, headers: { A: '1' } });
  });
});

describe('createBedrock and createSageMaker', () => {
  const bedrockBed = useAwsServer('http1', bedrockClient);
  const sagemakerBed = useAwsServer('http1', sagemakerClient);

  test("createBedrock: the client and the defaults' timeouts, merged with a call's", async () => {
    const bedrock = createBedrock(bedrockBed.client, { timeouts: { firstFrameMs: 5000, idleMs: 5000 } });
    bedrockBed.server.reply(eventStream([bedrockChunkMessage({ event_type: 'text-generation', text: 'Hi' })], { then: 'stall' }));
    const { values, error } = await settle(bedrock.fromBedrock({ modelId: 'cohere.command-r-v1:0', body: { message: 'Hi' } }, { timeouts: { idleMs: 150 } }));
    expect(values).toHaveLength(1);
    expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'idle', limitMs: 150 });
    bedrockBed.server.reply(eventStream([bedrockChunkMessage({ event_type: 'text-generation', text: 'Hi' })]));
    const events = await lastValueFrom(bedrock.bedrockChatStream({ modelId: 'cohere.command-r-v1:0', body: { message: 'Hi' } }).pipe(toArray()));
    expect(events).toEqual([{ event_type: 'text-generation', text: 'Hi' }]);
    expect(() => createBedrock(bedrockBed.client, { timeouts: { idleMs: -1 } })).toThrow(InvalidOptionError);
  });

  test('createSageMaker: the client and the defaults', async () => {
    const sagemaker = createSageMaker(sagemakerBed.client, { timeouts: { idleMs: 150 } });
    sagemakerBed.server.reply(eventStream([payloadPartMessage('{"event_type":"text-generation","text":"Hi"}\n')], { then: 'stall' }));
    const { values, error } = await settle(sagemaker.sagemakerChatStream({ endpointName: 'e', body: { message: 'Hi' } }));
    expect(values).toEqual([{ event_type: 'text-generation', text: 'Hi' }]);
    expect(error).toMatchObject({ name: 'StreamTimeoutError', phase: 'idle', limitMs: 150 });
    expect(() => createSageMaker(sagemakerBed.client, { maxFrameSize: Number.NaN })).toThrow(InvalidOptionError);
  });
});
