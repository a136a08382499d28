import { issuePaths } from '../helpers/issue-paths';
import { V1ChatMessage, V1ChatRequest } from '../../lib/requests/v1-chat-request';

const v1Body = {
  message: 'And what about tomorrow?',
  model: 'command-r-plus-08-2024',
  preamble: 'You are a weather assistant.',
  chat_history: [
    { role: 'SYSTEM', message: 'Use metric units.' },
    { role: 'USER', message: 'What is the weather in Paris?' },
    { role: 'CHATBOT', message: 'I will look up the weather.', tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris' } }] },
    {
      role: 'TOOL',
      tool_results: [{ call: { name: 'get_weather', parameters: { city: 'Paris' } }, outputs: [{ temperature_c: 21 }] }],
    },
    { role: 'CHATBOT', message: 'It is 21 °C in Paris.' },
  ],
  conversation_id: 'conv-123',
  prompt_truncation: 'AUTO_PRESERVE_ORDER',
  connectors: [{ id: 'web-search', continue_on_failure: true, options: { site: 'meteo.fr' } }],
  search_queries_only: false,
  documents: [{ id: 'd1', title: 'Forecast', text: 'Rain tomorrow.', _excludes: ['id'] }],
  citation_quality: 'ACCURATE',
  temperature: 0.3,
  max_tokens: 300,
  max_input_tokens: 4000,
  k: 0,
  p: 0.9,
  seed: 7,
  stop_sequences: ['END'],
  frequency_penalty: 0,
  presence_penalty: 0.5,
  raw_prompting: false,
  tools: [
    {
      name: 'get_weather',
      description: 'Weather of a city',
      parameter_definitions: { city: { description: 'City name', type: 'str', required: true } },
    },
  ],
  tool_results: [{ call: { name: 'get_weather', parameters: { city: 'Paris' } }, outputs: [{ forecast: 'rain' }] }],
  force_single_step: false,
  response_format: { type: 'json_object', schema: { type: 'object' } },
  safety_mode: 'STRICT',
  stream: true,
};

describe('V1ChatRequest', () => {
  it('parses a realistic body with history, tools and tool results', () => {
    const parsed = V1ChatRequest.parse(v1Body);
    expect(parsed.chat_history?.map((message) => message.role)).toEqual(['SYSTEM', 'USER', 'CHATBOT', 'TOOL', 'CHATBOT']);
    expect(parsed.tools?.[0]?.parameter_definitions?.['city']).toEqual({
      description: 'City name',
      type: 'str',
      required: true,
    });
    expect(parsed.tool_results?.[0]?.outputs).toEqual([{ forecast: 'rain' }]);
    expect(parsed.documents?.[0]).toEqual(v1Body.documents[0]);
  });

  it.each([
    ['the body', { maxTokens: 5 }, ''],
    ['a chat_history message', { chat_history: [{ role: 'USER', message: 'hi', name: 'me' }] }, 'chat_history.0'],
    ['a tool message', { chat_history: [{ role: 'TOOL', tool_results: [], toolResults: [] }] }, 'chat_history.0'],
    ['a tool result', { tool_results: [{ call: { name: 'f', parameters: {} }, outputs: [], error: 'x' }] }, 'tool_results.0'],
    ['a tool', { tools: [{ name: 'f', description: 'd', parameterDefinitions: {} }] }, 'tools.0'],
    [
      'a parameter definition',
      { tools: [{ name: 'f', description: 'd', parameter_definitions: { city: { type: 'str', default: 'Paris' } } }] },
      'tools.0.parameter_definitions.city',
    ],
    ['a connector', { connectors: [{ id: 'web-search', opts: {} }] }, 'connectors.0'],
    ['response_format', { response_format: { type: 'json_object', json_schema: {} } }, 'response_format'],
  ])('rejects a member it does not list in %s', (_where, extra, path) => {
    const result = V1ChatRequest.safeParse({ message: 'Hello', ...extra });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path.join('.')])).toEqual([['unrecognized_keys', path]]);
  });

  it("leaves free a document's fields, tool calls, tool outputs, connector options and the response schema", () => {
    const body = {
      message: 'Hello',
      chat_history: [{ role: 'CHATBOT', message: 'Calling.', tool_calls: [{ name: 'f', parameters: { any: [1] }, generation_id: 'g' }] }],
      documents: [{ title: 'T', snippet: 'S', url: 'https://example.com' }],
      tool_results: [{ call: { name: 'f', parameters: {}, id: 'c1' }, outputs: [{ deep: { value: 1 } }] }],
      connectors: [{ id: 'web-search', options: { site: 'example.com', anything: true } }],
      response_format: { type: 'json_object', schema: { type: 'object', 'x-any': 1 } },
    };
    expect(issuePaths(V1ChatRequest, body)).toEqual([]);
  });

  it('bounds max_tokens, max_input_tokens and stop_sequences as the API reference states', () => {
    expect(issuePaths(V1ChatRequest, { message: 'Hi', max_tokens: 0, max_input_tokens: -1 }).sort()).toEqual(['max_input_tokens', 'max_tokens']);
    expect(issuePaths(V1ChatRequest, { message: 'Hi', stop_sequences: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual(['stop_sequences']);
    expect(issuePaths(V1ChatRequest, { message: 'Hi', max_tokens: 1, max_input_tokens: 1, stop_sequences: ['a', 'b', 'c', 'd', 'e'] })).toEqual([]);
  });

  it('requires a non-empty message in chat_history and a non-empty connector id, as the API reference states', () => {
    expect(issuePaths(V1ChatRequest, { message: '', chat_history: [{ role: 'CHATBOT', message: '' }], connectors: [{ id: '' }] })).toEqual([
      'chat_history.0.message',
      'connectors.0.id',
    ]);
  });

  it('accepts a Bedrock-style body without model or stream', () => {
    expect(issuePaths(V1ChatRequest, { message: 'Hello', max_tokens: 100 })).toEqual([]);
  });

  it('reports a missing message', () => {
    expect(issuePaths(V1ChatRequest, { model: 'command-r' })).toEqual(['message']);
  });

  it('reports bad V1 parameters by their wire names', () => {
    const body = {
      message: 'Hello',
      temperature: 'hot',
      p: 2,
      safety_mode: 'OFF',
      prompt_truncation: 'SOMETIMES',
      citation_quality: 'perfect',
      tools: [{ description: 'nameless', parameter_definitions: { city: { description: 'City' } } }],
      tool_results: [{ call: { name: 'get_weather', parameters: {} }, outputs: { forecast: 'rain' } }],
    };
    expect(issuePaths(V1ChatRequest, body).sort()).toEqual([
      'citation_quality',
      'p',
      'prompt_truncation',
      'safety_mode',
      'temperature',
      'tool_results.0.outputs',
      'tools.0.name',
      'tools.0.parameter_definitions.city.type',
    ]);
  });
});

describe('V1ChatMessage', () => {
  it('reports an unknown role and a text message without its message', () => {
    expect(issuePaths(V1ChatMessage, { role: 'ASSISTANT', message: 'hi' })).toEqual(['role']);
    expect(issuePaths(V1ChatMessage, { role: 'USER' })).toEqual(['message']);
  });
});
