import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { from, lastValueFrom, toArray } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatStream,
  chatStreamV1,
  chatV2,
  decodeEvents,
  generateStream,
  IncompleteStreamError,
  InvalidOptionError,
  sseFrames,
  TooManyRequestsError,
  type ChatSnapshot,
  type CohereStreamOptions,
} from '../../lib/index';
import { AwsStreamError, bedrockChatStream, bedrockGenerateStream } from '../../lib/transport/bedrock/index';
import { sagemakerChatStream, sagemakerGenerateStream } from '../../lib/transport/sagemaker/index';
import {
  awsClientConfig,
  bedrockStream,
  chatOf,
  chatResponseOf,
  chatV1Events,
  chatV2Events,
  dropAfter,
  eventStream,
  exceptionMessage,
  fails,
  sagemakerStream,
  sseStream,
  startMockCohereServer,
  streams,
  toBedrockMessages,
  type ChatScript,
  type MockCohereServer,
} from '../../lib/testing/index';
import { outcome } from '../helpers/http-stream';

let server: MockCohereServer;
beforeAll(async () => {
  server = await startMockCohereServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const options = (): CohereStreamOptions => ({ baseUrl: server.baseUrl, token: 'test-token', retry: { count: 0 } });
const ask = (content: string) => ({ model: 'command-a-03-2025', messages: [{ role: 'user' as const, content }] });
const post = (path: string, body: unknown) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const textOf = (content: readonly { type: string; text?: string }[] | null | undefined) => content?.map((block) => block.text ?? '').join('');
const script: ChatScript = {
  text: ['The emperor', ' penguin is', ' the tallest.'],
  citations: [{ start: 4, end: 19, text: 'emperor penguin', sources: [{ type: 'document', id: 'doc_0', document: { title: 'Penguins' } }] }],
};

describe('answers derived from the request (no reply scripted)', () => {
  test('POST /v2/chat streams an answer to the last user message, which accumulateChat assembles', async () => {
    const response = await lastValueFrom(chatStream(ask('Hi there'), options()).pipe(accumulateChat()));
    expect(response.finish_reason).toBe('COMPLETE');
    expect(textOf(response.message.content)).toBe('You said: "Hi there". This answer comes from the cohere-rx mock server.');
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v2/chat', httpVersion: '1.1', json: { ...ask('Hi there'), stream: true } });
    expect(server.requests[0]?.headers['authorization']).toBe('Bearer test-token');
  });

  test('a request with tools gets a tool plan and a call to the first tool, its string parameters filled', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } } } },
      },
    ];
    const response = await lastValueFrom(chatStream({ ...ask('penguins'), tools }, options()).pipe(accumulateChat()));
    expect(response.finish_reason).toBe('TOOL_CALL');
    expect(response.message.tool_plan).toBe('I will use search to answer this.');
    expect(response.message.tool_calls?.map((call) => [call.function?.name, JSON.parse(call.function?.arguments ?? '')])).toEqual([
      ['search', { query: 'penguins', limit: 1 }],
    ]);
  });

  test('a request with documents gets an answer that cites the first one', async () => {
    const documents = [{ id: 'doc_7', data: { title: 'Penguins', snippet: 'Emperor penguins are the tallest.' } }];
    const response = await lastValueFrom(chatStream({ ...ask('Tallest penguin?'), documents }, options()).pipe(accumulateChat()));
    const text = textOf(response.message.content) ?? '';
    const [citation] = response.message.citations ?? [];
    expect(text).toBe('According to the document, Emperor penguins are the tallest.');
    expect(text.slice(citation?.start ?? 0, citation?.end ?? 0)).toBe(citation?.text);
    expect(citation?.sources).toEqual([
      { type: 'document', id: 'doc_7', document: { id: 'doc_7', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' } },
    ]);
  });

  test('without stream: true, the final value as one JSON body', async () => {
    const answer = await post('/v2/chat', ask('Hi'));
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(await answer.json()).toMatchObject({ finish_reason: 'COMPLETE', message: { role: 'assistant' } });
  });

  test('POST /v1/chat and /v1/generate stream JSON lines: a V1 Chat, and num_generations generations', async () => {
    const chat = await lastValueFrom(chatStreamV1({ message: 'Hello' }, options()).pipe(accumulateChat()));
    expect(chat.text).toBe('You said: "Hello". This answer comes from the cohere-rx mock server.');
    const end = await lastValueFrom(generateStream({ prompt: 'Colours', num_generations: 3 }, options()).pipe(accumulateGenerate()));
    expect(end.generations?.map((generation) => generation.text)).toEqual([1, 2, 3].map((n) => `Generation ${n} for "Colours".`));
  });

  test("anything else: Cohere's JSON error body with 404, and 400 for a body that is not JSON", async () => {
    const unknown = await post('/v3/chat', {});
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'no route for POST /v3/chat' });
    expect((await fetch(`${server.baseUrl}/v2/chat`)).status).toBe(404);
    const broken = await fetch(`${server.baseUrl}/v2/chat`, { method: 'POST', body: '{not json' });
    expect(broken.status).toBe(400);
    expect(server.requests.map((request) => [request.method, request.path, request.json === undefined])).toEqual([
      ['POST', '/v3/chat', false],
      ['GET', '/v2/chat', true],
      ['POST', '/v2/chat', true],
    ]);
  });
});

