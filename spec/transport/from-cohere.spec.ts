import { from, lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  chatStream,
  chatStreamV1,
  DecodeError,
  fromCohere,
  generateStream,
  jsonFrames,
  RequestValidationError,
  sseFrames,
  type CohereRequestBodies,
  type FromCohereOptions,
} from '../../lib/index';
import { streams, toSseText } from '../../lib/testing/index';
import { fixtureFiles, fixtureTest, fixtureText, linesOf } from '../helpers/fixtures';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, delta, END, START, testOptions } from '../helpers/http-stream';

const TOKEN = 'test-token-0123456789';

const server = useMockServer();

const options = (extra: FromCohereOptions = {}) => testOptions(server, TOKEN, { retry: { count: 0 }, ...extra });
const all = <T>(source: Observable<T>) => lastValueFrom(source.pipe(toArray()));
const failure = (source: Observable<unknown>) =>
  lastValueFrom(source).then(
    () => undefined,
    (e: unknown) => e,
  );

describe('fromCohere: the request', () => {
  test('POSTs the body with stream: true, the bearer token and Accept: text/event-stream to <baseUrl>/v2/chat', async () => {
    server.reply(streams(toSseText([START, END])));
    const frames = await all(fromCohere('v2/chat', chatBody, options({ baseUrl: `${server.baseUrl}/`, headers: { 'X-Client-Name': 'spec' } })));
    expect(frames).toEqual([START, END]);
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v2/chat');
    expect(request?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(request?.headers['accept']).toBe('text/event-stream');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-client-name']).toBe('spec');
    expect(JSON.parse(request?.body ?? '')).toEqual({ ...chatBody, stream: true });
  });

  test('V1 chat and generate go to their paths, ask for JSON and keep a stream: true the body already has', async () => {
    server.reply(
      streams('{"event_type":"stream-start"}\n', { contentType: 'application/stream+json' }),
      streams('{"event_type":"stream-end"}\n', { contentType: 'application/json' }),
    );
    await all(fromCohere('v1/chat', { message: 'Hi', stream: true }, options()));
    await all(fromCohere('v1/generate', { prompt: 'Once' }, options()));
    expect(server.requests.map((r) => [r.path, r.headers['accept'], JSON.parse(r.body)])).toEqual([
      ['/v1/chat', 'application/json', { message: 'Hi', stream: true }],
      ['/v1/generate', 'application/json', { prompt: 'Once', stream: true }],
    ]);
  });

  test('is cold: nothing is sent before subscription, and each subscription sends its own request', async () => {
    const stream = fromCohere('v2/chat', chatBody, options());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(0);
    server.reply(streams(toSseText([END])), streams(toSseText([END])));
    await all(stream);
    await all(stream);
    expect(server.requests).toHaveLength(2);
  });

  test('an invalid body is a RequestValidationError naming each bad field, and nothing is sent', async () => {
    const body = { model: 42, messages: [{ role: 'robot', content: 'Hi' }], stream: false } as unknown as CohereRequestBodies['v2/chat'];
    const error = await failure(fromCohere('v2/chat', body, options()));
    expect(error).toBeInstanceOf(RequestValidationError);
    const { issues, endpoint } = error as RequestValidationError;
    expect(endpoint).toBe('v2/chat');
    expect(issues.map((issue) => issue.path).sort()).toEqual(['messages[0].role', 'model', 'stream']);
    expect(issues.find((issue) => issue.path === 'model')).toMatchObject({ expected: 'string', received: 'number 42' });
    expect((error as Error).message).toContain('model: expected string, received number 42');
    expect(server.requests).toHaveLength(0);
  });

  describe('the API key', () => {
    const saved = { CO_API_KEY: process.env['CO_API_KEY'], COHERE_API_KEY: process.env['COHERE_API_KEY'] };
    const restore = (name: 'CO_API_KEY' | 'COHERE_API_KEY') => {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    };
    afterEach(() => {
      restore('CO_API_KEY');
      restore('COHERE_API_KEY');
    });
    const sentAuthorization = async () => {
      server.reply(streams(toSseText([END])));
      await all(fromCohere('v2/chat', chatBody, { ...options(), token: undefined }));
      return server.requests.at(-1)?.headers['authorization'];
    };

    test('falls back to CO_API_KEY, then COHERE_API_KEY, read at subscription; none means no Authorization header', async () => {
      process.env['CO_API_KEY'] = 'from-co-api-key';
      process.env['COHERE_API_KEY'] = 'from-cohere-api-key';
      expect(await sentAuthorization()).toBe('Bearer from-co-api-key');
      delete process.env['CO_API_KEY'];
      expect(await sentAuthorization()).toBe('Bearer from-cohere-api-key');
      delete process.env['COHERE_API_KEY'];
      expect(await sentAuthorization()).toBeUndefined();
    });

    test.each([
      ['a line break', `${TOKEN}\nx`],
      ['a NUL', `${TOKEN}\u0000x`],
    ])('a key with %s that no header can carry errors without quoting the key, and nothing is sent', async (_name, token) => {
      for (const extra of [{ token }, { token: undefined, headers: { 'X-Api-Key': token } }]) {
        const error = await failure(fromCohere('v2/chat', chatBody, { ...options(), ...extra }));
        expect(error).toMatchObject({ name: 'TypeError' });
        expect((error as Error).message).toContain('header');
        expect((error as Error).message).not.toContain(TOKEN);
        expect(String(error)).not.toContain(TOKEN);
      }
      expect(server.requests).toHaveLength(0);
    });
  });
});

describe('fromCohere: framing', () => {
  const sizes = [1, 7, 61, 1024];
  const served = (name: string): { endpoint: 'v2/chat' | 'v1/chat' | 'v1/generate'; text: string; contentType: string } | undefined => {
    if (name.startsWith('v2-chat-ndjson')) return { endpoint: 'v2/chat', text: fixtureText(name), contentType: 'application/json' };
    if (name.startsWith('v2-chat-') && name.endsWith('.jsonl'))
      return { endpoint: 'v2/chat', text: toSseText(linesOf(fixtureText(name))), contentType: 'text/event-stream' };
    if (name.startsWith('v2-chat-') && name.endsWith('.sse')) return { endpoint: 'v2/chat', text: fixtureText(name), contentType: 'text/event-stream' };
    if (name.startsWith('v1-chat-')) return { endpoint: 'v1/chat', text: fixtureText(name), contentType: 'application/json' };
    if (name.startsWith('generate-')) return { endpoint: 'v1/generate', text: fixtureText(name), contentType: 'application/stream+json' };
    return undefined;
  };
  const bodies = { 'v2/chat': chatBody, 'v1/chat': { message: 'Hi' }, 'v1/generate': { prompt: 'Once' } } as const;
  const names = fixtureFiles().filter((name) => served(name) !== undefined);

  fixtureTest.each(names.length > 0 ? names : ['(none)'])('%s replays to the frames of the recording, split at every size', async (name) => {
    const fixture = served(name);
    if (fixture === undefined) return;
    const expected = await all(from([fixture.text]).pipe(fixture.contentType === 'text/event-stream' ? sseFrames() : jsonFrames()));
    expect(expected.length).toBeGreaterThan(0);
    for (const pieces of sizes) {
      server.reply(streams(fixture.text, { pieceSize: pieces, contentType: fixture.contentType }));
      const frames = await all(fromCohere(fixture.endpoint, bodies[fixture.endpoint], options()));
      expect({ pieces, frames }).toEqual({ pieces, frames: expected });
    }
  });

  test('multi-byte characters split across writes survive', async () => {
    const frames = [START, delta('Grüße, 世界 🌍'), END];
    server.reply(streams(toSseText(frames), { pieceSize: 1 }));
    expect(await all(fromCohere('v2/chat', chatBody, options()))).toEqual(frames);
  });

  test('[DONE] inside a text delta does not end the stream; the data: [DONE] frame does', async () => {
    const quoting = [START, delta('[DONE]'), delta('data: [DONE]\n\n'), END];
    server.reply(streams(`${toSseText(quoting)}event: late\ndata: {"type":"late"}\n\n`));
    const events = await all(chatStream(chatBody, options()));
    expect(events.map((event) => event.type)).toEqual(['message-start', 'content-delta', 'content-delta', 'message-end']);
  });

  test('an unknown event type is skipped (and reported) and the stream goes on', async () => {
    const unknown: (string | undefined)[] = [];
    server.reply(streams(toSseText([START, JSON.stringify({ type: 'brand-new-event', x: 1 }), delta('Hi'), END])));
    const events = await all(chatStream(chatBody, { ...options(), onUnknownEvent: (event) => unknown.push(event.eventType) }));
    expect(events.map((event) => event.type)).toEqual(['message-start', 'content-delta', 'message-end']);
    expect(unknown).toEqual(['brand-new-event']);
  });

  test('a 10 MB citation document arrives in one frame', async () => {
    const document = 'lorem ipsum '.repeat(Math.ceil((10 * 1024 * 1024) / 12));
    const citation = JSON.stringify({
      type: 'citation-start',
      index: 0,
      delta: { message: { citations: { start: 0, end: 2, text: 'Hi', sources: [{ type: 'document', id: 'd1', document: { text: document } }] } } },
    });
    server.reply(streams(toSseText([START, delta('Hi'), citation, END]), { pieceSize: 64 * 1024 }));
    const events = await all(chatStream(chatBody, options()));
    const cited = events.find((event) => event.type === 'citation-start');
    const source = cited?.type === 'citation-start' ? cited.delta?.message?.citations?.sources?.[0] : undefined;
    expect(source?.type === 'document' ? String(source.document?.['text']).length : 0).toBe(document.length);
    expect(events).toHaveLength(4);
  });

  test('V2 answered with JSON lines (Accept ignored by a proxy) is framed as JSON', async () => {
    server.reply(streams(`${START}\n${END}\n`, { contentType: 'application/x-ndjson' }));
    expect(await all(fromCohere('v2/chat', chatBody, options()))).toEqual([START, END]);
  });

  test('a V2 body that ends cleanly without [DONE] completes (telling it is incomplete is accumulateChat’s job)', async () => {
    server.reply(streams(toSseText([START, delta('Hi')], { done: false })));
    expect(await all(fromCohere('v2/chat', chatBody, options()))).toEqual([START, delta('Hi')]);
  });

  test('a body that ends inside a JSON document is a truncated DecodeError', async () => {
    server.reply(streams('{"event_type":"stream-start","generation_id":"g"}\n{"event_type":"text-gen', { contentType: 'application/json' }));
    const error = await failure(chatStreamV1({ message: 'Hi' }, options()));
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).reason).toBe('truncated');
  });
});

describe('conveniences', () => {
  const json = { contentType: 'application/json' };
  test('chatStreamV1 and generateStream decode V1 chat and generate events', async () => {
    server.reply(
      streams(
        '{"event_type":"stream-start","generation_id":"g","is_finished":false}\n{"event_type":"text-generation","text":"Hi","is_finished":false}\n',
        json,
      ),
      streams('{"text":" LL","is_finished":false}\n{"is_finished":true,"finish_reason":"COMPLETE","response":{"id":"r"}}\n', json),
    );
    const chat = await all(chatStreamV1({ message: 'Hi' }, options()));
    expect(chat.map((event) => event.event_type)).toEqual(['stream-start', 'text-generation']);
    const generated = await all(generateStream({ prompt: 'Once' }, options()));
    expect(generated.map((event) => event.event_type)).toEqual(['text-generation', 'stream-end']);
  });
});
