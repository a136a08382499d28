/**
 * The mock server's answer when no reply was scripted: a plausible answer derived from the
 * request, for each endpoint of api.cohere.com, Bedrock and SageMaker.
 *
 * @module
 */
import type { ChatScript, ScriptedToolCall } from './chat-script';
import type { MockHandler } from './mock-exchange';
import { bedrockStream, jsonLinesStream, sagemakerStream, sseStream } from './family-replies';
import { fails, type StreamReplyOptions } from './mock-replies';
import { generateEndOf, generateEvents, withoutEventType, type GenerateScript } from './generate-events';
import { chatOf, chatV1Events } from './v1-events';
import { chatResponseOf, chatV2Events } from './v2-events';

type Fields = Readonly<Record<string, unknown>>;

const fieldsOf = (value: unknown): Fields => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : {});
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The pieces a model streams a text in: each word with the spaces before it. */
const wordsOf = (text: string): string[] => text.match(/\s*\S+/g) ?? [];

/** At most 80 characters of a text. */
const shortened = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/** The text of V2 message content: a string, or the `text` of its text blocks. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  return listOf(content)
    .map((block) => stringOf(fieldsOf(block)['text']) ?? '')
    .join('');
}

/** A value for a tool parameter of a JSON-schema or V1 type. */
function argumentFor(type: unknown, question: string): unknown {
  if (type === 'string' || type === 'str') return question;
  if (type === 'number' || type === 'integer' || type === 'int' || type === 'float') return 1;
  if (type === 'boolean' || type === 'bool') return true;
  return undefined;
}

/** A tool-use turn that calls `name` with a value for each parameter of a known type. */
function toolTurn(name: string, parameters: readonly (readonly [string, unknown])[], question: string): ChatScript {
  const args = Object.fromEntries(
    parameters.flatMap(([parameter, type]) => {
      const value = argumentFor(type, question);
      return value === undefined ? [] : [[parameter, value]];
    }),
  );
  const call: ScriptedToolCall = { name, arguments: args, fragments: 3 };
  return { toolPlan: wordsOf(`I will use ${name} to answer this.`), toolCalls: [call] };
}

/** An answer that cites the first document. */
function ragTurn(id: string, data: Fields): ChatScript {
  const quote = shortened(stringOf(data['snippet']) ?? stringOf(data['text']) ?? Object.values(data).find((value) => typeof value === 'string') ?? id);
  const intro = 'According to the document, ';
  return {
    text: wordsOf(`${intro}${quote}`),
    citations: [{ start: intro.length, end: intro.length + quote.length, text: quote, sources: [{ type: 'document', id, document: { id, ...data } }] }],
  };
}

const plainTurn = (question: string): ChatScript => ({
  text: wordsOf(`You said: "${shortened(question)}". This answer comes from the cohere-rx mock server.`),
});

/** The answer to a V2 chat request: a tool call, a cited document, a reply to tool results, or plain text. */
function v2Script(body: Fields): ChatScript {
  const messages = listOf(body['messages']).map(fieldsOf);
  const last = messages.at(-1);
  const question = contentText([...messages].reverse().find((message) => message['role'] === 'user')?.['content']);
  if (last?.['role'] === 'tool') return { text: wordsOf(`The tool answered: ${shortened(contentText(last['content']) || JSON.stringify(last['content']))}`) };
  const tool = fieldsOf(fieldsOf(listOf(body['tools'])[0])['function']);
  const name = stringOf(tool['name']);
  if (name !== undefined) {
    const properties = Object.entries(fieldsOf(fieldsOf(tool['parameters'])['properties'])).map(
      ([parameter, schema]) => [parameter, fieldsOf(schema)['type']] as const,
    );
    return toolTurn(name, properties, question);
  }
  const document = listOf(body['documents'])[0];
  if (typeof document === 'string') return ragTurn('doc_0', { text: document });
  if (document !== undefined) {
    const fields = fieldsOf(document);
    return ragTurn(stringOf(fields['id']) ?? 'doc_0', fieldsOf(fields['data']));
  }
  return plainTurn(question);
}