describe('scripted replies', () => {
  test('a queued reply built from a script accumulates to chatResponseOf the script, even one byte per write', async () => {
    server.reply(sseStream(chatV2Events(script), { pieceSize: 1 }));
    expect(await lastValueFrom(chatStream(ask('Hi'), options()).pipe(accumulateChat()))).toEqual(chatResponseOf(script));
  });

  test('queued replies come first, then the first matching route, then the fallback', async () => {
    server.route('/v2/chat', fails(429, { message: 'route' }));
    server.route(/^\/v1\//, fails(503, { message: 'v1 route' }));
    server.route((request) => request.headers['x-special'] === 'yes', fails(418, { message: 'predicate' }));
    server.reply(fails(500, { message: 'queued' }));
    const statuses = [];
    for (const path of ['/v2/chat', '/v2/chat', '/v1/chat', '/v2/other']) statuses.push((await post(path, {})).status);
    statuses.push((await fetch(`${server.baseUrl}/v2/other`, { method: 'POST', headers: { 'x-special': 'yes' }, body: '{}' })).status);
    expect(statuses).toEqual([500, 429, 503, 404, 418]);
    server.reset();
    expect(server.requests).toHaveLength(0);
    expect((await post('/v2/chat', ask('Hi'))).status).toBe(200);
  });

  test('an error status reaches fromCohere as its typed error', async () => {
    server.reply(fails(429, { message: 'slow down' }, { 'retry-after': '1' }));
    const { error } = await outcome(chatStream(ask('Hi'), options()));
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect(error).toMatchObject({ cohereMessage: 'slow down', retryAfter: '1' });
  });

  test('a stream dropped mid-way: IncompleteStreamError with the partial answer', async () => {
    server.reply(sseStream(dropAfter(chatV2Events(script), 3), { done: false, then: 'drop' }));
    const { error } = await outcome(chatStream(ask('Hi'), options()).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content).toEqual([{ type: 'text', text: 'The emperor' }]);
  });

  test('a pause, then the rest: the stream recovers and completes', async () => {
    server.reply(sseStream(chatV2Events(script), { pauses: [{ after: 2, ms: 50 }] }));
    expect(await lastValueFrom(chatStream(ask('Hi'), options()).pipe(accumulateChat()))).toEqual(chatResponseOf(script));
  });

  test('a plain fetch reads the body as the server wrote it', async () => {
    server.reply(sseStream(chatV2Events({ text: 'Hi' })));
    const answer = await post('/api/chat', {});
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    const events = await lastValueFrom(from([await answer.text()]).pipe(sseFrames(), decodeEvents(chatV2), toArray()));
    expect(events).toEqual(chatV2Events({ text: 'Hi' }));
  });
});

describe('waiting and closing', () => {
  test('waitForRequest resolves once the request arrives, and rejects after its time limit', async () => {
    const waiting = server.waitForRequest(0);
    void post('/v2/chat', ask('Hi')).then((answer) => answer.text());
    expect(await waiting).toMatchObject({ path: '/v2/chat' });
    await expect(server.waitForRequest(5, 30)).rejects.toThrow('request 5 did not arrive within 30 ms (1 arrived)');
  });

  test('close() cuts the connections of stalled replies, fails pending waits, and stops the server', async () => {
    const own = await startMockCohereServer();
    own.reply(streams('event: message-start\ndata: {"type":"message-start"}\n\n', { then: 'stall' }));
    const answer = await fetch(`${own.baseUrl}/v2/chat`, { method: 'POST', body: '{}' });
    const reader = answer.body?.getReader();
    await reader?.read();
    const pending = own.waitForRequest(3);
    const reading = reader?.read();
    await own.close();
    await expect(reading).rejects.toThrow();
    await expect(pending).rejects.toThrow('the mock server closed');
    await expect(fetch(`${own.baseUrl}/v2/chat`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});

describe('static files (staticRoot)', () => {
  let folder: string;
  let site: MockCohereServer;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cohere-rx-static-'));
    mkdirSync(join(folder, 'site', 'docs'), { recursive: true });
    writeFileSync(join(folder, 'site', 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(folder, 'site', 'main-X1.js'), 'console.log("app");');
    writeFileSync(join(folder, 'site', 'docs', 'index.html'), '<p>docs</p>');
    writeFileSync(join(folder, 'secret.txt'), 'outside the root');
    site = await startMockCohereServer({ staticRoot: join(folder, 'site') });
  });
  afterAll(async () => {
    await site.close();
    rmSync(folder, { recursive: true, force: true });
  });

  /** A GET with the path sent as written (fetch would resolve `..`). */
  const rawGet = (path: string) =>
    new Promise<{ status: number | undefined; body: string }>((resolve, reject) => {
      const parts: Buffer[] = [];
      httpGet(`${site.baseUrl}/`, { path }, (answer) => {
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => resolve({ status: answer.statusCode, body: Buffer.concat(parts).toString('utf8') }));
      }).on('error', reject);
    });

  test("serves the folder's files with their content type, / and folders as their index.html, HEAD without a body", async () => {
    const root = await fetch(`${site.baseUrl}/`);
    expect([root.status, root.headers.get('content-type'), await root.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>app</title>']);
    const script = await fetch(`${site.baseUrl}/main-X1.js?v=1`);
    expect([script.status, script.headers.get('content-type'), script.headers.get('cache-control'), await script.text()]).toEqual([
      200,
      'text/javascript; charset=utf-8',
      'no-store',
      'console.log("app");',
    ]);
    expect(await (await fetch(`${site.baseUrl}/docs`)).text()).toBe('<p>docs</p>');
    const head = await fetch(`${site.baseUrl}/main-X1.js`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '19', '']);
    expect(site.requests).toEqual([]);
  });

  test('leaves the API, other methods and paths outside the folder to the usual handling, and records them', async () => {
    site.reset();
    const answer = await lastValueFrom(chatStream(ask('Hi'), { ...options(), baseUrl: site.baseUrl }).pipe(accumulateChat()));
    expect(answer.finish_reason).toBe('COMPLETE');
    expect((await fetch(`${site.baseUrl}/index.html`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect(await rawGet('/../secret.txt')).toMatchObject({ status: 404, body: expect.not.stringContaining('outside') });
    expect(await rawGet('/%2e%2e/secret.txt')).toMatchObject({ status: 404 });
    expect((await fetch(`${site.baseUrl}/missing.js`)).status).toBe(404);
    expect(site.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v2/chat',
      'POST /index.html',
      'GET /../secret.txt',
      'GET /%2e%2e/secret.txt',
      'GET /missing.js',
    ]);
  });

  test('a staticRoot that is not a folder is an InvalidOptionError when the server starts', async () => {
    await expect(startMockCohereServer({ staticRoot: join(folder, 'secret.txt') })).rejects.toMatchObject({ name: 'InvalidOptionError', option: 'staticRoot' });
    await expect(startMockCohereServer({ staticRoot: join(folder, 'nowhere') })).rejects.toBeInstanceOf(InvalidOptionError);
  });
});

describe('real AWS clients', () => {
  let bedrock: BedrockRuntimeClient;
  let bedrockHttp1: BedrockRuntimeClient;
  let sagemaker: SageMakerRuntimeClient;
  beforeAll(() => {
    bedrock = new BedrockRuntimeClient(awsClientConfig(server));
    bedrockHttp1 = new BedrockRuntimeClient({ ...awsClientConfig(server), requestHandler: new NodeHttpHandler() });
    sagemaker = new SageMakerRuntimeClient(awsClientConfig(server));
  });
  afterAll(() => {
    bedrock.destroy();
    bedrockHttp1.destroy();
    sagemaker.destroy();
  });
  const modelId = 'cohere.command-r-plus-v1:0';

  test('Bedrock over HTTP/2 (the client default) and HTTP/1.1, on the same port: a scripted answer accumulates to chatOf the script', async () => {
    for (const client of [bedrock, bedrockHttp1]) {
      server.reply(bedrockStream(chatV1Events(script, { source: 'bedrock' })));
      expect(await lastValueFrom(bedrockChatStream(client, { modelId, body: { message: 'Hi' } }).pipe(accumulateChat()))).toEqual(
        chatOf(script, { source: 'bedrock' }),
      );
    }
    expect(server.requests.map((request) => [request.httpVersion, request.path])).toEqual([
      ['2', `/model/${encodeURIComponent(modelId)}/invoke-with-response-stream`],
      ['1.1', `/model/${encodeURIComponent(modelId)}/invoke-with-response-stream`],
    ]);
  });

  test('Bedrock, derived: Command R chat and Command generate with three generations', async () => {
    const chat = await lastValueFrom(bedrockChatStream(bedrock, { modelId, body: { message: 'Hello' } }).pipe(accumulateChat()));
    expect(chat.text).toBe('You said: "Hello". This answer comes from the cohere-rx mock server.');
    expect(chat['amazon-bedrock-invocationMetrics']).toBeDefined();
    const end = await lastValueFrom(
      bedrockGenerateStream(bedrock, { modelId: 'cohere.command-text-v14', body: { prompt: 'Colours', num_generations: 3 } }).pipe(accumulateGenerate()),
    );
    expect(end.generations).toHaveLength(3);
  });

  test('an exception frame mid-stream is the AwsStreamError the transport reports', async () => {
    server.reply(
      eventStream([
        ...toBedrockMessages(chatV1Events(script, { source: 'bedrock' }).slice(0, 2)),
        exceptionMessage('throttlingException', { message: 'Too many tokens' }),
      ]),
    );
    const { values, error } = await outcome(bedrockChatStream(bedrock, { modelId, body: { message: 'Hi' } }));
    expect(values).toHaveLength(2);
    expect(error).toBeInstanceOf(AwsStreamError);
    expect(error).toMatchObject({ exceptionType: 'ThrottlingException', awsMessage: 'Too many tokens', framesReceived: 2 });
  });

  test('SageMaker: payload parts cut every 5 bytes, and a derived generate answer', async () => {
    server.reply(sagemakerStream(chatV1Events(script, { source: 'sagemaker' }), { partSize: 5 }));
    const chat = await lastValueFrom(sagemakerChatStream(sagemaker, { endpointName: 'cohere-command-r', body: { message: 'Hi' } }).pipe(accumulateChat()));
    expect(chat).toEqual(chatOf(script, { source: 'sagemaker' }));
    const end = await lastValueFrom(
      sagemakerGenerateStream(sagemaker, { endpointName: 'cohere-command', body: { prompt: 'Once', num_generations: 2 } }).pipe(accumulateGenerate()),
    );
    expect(end.generations?.map((generation) => generation.text)).toEqual(['Generation 1 for "Once".', 'Generation 2 for "Once".']);
    expect(server.requests.map((request) => [request.httpVersion, request.path])).toEqual([
      ['1.1', '/endpoints/cohere-command-r/invocations-response-stream'],
      ['1.1', '/endpoints/cohere-command/invocations-response-stream'],
    ]);
  });
});
