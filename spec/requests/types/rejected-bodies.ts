/**
 * Request bodies that must not compile. Each `@ts-expect-error` marks a line that must fail, and
 * the words after it must appear in TypeScript's message (`spec/requests/request-types.spec.ts`
 * compiles this file without the markers and checks both); `tsc --noEmit` fails if a marked line
 * compiles.
 */
import { chatStream, chatStreamV1, fromCohere, generateStream } from '../../../lib/index';
import { bedrockChatStream } from '../../../lib/transport/bedrock/index';
import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';

declare const bedrock: BedrockRuntimeClient;
const model = 'command-a-03-2025';
const messages = [{ role: 'user' as const, content: 'Hi' }];

// Members in camelCase, as the official TypeScript SDK writes them, and typos.
// @ts-expect-error 'maxTokens' does not exist in type 'V2ChatRequest'. Did you mean to write 'max_tokens'?
export const camelCase = chatStream({ model, messages, maxTokens: 5 });
// @ts-expect-error 'temprature' does not exist in type 'V2ChatRequest'. Did you mean to write 'temperature'?
export const typo = chatStream({ model, messages, temprature: 2 });
// @ts-expect-error 'stopSequences' does not exist in type 'V2ChatRequest'
export const fromCohereToo = fromCohere('v2/chat', { model, messages, stopSequences: ['x'] });

// Nested objects.
// @ts-expect-error 'name' does not exist in type 'V2UserMessage'
export const inMessage = chatStream({ model, messages: [{ role: 'user', content: 'Hi', name: 'me' }] });
// @ts-expect-error 'cache' does not exist in type 'V2TextContent'
export const inBlock = chatStream({ model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', cache: true }] }] });
// @ts-expect-error 'title' does not exist in type 'V2Document'
export const inDocument = chatStream({ model, messages, documents: [{ data: {}, title: 'T' }] });
// @ts-expect-error 'strict' does not exist in type 'V2ToolFunction'
export const inTool = chatStream({ model, messages, tools: [{ type: 'function', function: { name: 'f', parameters: {}, strict: true } }] });
// @ts-expect-error 'jsonSchema' does not exist in type 'V2JsonResponseFormat'
export const inFormat = chatStream({ model, messages, response_format: { type: 'json_object', jsonSchema: {} } });

// The other endpoints and AWS.
// @ts-expect-error 'chatHistory' does not exist in type 'V1ChatRequest'
export const v1 = chatStreamV1({ message: 'Hi', chatHistory: [] });
// @ts-expect-error 'numGenerations' does not exist in type 'GenerateRequest'
export const generation = generateStream({ prompt: 'Hi', numGenerations: 2 });
// @ts-expect-error 'maxTokens' does not exist in type 'AwsChatBody'
export const onBedrock = bedrockChatStream(bedrock, { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi', maxTokens: 5 } });

// A body built in a variable, whose role widened to `string`: the message names the interfaces.
const built = { model, messages: [{ role: 'user', content: 'Hi' }] };
// @ts-expect-error 'V2ChatRequest' 'V2ChatMessage[]' '{ role: string; content: string; }'
export const widened = chatStream(built);

// The option takes 'reject' or 'send' only.
// @ts-expect-error Type '"ignore"' is not assignable to type 'UnknownFields | undefined'
export const badOption = chatStream({ model, messages }, { unknownFields: 'ignore' });
