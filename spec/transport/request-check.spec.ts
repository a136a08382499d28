import { lastValueFrom, toArray, type Observable } from 'rxjs';
import {
  chatStream,
  chatStreamV1,
  createCohere,
  fromCohere,
  generateStream,
  InvalidOptionError,
  RequestValidationError,
  type CohereRequestBodies,
  type FromCohereOptions,
  type SchemaIssue,
} from '../../lib/index';
import { startMockCohereServer, streams, toSseText, type MockCohereServer } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, END, START, testOptions } from '../helpers/http-stream';

const server = useMockServer();
const options = (extra: FromCohereOptions = {}) => testOptions(server, 'test-token', { retry: { count: 0 }, ...extra });
const failure = (source: Observable<unknown>) =>
  lastValueFrom(source).then(
    () => undefined,
    (e: unknown) => e,
  );
/** A body as a JavaScript caller (or a cast) can pass it, past the compile-time check. */
const untyped = <E extends keyof CohereRequestBodies>(body: object) => body as CohereRequestBodies[E];
const model = 'command-a-03-2025';
const messages = [{ role: 'user' as const, content: 'Hi' }];

/** The issues of the RequestValidationError a V2 chat body ends with (nothing sent), as `path: expected, received`. */
async function v2Issues(body: object, extra: FromCohereOptions = {}): Promise<string[]> {
  const error = await failure(chatStream(untyped<'v2/chat'>(body), options(extra)));
  expect(error).toBeInstanceOf(RequestValidationError);
  expect(server.requests).toHaveLength(0);
  return (error as RequestValidationError).issues.map((issue: SchemaIssue) => `${issue.path}: expected ${issue.expected}, received ${issue.received}`);
}

