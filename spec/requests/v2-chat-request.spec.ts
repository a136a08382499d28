import { issuePaths } from '../helpers/issue-paths';
import { V2ChatMessage, V2ChatRequest, V2Tool } from '../../lib/requests/v2-chat-request';

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
} as const;

const v2Body = {
  model: 'command-a-03-2025',
  messages: [
    { role: 'system', content: [{ type: 'text', text: 'Answer briefly.' }] },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the weather in Paris, and what does this logo show?' },
        { type: 'image_url', image_url: { url: 'https://cohere.com/favicon-32x32.png', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      tool_plan: 'I will look up the weather in Paris.',
      tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
    },
    {
      role: 'tool',
      tool_call_id: 'get_weather_1',
      content: [{ type: 'document', document: { id: 'w1', data: { city: 'Paris', temperature_c: 21 } } }],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'The tool says 21 °C.' },
        { type: 'text', text: 'It is 21 °C in Paris.' },
      ],
      citations: [
        {
          start: 6,
          end: 11,
          text: '21 °C',
          type: 'TEXT_CONTENT',
          sources: [{ type: 'tool', id: 'w1', tool_output: { temperature_c: 21 } }],
        },
      ],
    },
    { role: 'user', content: 'Answer in JSON, please.' },
  ],
  tools: [weatherTool],
  strict_tools: true,
  documents: ['Paris is the capital of France.', { id: 'doc-2', data: { title: 'Climate', text: 'Mild summers.' } }],
  citation_options: { mode: 'FAST' },
  response_format: {
    type: 'json_object',
    json_schema: { type: 'object', properties: { temperature_c: { type: 'number' } }, required: ['temperature_c'] },
  },
  safety_mode: 'CONTEXTUAL',
  max_tokens: 512,
  stop_sequences: ['</answer>'],
  temperature: 0.3,
  seed: 42,
  frequency_penalty: 0.1,
  presence_penalty: 0.2,
  k: 40,
  p: 0.75,
  logprobs: false,
  tool_choice: 'REQUIRED',
  thinking: { type: 'enabled', token_budget: 2048 },
  priority: 1,
  stream: true,
};

