/**
 * Request bodies that must compile: every endpoint's body written inline, in a variable typed
 * with its named interface, and the way to send a member cohere-rx does not know on purpose.
 * `tsc --noEmit` compiles this file; `spec/requests/request-types.spec.ts` checks it has no errors.
 */
import {
  chatStream,
  chatStreamV1,
  fromCohere,
  generateStream,
  type V2ChatMessage,
  type V2ChatRequest,
  type V2ToolMessage,
  type V2UserMessage,
} from '../../../lib/index';
import { bedrockChatStream, bedrockGenerateStream } from '../../../lib/transport/bedrock/index';
import { sagemakerChatStream } from '../../../lib/transport/sagemaker/index';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';

declare const bedrock: BedrockRuntimeClient;
declare const sagemaker: SageMakerRuntimeClient;

export const inline = chatStream({
  model: 'command-a-03-2025',
  messages: [
    { role: 'system', content: 'Answer briefly.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture?' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
      ],
    },
    { role: 'assistant', tool_plan: 'Look it up.', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'c1', content: [{ type: 'document', document: { data: { title: 'Result', anything: { nested: true } } } }] },
  ],
  tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {}, additionalProperties: false } } }],
  documents: ['A plain text document.', { id: 'd1', data: { text: 'Fields are free.' } }],
  response_format: { type: 'json_object', json_schema: { type: 'object', required: ['answer'] } },
  max_tokens: 300,
  stop_sequences: ['END'],
  temperature: 0.3,
  thinking: { type: 'enabled', token_budget: 1024 },
  priority: 0,
});

const question: V2UserMessage = { role: 'user', content: 'Hello' };
const answer: V2ToolMessage = { role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' };
const history: V2ChatMessage[] = [question, answer];
const typed: V2ChatRequest = { model: 'command-a-03-2025', messages: history, temperature: null };
export const fromVariable = chatStream(typed);

// A literal role in a variable stays literal with `as const`.
const built = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hi' }] };
export const fromBuilt = fromCohere('v2/chat', built);

// A parameter the API added after this version: spread from a variable, and sent on purpose.
const newer: Record<string, unknown> = { new_parameter: true };
export const sendOnPurpose = chatStream({ ...typed, ...newer }, { unknownFields: 'send' });

export const v1 = chatStreamV1({
  message: 'And tomorrow?',
  chat_history: [
    { role: 'USER', message: 'Weather in Paris?' },
    { role: 'CHATBOT', message: 'Looking it up.', tool_calls: [{ name: 'weather', parameters: { city: 'Paris' } }] },
  ],
  documents: [{ title: 'Forecast', snippet: 'Rain.', _excludes: ['title'] }],
  connectors: [{ id: 'web-search', options: { site: 'example.com' } }],
  tools: [{ name: 'weather', description: 'Weather of a city', parameter_definitions: { city: { type: 'str', required: true } } }],
  response_format: { type: 'json_object', schema: { type: 'object' } },
});
export const generation = generateStream({ prompt: 'Once upon a time', num_generations: 2, max_tokens: 0, return_likelihoods: 'ALL' });
export const onBedrock = bedrockChatStream(bedrock, { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi', max_tokens: 10 } }, { unknownFields: 'reject' });
export const onBedrockGenerate = bedrockGenerateStream(bedrock, { modelId: 'cohere.command-text-v14', body: { prompt: 'Hi', logit_bias: { '11': -10 } } });
export const withPrompt = bedrockChatStream(bedrock, { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi', return_prompt: true } });
export const onSageMaker = sagemakerChatStream(sagemaker, { endpointName: 'e', body: { message: 'Hi' } }, { unknownFields: 'send' });