describe('request bodies: members the API reference does not list', () => {
  test('camelCase and typos are a RequestValidationError at subscribe naming each member and the one it most likely meant; nothing is sent', async () => {
    const stream = chatStream(untyped<'v2/chat'>({ model, messages, maxTokens: 5, temprature: 2 }), options());
    const error = await failure(stream);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error).toMatchObject({
      endpoint: 'v2/chat',
      path: 'maxTokens',
      expected: 'no such member (did you mean "max_tokens"?)',
      received: 'number 5',
    });
    expect((error as RequestValidationError).issues.map((issue) => [issue.path, issue.expected])).toEqual([
      ['maxTokens', 'no such member (did you mean "max_tokens"?)'],
      ['temprature', 'no such member (did you mean "temperature"?)'],
    ]);
    expect((error as Error).message).toBe(
      'The request body for POST /v2/chat is not valid, so it was not sent: maxTokens: unknown member (did you mean "max_tokens"?); ' +
        'temprature: unknown member (did you mean "temperature"?). Fix these fields (see https://docs.cohere.com/reference) and subscribe again. ' +
        "To send a member this version of cohere-rx does not know on purpose, pass the option unknownFields: 'send'.",
    );
    expect(server.requests).toHaveLength(0);
  });

  test('members of nested objects are checked too, and the members the API leaves free stay free', async () => {
    const body = {
      model,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Hi', cacheControl: {} }] },
        { role: 'assistant', toolCalls: [] },
        { role: 'tool', tool_call_id: 'c1', content: [{ type: 'document', document: { data: { free: { member: 1 } }, title: 'T' } }] },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', anything: true }, strict: true } }],
      documents: [{ id: 'd', data: { anything: 1 }, snippet: 's' }],
      responseFormat: { type: 'json_object' },
      response_format: { type: 'json_object', json_schema: { type: 'object', 'x-free': 1 }, jsonSchema: {} },
    };
    expect(await v2Issues(body)).toEqual([
      'messages[0].content[0].cacheControl: expected no such member, received an object',
      'messages[1].toolCalls: expected no such member (did you mean "tool_calls"?), received an array of 0 item(s)',
      'messages[2].content[0].document.title: expected no such member, received string "T"',
      'tools[0].function.strict: expected no such member, received boolean true',
      'documents[0].snippet: expected no such member, received string "s"',
      'response_format.jsonSchema: expected no such member (did you mean "json_schema"?), received an object',
      'responseFormat: expected no such member (did you mean "response_format"?), received an object',
    ]);
  });

  test('V1 chat and generate bodies are closed as well', async () => {
    const v1 = await failure(chatStreamV1(untyped<'v1/chat'>({ message: 'Hi', chatHistory: [], chat_history: [{ role: 'USER', mesage: 'x' }] }), options()));
    expect((v1 as RequestValidationError).issues.map((issue) => [issue.path, issue.expected])).toEqual([
      ['chat_history[0].message', 'string'],
      ['chat_history[0].mesage', 'no such member (did you mean "message"?)'],
      ['chatHistory', 'no such member (did you mean "chat_history"?)'],
    ]);
    const generate = await failure(generateStream(untyped<'v1/generate'>({ prompt: 'Hi', numGenerations: 2 }), options()));
    expect(generate).toMatchObject({ endpoint: 'v1/generate', path: 'numGenerations', expected: 'no such member (did you mean "num_generations"?)' });
    expect(server.requests).toHaveLength(0);
  });

  describe("unknownFields: 'send'", () => {
    let accepting: MockCohereServer;
    beforeAll(async () => {
      accepting = await startMockCohereServer({ unknownFields: 'accept' });
    });
    afterAll(() => accepting.close());
    beforeEach(() => accepting.reset());

    test('sends members it does not know as they are, at any depth', async () => {
      accepting.reply(streams(toSseText([START, END])));
      const body = {
        model,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache_control: { type: 'ephemeral' } }] }],
        new_parameter: { on: true },
      };
      const frames = await lastValueFrom(
        fromCohere('v2/chat', untyped<'v2/chat'>(body), { ...options(), baseUrl: accepting.baseUrl, unknownFields: 'send' }).pipe(toArray()),
      );
      expect(frames).toEqual([START, END]);
      expect(JSON.parse(accepting.requests[0]?.body ?? '')).toEqual({ ...body, stream: true });
    });

    test("is taken from a client's defaults (createCohere), and a call's own option wins", async () => {
      const cohere = createCohere({ ...options(), baseUrl: accepting.baseUrl, unknownFields: 'send' });
      accepting.reply(streams(toSseText([START, END])));
      await lastValueFrom(cohere.chatStream(untyped<'v2/chat'>({ model, messages, new_parameter: 1 })).pipe(toArray()));
      expect(JSON.parse(accepting.requests[0]?.body ?? '')).toEqual({ model, messages, new_parameter: 1, stream: true });
      const error = await failure(cohere.chatStream(untyped<'v2/chat'>({ model, messages, new_parameter: 1 }), { unknownFields: 'reject' }));
      expect(error).toMatchObject({ name: 'RequestValidationError', path: 'new_parameter' });
      expect(accepting.requests).toHaveLength(1);
      expect(() => createCohere({ unknownFields: 'sometimes' as 'send' })).toThrow(InvalidOptionError);
    });

    test('still checks everything else', async () => {
      const error = await failure(
        chatStream(untyped<'v2/chat'>({ model, messages, new_parameter: 1, temperature: -1 }), { ...options(), unknownFields: 'send' }),
      );
      expect((error as RequestValidationError).issues.map((issue) => issue.path)).toEqual(['temperature']);
      expect((error as Error).message).not.toContain('unknownFields');
      expect(server.requests).toHaveLength(0);
    });
  });

  test.each([['sometimes'], [null], [true]])('unknownFields: %p is an InvalidOptionError at the call', (value) => {
    const call = () => chatStream(chatBody, { ...options(), unknownFields: value as unknown as 'send' });
    expect(call).toThrow(InvalidOptionError);
    expect(call).toThrow(/The option unknownFields accepts 'reject' or 'send', received/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('request bodies: bounds as the API reference states them', () => {
  test.each<[string, object, string]>([
    ['max_tokens 0', { max_tokens: 0 }, 'max_tokens: expected number >= 1, received number 0'],
    ['max_tokens -1', { max_tokens: -1 }, 'max_tokens: expected number >= 1, received number -1'],
    ['max_tokens 2.5', { max_tokens: 2.5 }, 'max_tokens: expected integer, received number 2.5'],
    [
      'six stop sequences',
      { stop_sequences: ['1', '2', '3', '4', '5', '6'] },
      'stop_sequences: expected array of at most 5 item(s), received an array of 6 item(s)',
    ],
    ['priority -1', { priority: -1 }, 'priority: expected number >= 0, received number -1'],
    ['temperature -0.1', { temperature: -0.1 }, 'temperature: expected number >= 0, received number -0.1'],
    ['p 1', { p: 1 }, 'p: expected number <= 0.99, received number 1'],
    ['k 501', { k: 501 }, 'k: expected number <= 500, received number 501'],
    ['frequency_penalty 1.5', { frequency_penalty: 1.5 }, 'frequency_penalty: expected number <= 1, received number 1.5'],
    ['seed -1', { seed: -1 }, 'seed: expected number >= 0, received number -1'],
    ['thinking.token_budget 0', { thinking: { type: 'enabled', token_budget: 0 } }, 'thinking.token_budget: expected number >= 1, received number 0'],
  ])('v2/chat: %s is refused at subscribe, and nothing is sent', async (_name, extra, issue) => {
    expect(await v2Issues({ model, messages, ...extra })).toEqual([issue]);
  });

  test('v2/chat: the values at the bounds are sent', async () => {
    server.reply(streams(toSseText([START, END])));
    const body: CohereRequestBodies['v2/chat'] = {
      model,
      messages,
      max_tokens: 1,
      stop_sequences: ['1', '2', '3', '4', '5'],
      priority: 0,
      temperature: 1.5,
      p: 0.01,
      k: 500,
    };
    await lastValueFrom(chatStream(body, options()).pipe(toArray()));
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ ...body, stream: true });
  });

  test('v1/chat: max_tokens, max_input_tokens and stop_sequences', async () => {
    const error = await failure(chatStreamV1({ message: 'Hi', max_tokens: 0, max_input_tokens: 0, stop_sequences: ['1', '2', '3', '4', '5', '6'] }, options()));
    expect((error as RequestValidationError).issues.map((issue) => `${issue.path}: expected ${issue.expected}`)).toEqual([
      'max_tokens: expected number >= 1',
      'max_input_tokens: expected number >= 1',
      'stop_sequences: expected array of at most 5 item(s)',
    ]);
    expect(server.requests).toHaveLength(0);
  });

  test('v1/generate: max_tokens 0 only with return_likelihoods ALL; num_generations 1 to 5; temperature up to 5', async () => {
    const error = await failure(generateStream({ prompt: 'Hi', max_tokens: 0, num_generations: 6, temperature: 5.5 }, options()));
    expect((error as RequestValidationError).issues.map((issue) => `${issue.path}: expected ${issue.expected}, received ${issue.received}`)).toEqual([
      'num_generations: expected number <= 5, received number 6',
      'temperature: expected number <= 5, received number 5.5',
      'max_tokens: expected an integer of at least 1, or 0 with return_likelihoods "ALL", received number 0',
    ]);
    expect(await failure(generateStream({ prompt: 'Hi', max_tokens: -1, return_likelihoods: 'ALL' }, options()))).toMatchObject({
      path: 'max_tokens',
      expected: 'number >= 0',
    });
    expect(server.requests).toHaveLength(0);
    server.reply(streams('{"event_type":"stream-end","is_finished":true,"finish_reason":"COMPLETE"}\n', { contentType: 'application/json' }));
    await lastValueFrom(generateStream({ prompt: 'Hi', max_tokens: 0, return_likelihoods: 'ALL', temperature: 5 }, options()).pipe(toArray()));
    expect(server.requests).toHaveLength(1);
  });
});

describe('request bodies: messages a person can act on', () => {
  test('a bad role names the discriminator, the roles it accepts, the string received and the closest role', async () => {
    expect(await v2Issues({ model, messages: [{ role: 'usr', content: 'Hi' }] })).toEqual([
      'messages[0].role: expected "user" | "assistant" | "system" | "tool" (did you mean "user"?), received string "usr"',
    ]);
    expect(await v2Issues({ model, messages: [{ content: 'Hi' }] })).toEqual([
      'messages[0].role: expected "user" | "assistant" | "system" | "tool", received undefined (missing)',
    ]);
  });

  test('a document given as a string is told at document, which takes an object with data', async () => {
    const tool = (document: unknown) => ({ model, messages: [{ role: 'tool', tool_call_id: 'c1', content: [{ type: 'document', document }] }] });
    expect(await v2Issues(tool('Paris is the capital of France.'))).toEqual([
      'messages[0].content[0].document: expected object with data, received string "Paris is the capital of France."',
    ]);
    expect(await v2Issues(tool({ data: 'Paris is the capital of France.' }))).toEqual([
      'messages[0].content[0].document.data: expected object, received string "Paris is the capital of France."',
    ]);
    expect(await v2Issues({ model, messages, documents: ['fine', { id: 'd1' }, 42] })).toEqual([
      'documents[1].data: expected object, received undefined (missing)',
      'documents[2]: expected string | object with data, received number 42',
    ]);
  });

  test('a union names the member at fault and its deepest failing field, or what it accepts when no member has the type received', async () => {
    expect(await v2Issues({ model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', detail: 'max' } }] }] })).toEqual([
      'messages[0].content[0].image_url.detail: expected "auto" | "low" | "high", received string "max"',
    ]);
    expect(await v2Issues({ model, messages: [{ role: 'user', content: [{ type: 'video', url: 'u' }] }] })).toEqual([
      'messages[0].content[0].type: expected "text" | "image_url" | "document", received string "video"',
    ]);
    expect(await v2Issues({ model, messages: [{ role: 'user', content: 42 }] })).toEqual(['messages[0].content: expected string | array, received number 42']);
  });

  test('an enum value in the wrong case is told the value it meant', async () => {
    expect(await v2Issues({ model, messages, tool_choice: 'required', safety_mode: 'Strict' })).toEqual([
      'safety_mode: expected "CONTEXTUAL" | "STRICT" | "OFF" (did you mean "STRICT"?), received string "Strict"',
      'tool_choice: expected "REQUIRED" | "NONE" (did you mean "REQUIRED"?), received string "required"',
    ]);
  });
});