describe('V2ChatRequest', () => {
  it('parses a realistic body with every message kind', () => {
    const parsed = V2ChatRequest.parse(v2Body);
    expect(parsed.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    expect(parsed.tools?.[0]?.function.name).toBe('get_weather');
    expect(parsed.thinking).toEqual({ type: 'enabled', token_budget: 2048 });
    expect(parsed.response_format).toEqual(v2Body.response_format);
    expect(parsed.documents?.[1]).toEqual({ id: 'doc-2', data: { title: 'Climate', text: 'Mild summers.' } });
  });

  it.each([
    ['the body', { maxTokens: 5 }, ''],
    ['a message', { messages: [{ role: 'user', content: 'hi', name: 'me' }] }, 'messages.0'],
    ['a content block', { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache: true }] }] }, 'messages.0.content.0'],
    [
      'an image reference',
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'u', size: 1 } }] }] },
      'messages.0.content.0.image_url',
    ],
    [
      'a document block',
      { messages: [{ role: 'tool', tool_call_id: 't', content: [{ type: 'document', document: { data: {}, title: 'x' } }] }] },
      'messages.0.content.0.document',
    ],
    ['a document of documents', { documents: [{ id: 'd', data: {}, snippet: 's' }] }, 'documents.0'],
    ['a tool', { tools: [{ ...weatherTool, cache: true }] }, 'tools.0'],
    ["a tool's function", { tools: [{ type: 'function', function: { ...weatherTool.function, strict: true } }] }, 'tools.0.function'],
    ['response_format', { response_format: { type: 'json_object', jsonSchema: {} } }, 'response_format'],
    ['citation_options', { citation_options: { mode: 'FAST', quality: 1 } }, 'citation_options'],
    ['thinking', { thinking: { type: 'enabled', budget: 1 } }, 'thinking'],
  ])('rejects a member it does not list in %s', (_where, extra, path) => {
    const result = V2ChatRequest.safeParse({ model: 'command-r', messages: [], ...extra });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([['unrecognized_keys', path]]);
  });

  it('leaves free what the API leaves free: parameters, data, json_schema, echoed tool calls and citations', () => {
    const body = {
      model: 'command-r',
      messages: [
        { role: 'user', content: [{ type: 'document', document: { data: { anything: { nested: [1] } } } }] },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}', extra: 1 }, index: 0 }],
          citations: [{ start: 0, end: 1, text: 'x', sources: [], future: true }],
        },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', additionalProperties: false, $defs: {} } } }],
      documents: [{ data: { title: 't', custom: { deep: true } } }],
      response_format: { type: 'json_object', json_schema: { type: 'object', 'x-any': 1 } },
    };
    expect(issuePaths(V2ChatRequest, body)).toEqual([]);
  });

  it('accepts the smallest body and null for optional members', () => {
    expect(issuePaths(V2ChatRequest, { model: 'command-r', messages: [] })).toEqual([]);
    expect(issuePaths(V2ChatRequest, { model: 'command-r', messages: [], temperature: null, tools: null })).toEqual([]);
  });

  it('reports a missing model and missing messages', () => {
    expect(issuePaths(V2ChatRequest, {}).sort()).toEqual(['messages', 'model']);
  });

  it('reports a message with an unknown role', () => {
    const body = {
      model: 'command-r',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'robot', content: 'beep' },
      ],
    };
    expect(issuePaths(V2ChatRequest, body)).toEqual(['messages.1.role']);
  });

  it('reports each bad parameter by its wire name', () => {
    const body = {
      model: 'command-r',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 'hot',
      p: 2,
      k: 501,
      safety_mode: 'LOOSE',
      tool_choice: 'required',
      citation_options: { mode: 'SOMETIMES' },
      thinking: { type: 'enabled', token_budget: 0 },
      priority: 1.5,
    };
    expect(issuePaths(V2ChatRequest, body).sort()).toEqual([
      'citation_options.mode',
      'k',
      'p',
      'priority',
      'safety_mode',
      'temperature',
      'thinking.token_budget',
      'tool_choice',
    ]);
  });

  it('bounds max_tokens, stop_sequences and priority as the API reference states', () => {
    const base = { model: 'command-r', messages: [] };
    expect(issuePaths(V2ChatRequest, { ...base, max_tokens: 0 })).toEqual(['max_tokens']);
    expect(issuePaths(V2ChatRequest, { ...base, max_tokens: -1 })).toEqual(['max_tokens']);
    expect(issuePaths(V2ChatRequest, { ...base, max_tokens: 1.5 })).toEqual(['max_tokens']);
    expect(issuePaths(V2ChatRequest, { ...base, stop_sequences: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual(['stop_sequences']);
    expect(issuePaths(V2ChatRequest, { ...base, priority: -1 })).toEqual(['priority']);
    expect(issuePaths(V2ChatRequest, { ...base, max_tokens: 1, stop_sequences: ['a', 'b', 'c', 'd', 'e'], priority: 0 })).toEqual([]);
  });

  it('bounds temperature below (the reference states no maximum), p and the penalties at both ends', () => {
    const base = { model: 'command-r', messages: [] };
    expect(issuePaths(V2ChatRequest, { ...base, temperature: -0.1 })).toEqual(['temperature']);
    expect(issuePaths(V2ChatRequest, { ...base, temperature: 1.5 })).toEqual([]);
    expect(issuePaths(V2ChatRequest, { ...base, p: 0 })).toEqual(['p']);
    expect(issuePaths(V2ChatRequest, { ...base, frequency_penalty: 1.5, presence_penalty: -1 }).sort()).toEqual(['frequency_penalty', 'presence_penalty']);
    expect(issuePaths(V2ChatRequest, { ...base, temperature: 0, p: 0.99, k: 0, frequency_penalty: 1 })).toEqual([]);
  });

  it('reports a tool without function.name', () => {
    const body = {
      model: 'command-r',
      messages: [],
      tools: [{ type: 'function', function: { description: 'nameless', parameters: {} } }],
    };
    expect(issuePaths(V2ChatRequest, body)).toEqual(['tools.0.function.name']);
  });

  it('only accepts a streaming body', () => {
    expect(issuePaths(V2ChatRequest, { model: 'command-r', messages: [], stream: false })).toEqual(['stream']);
  });

  it('rejects a response_format of an unknown type and a json_schema that is not an object', () => {
    const base = { model: 'command-r', messages: [] };
    expect(issuePaths(V2ChatRequest, { ...base, response_format: { type: 'xml' } })).toEqual(['response_format.type']);
    expect(issuePaths(V2ChatRequest, { ...base, response_format: { type: 'json_object', json_schema: 'object' } })).toEqual(['response_format.json_schema']);
  });
});

describe('V2ChatMessage', () => {
  it('requires tool_call_id on a tool message', () => {
    expect(issuePaths(V2ChatMessage, { role: 'tool', content: '{"ok":true}' })).toEqual(['tool_call_id']);
  });

  it('rejects an image block in a system message', () => {
    const message = { role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] };
    expect(issuePaths(V2ChatMessage, message)).toEqual(['content']);
  });

  it('rejects an image detail level that does not exist', () => {
    const message = { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'max' } }] };
    expect(issuePaths(V2ChatMessage, message)).toEqual(['content']);
  });
});

describe('V2Tool', () => {
  it('rejects members of a tool and of its function it does not list, not those of its JSON Schema', () => {
    expect(issuePaths(V2Tool, { ...weatherTool, cache: true, function: { ...weatherTool.function, strict: true } })).toEqual(['function', '']);
    expect(issuePaths(V2Tool, { ...weatherTool, function: { ...weatherTool.function, parameters: { type: 'object', anything: true } } })).toEqual([]);
  });
});