/** The answer to a V1 chat request (api.cohere.com, Bedrock, SageMaker). */
function v1Script(body: Fields): ChatScript {
  const question = stringOf(body['message']) ?? '';
  const results = listOf(body['tool_results']);
  if (results.length > 0) return { text: wordsOf(`The tool answered: ${shortened(JSON.stringify(fieldsOf(results[0])['outputs'] ?? []))}`) };
  const tool = fieldsOf(listOf(body['tools'])[0]);
  const name = stringOf(tool['name']);
  if (name !== undefined) {
    const definitions = Object.entries(fieldsOf(tool['parameter_definitions'])).map(
      ([parameter, definition]) => [parameter, fieldsOf(definition)['type']] as const,
    );
    return toolTurn(name, definitions, question);
  }
  const document = listOf(body['documents'])[0];
  if (document !== undefined) {
    const { id, ...data } = fieldsOf(document);
    return ragTurn(stringOf(id) ?? 'doc_0', data);
  }
  return plainTurn(question);
}

/** The answer to a generate request: `num_generations` generations (1 to 5). */
function generateScript(body: Fields): GenerateScript {
  const prompt = stringOf(body['prompt']) ?? '';
  const count = Math.min(5, Math.max(1, Math.floor(Number(body['num_generations'] ?? 1)) || 1));
  return {
    prompt,
    generations: Array.from({ length: count }, (_, index) => wordsOf(`Generation ${index + 1} for "${shortened(prompt)}".`)),
  };
}

/** A 200 answer with a JSON body (a request without `stream: true`). */
function json(value: object): MockHandler {
  return (reply) => {
    reply.head(200, { 'content-type': 'application/json' });
    reply.end(JSON.stringify(value));
  };
}

const BEDROCK_PATH = /^\/model\/[^/]+\/invoke-with-response-stream$/;
const SAGEMAKER_PATH = /^\/endpoints\/[^/]+\/invocations-response-stream$/;

/** The handler for one request. */
function handlerFor(method: string, path: string, body: unknown, options: StreamReplyOptions): MockHandler {
  if (method !== 'POST') return fails(404, { message: `no route for ${method} ${path}` });
  if (body === undefined) return fails(400, { message: 'invalid request body: expected JSON' });
  const fields = fieldsOf(body);
  const streamed = fields['stream'] === true;
  const wantsGeneration = typeof fields['prompt'] === 'string';
  switch (true) {
    case path === '/v2/chat':
      return streamed ? sseStream(chatV2Events(v2Script(fields)), options) : json(chatResponseOf(v2Script(fields)));
    case path === '/v1/chat':
      return streamed ? jsonLinesStream(chatV1Events(v1Script(fields)), options) : json(chatOf(v1Script(fields)));
    case path === '/v1/generate':
      return streamed ? jsonLinesStream(generateEvents(generateScript(fields)), options) : json(generateEndOf(generateScript(fields)));
    case BEDROCK_PATH.test(path):
      return wantsGeneration
        ? bedrockStream(withoutEventType(generateEvents(generateScript(fields), { source: 'bedrock' })), options)
        : bedrockStream(chatV1Events(v1Script(fields), { source: 'bedrock' }), options);
    case SAGEMAKER_PATH.test(path):
      return wantsGeneration
        ? sagemakerStream(generateEvents(generateScript(fields), { source: 'sagemaker' }), options)
        : sagemakerStream(chatV1Events(v1Script(fields), { source: 'sagemaker' }), options);
    default:
      return fails(404, { message: `no route for ${method} ${path}` });
  }
}

/**
 * A handler that answers every request with a plausible answer derived from it, as the
 * endpoint it was sent to would stream it: the mock server's default for requests no reply
 * was scripted for.
 *
 * - `POST /v2/chat` (server-sent events), `/v1/chat` and `/v1/generate` (JSON lines); without
 *   `stream: true`, the final value as one JSON body.
 * - `POST /model/{modelId}/invoke-with-response-stream` (Bedrock chunks) and
 *   `/endpoints/{name}/invocations-response-stream` (SageMaker payload parts): a generate
 *   answer for a body with `prompt`, else a V1 chat answer.
 * - The answer is a tool call to the first tool when the request offers tools, an answer that
 *   cites the first document when it carries documents, a reply to tool results, or plain
 *   text; generate requests get `num_generations` interleaved generations.
 * - Anything else is a 404 with Cohere's JSON error body; a body that is not JSON, a 400.
 *
 * @example
 * ```ts
 * import { answerFromRequest, startMockCohereServer } from 'cohere-rx/testing';
 *
 * // Tokens 40 ms apart, to watch them arrive.
 * const server = await startMockCohereServer({ fallback: answerFromRequest({ gapMs: 40 }) });
 * await server.close();
 * ```
 *
 * @param options The options of each streamed reply (pace, pieces, ending).
 * @returns The handler.
 */
export function answerFromRequest(options: StreamReplyOptions = {}): MockHandler {
  return (reply, request) => handlerFor(request.method, request.path.split('?')[0] ?? '', request.json, options)(reply, request);
}
