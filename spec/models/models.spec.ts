import {
  Chat,
  type ChatToolCallsGenerationEvent,
  isStreamEvent,
  StreamEvent,
  type StreamEnd,
  type StreamResponse,
  streamResponseFromDict,
  streamResponsesFromDicts,
  Tool,
  ToolCall,
  ToolParameterDefinitionsValue,
} from '../../lib/models/index';
import { CohereStreamError, MissingFieldError, ModelFieldError } from '../../lib/errors/index';
import { fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';

// ---------------------------------------------------------------------------------------------
// Fixtures: read from the shared folder at test time (see helpers/fixtures), never copied.
// ---------------------------------------------------------------------------------------------

/** The events of a JSON-lines fixture, parsed. */
const readEvents = (file: string): Record<string, unknown>[] => jsonLines(fixtureText(file));

/** The `response` of the fixture's `stream-end` event. */
function streamEndResponse(file: string): Record<string, unknown> {
  const end = readEvents(file).find((e) => e['event_type'] === 'stream-end');
  if (end === undefined) throw new Error(`${file} has no stream-end event`);
  return end['response'] as Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Asserts that `value` survives a JSON round trip unchanged (no undefined, no class instances). */
function expectJsonRoundTrip(value: unknown): void {
  const text = JSON.stringify(value);
  expect(JSON.parse(text)).toStrictEqual(value);
  expect(JSON.stringify(JSON.parse(text))).toBe(text);
}

/** Asserts that `fn` throws a {@link ModelFieldError} with these fields. */
function expectModelFieldError(fn: () => unknown, fields: { model: string; path: string; expected: string; received: string }): void {
  const error = thrownBy(fn);
  expect(error).toBeInstanceOf(ModelFieldError);
  expect(error).toBeInstanceOf(CohereStreamError);
  expect(error).toMatchObject({ name: 'ModelFieldError', ...fields });
}

/** Runs `fn` and returns what it throws; fails the test if it does not throw. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

// ---------------------------------------------------------------------------------------------
// StreamEvent
// ---------------------------------------------------------------------------------------------

describe('StreamEvent', () => {
  test('holds exactly the seven event types of Python StreamEvent', () => {
    expect(StreamEvent).toStrictEqual({
      STREAM_START: 'stream-start',
      SEARCH_QUERIES_GENERATION: 'search-queries-generation',
      SEARCH_RESULTS: 'search-results',
      TEXT_GENERATION: 'text-generation',
      TOOL_CALLS_GENERATION: 'tool-calls-generation',
      CITATION_GENERATION: 'citation-generation',
      STREAM_END: 'stream-end',
    });
  });

  test('isStreamEvent accepts the values and rejects tool-calls-chunk, debug and non-strings', () => {
    for (const value of Object.values(StreamEvent)) expect(isStreamEvent(value)).toBe(true);
    expect(isStreamEvent('tool-calls-chunk')).toBe(false);
    expect(isStreamEvent('debug')).toBe(false);
    expect(isStreamEvent('STREAM_START')).toBe(false);
    expect(isStreamEvent(undefined)).toBe(false);
    expect(isStreamEvent({ toString: () => 'stream-start' })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Tools
// ---------------------------------------------------------------------------------------------

describe('ToolCall.fromDict', () => {
  test('reads name, parameters and generation_id', () => {
    const call = ToolCall.fromDict({ name: 'google', parameters: { query: 'who is sam saffron' }, generation_id: 'g-1' });
    expect(call).toStrictEqual({ name: 'google', parameters: { query: 'who is sam saffron' }, generation_id: 'g-1' });
    expectJsonRoundTrip(call);
  });

  test('leaves missing and null members out instead of writing undefined', () => {
    const call = ToolCall.fromDict({ name: 'google', parameters: null });
    expect(call).toStrictEqual({ name: 'google' });
    expect(Object.keys(call)).toEqual(['name']);
  });

  test('leaves out members Python does not read', () => {
    expect(ToolCall.fromDict({ name: 'x', index: 0, extra: { a: 1 } })).toStrictEqual({ name: 'x' });
  });

  test('throws ModelFieldError for a member of the wrong type', () => {
    const fields = { model: 'ToolCall', expected: 'string' };
    expectModelFieldError(() => ToolCall.fromDict({ name: 7 }), { ...fields, path: 'name', received: 'number 7' });
    expectModelFieldError(() => ToolCall.fromDict({ name: 'x', generation_id: false }), {
      ...fields,
      path: 'generation_id',
      received: 'boolean false',
    });
    expectModelFieldError(() => ToolCall.fromDict({ name: 'x', parameters: ['a'] }), {
      model: 'ToolCall',
      path: 'parameters',
      expected: 'object',
      received: 'an array of 1 item(s)',
    });
  });

  test('says in the message what was expected, what arrived and what to do', () => {
    const error = thrownBy(() => ToolCall.fromDict({ name: 7 }));
    expect(error).toBeInstanceOf(ModelFieldError);
    expect((error as ModelFieldError).message).toMatch(/^ToolCall expected string at "name", received number 7\. Pass the JSON-parsed /);
  });

  test('throws ModelFieldError for a value that is not an object', () => {
    for (const [value, received] of [
      [null, 'null'],
      [undefined, 'undefined (missing)'],
      ['google', 'string "google"'],
      [42, 'number 42'],
      [['google'], 'an array of 1 item(s)'],
    ] as const) {
      const fields = { model: 'ToolCall', path: '', expected: 'object', received };
      expectModelFieldError(() => ToolCall.fromDict(value), fields);
    }
  });
});

describe('ToolCall.fromList', () => {
  test('reads each element of a list', () => {
    const calls = ToolCall.fromList([
      { name: 'a', parameters: { x: 1 } },
      { name: 'b', parameters: {}, generation_id: 'g' },
    ]);
    expect(calls).toStrictEqual([
      { name: 'a', parameters: { x: 1 } },
      { name: 'b', parameters: {}, generation_id: 'g' },
    ]);
    expectJsonRoundTrip(calls);
  });

  test('gives an empty array for an empty list', () => {
    expect(ToolCall.fromList([])).toStrictEqual([]);
  });

  test('gives undefined for anything that is not a list', () => {
    for (const value of [undefined, null, {}, { 0: { name: 'a' }, length: 1 }, 'abc', 3]) {
      expect(ToolCall.fromList(value)).toBeUndefined();
    }
  });

  test('throws ModelFieldError, with the element index, for a wrong-typed element', () => {
    expectModelFieldError(() => ToolCall.fromList([{ name: 'a' }, null]), {
      model: 'ToolCall',
      path: '[1]',
      expected: 'object',
      received: 'null',
    });
    expectModelFieldError(() => ToolCall.fromList([{ name: 'a', parameters: 'q' }]), {
      model: 'ToolCall',
      path: '[0].parameters',
      expected: 'object',
      received: 'string "q"',
    });
  });
});

describe('Tool and ToolParameterDefinitionsValue', () => {
  test('builds a tool with parameter definitions, leaving undefined members out', () => {
    const tool = Tool.create({
      name: 'query_daily_sales_report',
      description: 'Connects to a database to retrieve overall sales volumes for a given day.',
      parameter_definitions: {
        day: { type: 'str', description: 'Retrieves sales data for this day, formatted as YYYY-MM-DD.', required: true },
        region: { type: 'str', description: 'Sales region.', required: undefined },
        verbose: { type: 'bool', description: 'Whether to include details.', required: false },
      },
    });
    expect(tool).toStrictEqual({
      name: 'query_daily_sales_report',
      description: 'Connects to a database to retrieve overall sales volumes for a given day.',
      parameter_definitions: {
        day: { type: 'str', description: 'Retrieves sales data for this day, formatted as YYYY-MM-DD.', required: true },
        region: { type: 'str', description: 'Sales region.' },
        verbose: { type: 'bool', description: 'Whether to include details.', required: false },
      },
    });
    expect(Object.keys(tool.parameter_definitions?.['region'] ?? { missing: true })).toEqual(['type', 'description']);
    expectJsonRoundTrip(tool);
  });

  test('leaves parameter_definitions out when it is undefined', () => {
    const tool = Tool.create({ name: 'now', description: 'The current time.', parameter_definitions: undefined });
    expect(tool).toStrictEqual({ name: 'now', description: 'The current time.' });
    expect('parameter_definitions' in tool).toBe(false);
    expectJsonRoundTrip(tool);
  });

  test('ToolParameterDefinitionsValue.create keeps required only when given', () => {
    expect(ToolParameterDefinitionsValue.create({ type: 'int', description: 'n' })).toStrictEqual({
      type: 'int',
      description: 'n',
    });
    expect(ToolParameterDefinitionsValue.create({ type: 'int', description: 'n', required: false })).toStrictEqual({
      type: 'int',
      description: 'n',
      required: false,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Chat
// ---------------------------------------------------------------------------------------------

describe('Chat.fromDict', () => {
  fixtureTest('reads the stream-end response of a basic V1 chat stream', () => {
    const response = streamEndResponse('v1-chat-basic.jsonl');
    const chat = Chat.fromDict(response);
    expect(chat).toStrictEqual({
      response_id: '56d2f72e-fd00-4d60-af27-22d62efea204',
      generation_id: '8d246a38-7d24-4dd9-ba78-97be8479db54',
      text: 'The capital of Greenland is Nuuk. It is the biggest urban area and serves as the cultural, ' + 'governmental, and economic center of the country.',
      chat_history: [
        { role: 'USER', message: 'What is the capital of Greenland?' },
        { role: 'CHATBOT', message: response['text'] },
      ],
      finish_reason: 'COMPLETE',
      meta: {
        api_version: { version: '1' },
        billed_units: { input_tokens: 58, output_tokens: 29 },
        tokens: { input_tokens: 69, output_tokens: 29 },
      },
    });
    expectJsonRoundTrip(chat);
  });

  fixtureTest('reads tool_calls through ToolCall.fromList', () => {
    const chat = Chat.fromDict(streamEndResponse('v1-chat-tool-calls.jsonl'));
    expect(chat.response_id).toBe('71d8c9e1-1138-4d70-80d1-10ddec41c989');
    expect(chat.tool_calls).toStrictEqual([{ name: 'google', parameters: { query: 'who is sam saffron' } }]);
    expect(chat.chat_history).toHaveLength(2);
    expect(chat.finish_reason).toBe('COMPLETE');
    expectJsonRoundTrip(chat);
  });

  fixtureTest('reads token_count, citations, documents, search results and queries', () => {
    const response = streamEndResponse('v1-chat-docs-rag.jsonl');
    const chat = Chat.fromDict(response);
    expect(chat.response_id).toBe('75f0d364-5086-4d38-8afd-b67d19e06bf1');
    expect(chat.token_count).toStrictEqual({
      prompt_tokens: 2821,
      response_tokens: 29,
      total_tokens: 2850,
      billed_tokens: 37,
    });
    expect(chat.citations).toStrictEqual([{ start: 40, end: 56, text: 'Emperor Penguin.', document_ids: ['web-search_0', 'web-search_1'] }]);
    expect(chat.documents?.map((d) => d['id'])).toEqual(['web-search_0', 'web-search_1']);
    expect(chat.search_results).toStrictEqual(response['search_results']);
    expect(chat.search_queries).toStrictEqual([{ text: 'What is the tallest penguin in the world?', generation_id: '2c45db14-85f7-4714-b6c5-19cc9f026165' }]);
    expect(chat.tool_calls).toBeUndefined();
    expectJsonRoundTrip(chat);
  });

  fixtureTest('rejects the documented stream-end response, which has no response_id', () => {
    const error = thrownBy(() => Chat.fromDict(streamEndResponse('v1-chat-docs-basic.jsonl')));
    expect(error).toBeInstanceOf(MissingFieldError);
    expect(error).toMatchObject({ model: 'Chat', field: 'response_id' });
  });

  test('throws MissingFieldError for an empty object', () => {
    const error = thrownBy(() => Chat.fromDict({}));
    expect(error).toBeInstanceOf(MissingFieldError);
    expect(error).toBeInstanceOf(CohereStreamError);
    const missing = error as MissingFieldError;
    expect(missing.name).toBe('MissingFieldError');
    expect(missing.model).toBe('Chat');
    expect(missing.field).toBe('response_id');
    expect(missing.message).toContain('"response_id"');
  });

  test('throws MissingFieldError when response_id is null', () => {
    const error = thrownBy(() => Chat.fromDict({ response_id: null, text: 'hi' }));
    expect(error).toBeInstanceOf(MissingFieldError);
    expect(error).toMatchObject({ model: 'Chat', field: 'response_id' });
  });

  test('throws ModelFieldError when response_id is not a string', () => {
    expectModelFieldError(() => Chat.fromDict({ response_id: 42 }), {
      model: 'Chat',
      path: 'response_id',
      expected: 'string',
      received: 'number 42',
    });
    expectModelFieldError(() => Chat.fromDict({ response_id: { id: 'x' } }), {
      model: 'Chat',
      path: 'response_id',
      expected: 'string',
      received: 'an object',
    });
  });

  test('throws ModelFieldError (not TypeError) for a value that is not an object', () => {
    for (const [value, received] of [
      [undefined, 'undefined (missing)'],
      [null, 'null'],
      ['response', 'string "response"'],
      [42, 'number 42'],
      [[{ response_id: 'r' }], 'an array of 1 item(s)'],
    ] as const) {
      expectModelFieldError(() => Chat.fromDict(value), { model: 'Chat', path: '', expected: 'object', received });
    }
  });

  test('keeps only response_id when everything else is missing, null or not read', () => {
    const chat = Chat.fromDict({
      response_id: 'r',
      text: null,
      generation_id: null,
      chat_history: null,
      tool_calls: null,
      conversation_id: 'c',
      prompt: 'not read, so not checked',
      meta: null,
    });
    expect(chat).toStrictEqual({ response_id: 'r' });
    expectJsonRoundTrip(chat);
  });

  test('keeps the Bedrock invocation metrics of the last chunk', () => {
    const metrics = { inputTokenCount: 12, outputTokenCount: 30, invocationLatency: 812, firstByteLatency: 250 };
    expect(Chat.fromDict({ response_id: 'r', 'amazon-bedrock-invocationMetrics': metrics })).toStrictEqual({
      response_id: 'r',
      'amazon-bedrock-invocationMetrics': metrics,
    });
  });

  test('throws ModelFieldError, with the path, for any mistyped member it reads', () => {
    for (const [member, value, path, expected, received] of [
      ['generation_id', 5, 'generation_id', 'string', 'number 5'],
      ['chat_history', [{ role: 'USER' }, 'not an object'], 'chat_history[1]', 'object', 'string "not an object"'],
      ['chat_history', [{ message: 'no role' }], 'chat_history[0].role', 'string', 'undefined (missing)'],
      ['token_count', { prompt_tokens: '3' }, 'token_count.prompt_tokens', 'number', 'string "3"'],
      ['is_search_required', 'yes', 'is_search_required', 'boolean', 'string "yes"'],
      ['meta', { tokens: { input_tokens: 'x' } }, 'meta.tokens.input_tokens', 'number', 'string "x"'],
      ['citations', {}, 'citations', 'array', 'an object'],
      ['tool_calls', 'none', 'tool_calls', 'array', 'string "none"'],
      ['tool_calls', [{ name: 'a' }, { name: 1 }], 'tool_calls[1].name', 'string', 'number 1'],
    ] as const) {
      expectModelFieldError(() => Chat.fromDict({ response_id: 'r', [member]: value }), {
        model: 'Chat',
        path,
        expected,
        received,
      });
    }
  });

  test('reads preamble and is_search_required', () => {
    const chat = Chat.fromDict({ response_id: 'r', preamble: 'Be brief.', is_search_required: false });
    expect(chat).toStrictEqual({ response_id: 'r', preamble: 'Be brief.', is_search_required: false });
  });
});

// ---------------------------------------------------------------------------------------------
// Stream responses
// ---------------------------------------------------------------------------------------------

describe('streamResponseFromDict', () => {
  test('stream-start', () => {
    const item = streamResponseFromDict({ is_finished: false, event_type: 'stream-start', generation_id: 'g', conversation_id: 'c' }, 0);
    expect(item).toStrictEqual({
      is_finished: false,
      event_type: 'stream-start',
      index: 0,
      generation_id: 'g',
      conversation_id: 'c',
    });
    expectJsonRoundTrip(item);
  });

  test('search-queries-generation', () => {
    const item = streamResponseFromDict({ event_type: 'search-queries-generation', search_queries: [{ text: 'q', generation_id: 'g' }] }, 1);
    expect(item).toStrictEqual({
      is_finished: false,
      event_type: 'search-queries-generation',
      index: 1,
      search_queries: [{ text: 'q', generation_id: 'g' }],
    });
  });

  test('search-results', () => {
    const item = streamResponseFromDict(
      {
        event_type: 'search-results',
        search_results: [{ document_ids: ['d0'], connector: { id: 'web-search' } }],
        documents: [{ id: 'd0', title: 'T' }],
      },
      2,
    );
    expect(item).toStrictEqual({
      is_finished: false,
      event_type: 'search-results',
      index: 2,
      search_results: [{ document_ids: ['d0'], connector: { id: 'web-search' } }],
      documents: [{ id: 'd0', title: 'T' }],
    });
  });

  test('text-generation', () => {
    const item = streamResponseFromDict({ is_finished: false, event_type: 'text-generation', text: ' Nuuk' }, 3);
    expect(item).toStrictEqual({ is_finished: false, event_type: 'text-generation', index: 3, text: ' Nuuk' });
  });

  test('citation-generation', () => {
    const citations = [{ start: 0, end: 4, text: 'Nuuk', document_ids: ['d0'] }];
    const item = streamResponseFromDict({ event_type: 'citation-generation', citations }, 4);
    expect(item).toStrictEqual({ is_finished: false, event_type: 'citation-generation', index: 4, citations });
  });

  test('tool-calls-generation reads tool_calls and drops the plan text, as Python does', () => {
    const item = streamResponseFromDict(
      {
        event_type: 'tool-calls-generation',
        text: 'I will search.',
        tool_calls: [{ name: 'google', parameters: { query: 'q' } }],
      },
      5,
    );
    expect(item).toStrictEqual({
      is_finished: false,
      event_type: 'tool-calls-generation',
      index: 5,
      tool_calls: [{ name: 'google', parameters: { query: 'q' } }],
    });
    expect(item !== undefined && 'text' in item).toBe(false);
  });

  test('stream-end carries the top-level finish_reason and the copied response members', () => {
    const item = streamResponseFromDict(
      {
        is_finished: true,
        event_type: 'stream-end',
        finish_reason: 'MAX_TOKENS',
        response: {
          response_id: 'r',
          conversation_id: 'c',
          prompt: 'p',
          text: 'Hi',
          finish_reason: 'COMPLETE',
          tool_calls: [{ name: 't' }],
          meta: { billed_units: { input_tokens: 1 } },
        },
      },
      6,
    );
    expect(item).toStrictEqual({
      is_finished: true,
      event_type: 'stream-end',
      index: 6,
      finish_reason: 'MAX_TOKENS',
      response: { response_id: 'r', conversation_id: 'c', prompt: 'p', text: 'Hi', tool_calls: [{ name: 't' }] },
    });
    expectJsonRoundTrip(item);
  });

  test('stream-end without a usable response gives undefined, as Python yields nothing', () => {
    expect(streamResponseFromDict({ event_type: 'stream-end', finish_reason: 'COMPLETE' }, 0)).toBeUndefined();
    expect(streamResponseFromDict({ event_type: 'stream-end', response: null }, 0)).toBeUndefined();
    expect(streamResponseFromDict({ event_type: 'stream-end', response: {} }, 0)).toStrictEqual({
      is_finished: true,
      event_type: 'stream-end',
      index: 0,
      response: {},
    });
  });

  test('stream-end with a response that is not an object throws ModelFieldError', () => {
    expectModelFieldError(() => streamResponseFromDict({ event_type: 'stream-end', response: 'done' }, 0), {
      model: 'StreamEnd',
      path: 'response',
      expected: 'object',
      received: 'string "done"',
    });
  });

  test('unknown event types give undefined', () => {
    for (const value of [
      { event_type: 'tool-calls-chunk', tool_call_delta: { name: 'x' } },
      { event_type: 'debug', prompt: 'p' },
      { event_type: 'STREAM_START' },
      { event_type: 42 },
      { text: 'no event type' },
    ]) {
      expect(streamResponseFromDict(value, 0)).toBeUndefined();
    }
  });

  test('a value that is not an object throws ModelFieldError', () => {
    for (const [value, received] of [
      [null, 'null'],
      ['text-generation', 'string "text-generation"'],
      [['stream-start'], 'an array of 1 item(s)'],
    ] as const) {
      expectModelFieldError(() => streamResponseFromDict(value, 0), {
        model: 'StreamResponse',
        path: '',
        expected: 'object',
        received,
      });
    }
  });

  test('is_finished comes from the event kind, not from the wire', () => {
    expect(streamResponseFromDict({ is_finished: true, event_type: 'text-generation', text: 'x' }, 0)).toMatchObject({
      is_finished: false,
    });
    expect(streamResponseFromDict({ event_type: 'stream-end', response: {} }, 0)).toMatchObject({ is_finished: true });
  });

  test('mistyped members it reads throw ModelFieldError naming the Python class and the path', () => {
    expectModelFieldError(() => streamResponseFromDict({ event_type: 'text-generation', text: 3 }, 0), {
      model: 'StreamTextGeneration',
      path: 'text',
      expected: 'string',
      received: 'number 3',
    });
    expectModelFieldError(() => streamResponseFromDict({ event_type: 'citation-generation', citations: [1, 2] }, 0), {
      model: 'StreamCitationGeneration',
      path: 'citations[0]',
      expected: 'object',
      received: 'number 1',
    });
    expectModelFieldError(() => streamResponseFromDict({ event_type: 'stream-end', response: { tool_calls: [{ name: 1 }] } }, 0), {
      model: 'StreamEnd',
      path: 'response.tool_calls[0].name',
      expected: 'string',
      received: 'number 1',
    });
  });

  test('members it does not read are neither checked nor kept', () => {
    expect(streamResponseFromDict({ is_finished: 'yes', p: 1, event_type: 'text-generation', text: 'x', extra: {} }, 0)).toStrictEqual({
      is_finished: false,
      event_type: 'text-generation',
      index: 0,
      text: 'x',
    });
  });

  test('rejects an index that is not a non-negative integer', () => {
    for (const index of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => streamResponseFromDict({ event_type: 'text-generation', text: 'x' }, index)).toThrow(RangeError);
    }
  });
});

describe('streamResponsesFromDicts', () => {
  test('numbers the items it keeps and skips dropped events without advancing the index', () => {
    const items = [
      ...streamResponsesFromDicts([
        { event_type: 'stream-start', generation_id: 'g' },
        { event_type: 'debug' },
        { event_type: 'text-generation', text: 'a' },
        { event_type: 'tool-calls-chunk' },
        { event_type: 'text-generation', text: 'b' },
        { event_type: 'stream-end', finish_reason: 'COMPLETE' },
      ]),
    ];
    expect(items.map((i) => [i.index, i.event_type])).toEqual([
      [0, 'stream-start'],
      [1, 'text-generation'],
      [2, 'text-generation'],
    ]);
  });

  fixtureTest('turns the basic V1 fixture into start, 29 texts and an end', () => {
    const items = [...streamResponsesFromDicts(readEvents('v1-chat-basic.jsonl'))];
    expect(items).toHaveLength(31);
    expect(items.map((i) => i.index)).toEqual(items.map((_, n) => n));
    expect(items[0]).toStrictEqual({
      is_finished: false,
      event_type: 'stream-start',
      index: 0,
      generation_id: '8d246a38-7d24-4dd9-ba78-97be8479db54',
    });
    const text = items
      .filter((i): i is Extract<StreamResponse, { event_type: 'text-generation' }> => i.event_type === 'text-generation')
      .map((i) => i.text ?? '')
      .join('');
    const end = items[items.length - 1] as StreamEnd;
    expect(end.event_type).toBe(StreamEvent.STREAM_END);
    expect(end.is_finished).toBe(true);
    expect(end.index).toBe(30);
    expect(end.finish_reason).toBe('COMPLETE');
    expect(end.response.response_id).toBe('56d2f72e-fd00-4d60-af27-22d62efea204');
    expect(end.response.text).toBe(text);
    for (const item of items) expectJsonRoundTrip(item);
  });

  fixtureTest('turns the tool-calls fixture into start, tool calls and an end', () => {
    const items = [...streamResponsesFromDicts(readEvents('v1-chat-tool-calls.jsonl'))];
    expect(items.map((i) => [i.index, i.event_type])).toEqual([
      [0, 'stream-start'],
      [1, 'tool-calls-generation'],
      [2, 'stream-end'],
    ]);
    const calls = items[1] as ChatToolCallsGenerationEvent;
    expect(calls.tool_calls).toStrictEqual([{ name: 'google', parameters: { query: 'who is sam saffron' } }]);
    expect((items[2] as StreamEnd).response.tool_calls).toStrictEqual(calls.tool_calls);
    for (const item of items) expectJsonRoundTrip(item);
  });

  fixtureTest('turns the RAG fixture into every V1 event kind in order', () => {
    const items = [...streamResponsesFromDicts(readEvents('v1-chat-docs-rag.jsonl'))];
    expect(items).toHaveLength(31);
    expect(items.map((i) => i.index)).toEqual(items.map((_, n) => n));
    expect(items.slice(0, 4).map((i) => i.event_type)).toEqual(['stream-start', 'search-queries-generation', 'search-results', 'text-generation']);
    expect(items.slice(-2).map((i) => i.event_type)).toEqual(['citation-generation', 'stream-end']);

    const results = items[2];
    if (results?.event_type !== 'search-results') throw new Error('expected search-results at index 2');
    expect(results.documents?.map((d) => d['id'])).toEqual(['web-search_0', 'web-search_1']);
    expect(results.search_results).toHaveLength(1);

    const citations = items[29];
    if (citations?.event_type !== 'citation-generation') throw new Error('expected citation-generation at index 29');
    expect(citations.citations).toStrictEqual([{ start: 40, end: 56, text: 'Emperor Penguin.', document_ids: ['web-search_0', 'web-search_1'] }]);

    const end = items[30] as StreamEnd;
    expect(end.response.token_count).toStrictEqual({
      prompt_tokens: 2821,
      response_tokens: 29,
      total_tokens: 2850,
      billed_tokens: 37,
    });
    expect(end.response.search_queries).toHaveLength(1);
    for (const item of items) expectJsonRoundTrip(item);
  });

  fixtureTest('sets is_finished from the kind when the wire has no is_finished', () => {
    const items = [...streamResponsesFromDicts(readEvents('v1-chat-docs-basic.jsonl'))];
    expect(items).toHaveLength(11);
    expect(items.slice(0, -1).every((i) => i.is_finished === false)).toBe(true);
    const end = items[10] as StreamEnd;
    expect(end.is_finished).toBe(true);
    // The documented response has no response_id: StreamEnd keeps what there is (Python uses .get).
    expect(end.response.response_id).toBeUndefined();
    expect(end.response.generation_id).toBe('29f14a5a-11de-4cae-9800-25e4747408ea');
  });

  fixtureTest('reads a Bedrock Command R tool-calls chunk', () => {
    const items = [...streamResponsesFromDicts(readEvents('bedrock-command-r-tool-calls-generation.jsonl'))];
    expect(items).toStrictEqual([
      {
        is_finished: false,
        event_type: 'tool-calls-generation',
        index: 0,
        tool_calls: [{ name: 'realtime_weather____fetchCurrentWeather', parameters: { city: 'Shanghai' } }],
      },
    ]);
    expectJsonRoundTrip(items);
  });
});
