import { issuePaths } from '../helpers/issue-paths';
import { V1ChatMessage, V1ChatRequest } from '../../lib/requests/v1-chat-request';

const v1Body = {
  message: 'And what about tomorrow?',
  model: 'command-r-plus-08-2024',
  preamble: 'You are a weather assistant.',
  chat_history: [
    { role: 'SYSTEM', message: 'Use metric units.' },
    { role: 'USER', message: 'What is the weather in Paris?' },
    { role: 'CHATBOT', message: '', tool_calls: [{ name: 'get_weather', parameters: { city: 'Paris' } }] },
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
  some_future_parameter: 'kept',
};

describe('V1ChatRequest', () => {
  it('parses a realistic body with history, tools and tool results and keeps unknown members', () => {
    const parsed = V1ChatRequest.parse(v1Body);
    expect(parsed.chat_history?.map((message) => message.role)).toEqual(['SYSTEM', 'USER', 'CHATBOT', 'TOOL', 'CHATBOT']);
    expect(parsed.tools?.[0]?.parameter_definitions?.['city']).toEqual({
      description: 'City name',
      type: 'str',
      required: true,
    });
    expect(parsed.tool_results?.[0]?.outputs).toEqual([{ forecast: 'rain' }]);
    expect(parsed.documents?.[0]).toEqual(v1Body.documents[0]);
    expect(parsed['some_future_parameter']).toBe('kept');
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
