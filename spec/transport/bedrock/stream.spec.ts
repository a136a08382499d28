import { lastValueFrom, toArray } from 'rxjs';
import { accumulateGenerate } from '../../../operators/accumulate-generate';
import { accumulateChat } from '../../../operators/accumulate-chat';
import { bedrockChatStream, bedrockGenerateStream, fromBedrock, type AwsChatBody } from '../../../lib/transport/bedrock/index';
import { DecodeError, RequestValidationError, type ChatV1Event } from '../../../lib/index';
import { bedrockChunkMessage, bedrockPayloadMessage, encodeEventStreamMessage, eventStream, toBedrockMessages } from '../../../lib/testing/index';
import { INVOCATION_METRICS, scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import { bedrockClient, useAwsServer, type WireProtocol } from '../../helpers/mock-server';
import { fixtureTest, fixtureText, jsonLines } from '../../helpers/fixtures';

const MODEL = 'cohere.command-r-v1:0';
const json = (chunks: readonly object[]) => chunks.map((chunk) => JSON.stringify(chunk));

describe.each<WireProtocol>(['h2c', 'http1'])('Bedrock over %s: a stream', (protocol) => {
  const bed = useAwsServer(protocol, bedrockClient);

  test('fromBedrock POSTs the chat body without stream to /model/<id>/invoke-with-response-stream and emits each chunk as text', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)));
    const body: AwsChatBody = { message: 'Hi', stream: true, temperature: 0.3, chat_history: [{ role: 'USER', message: 'Hello' }] };
    const frames = await lastValueFrom(fromBedrock(bed.client, { modelId: MODEL, body }).pipe(toArray()));
    expect(frames).toEqual(json(scenarios.text));
    const [request] = bed.server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/model/${encodeURIComponent(MODEL)}/invoke-with-response-stream`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-amzn-bedrock-accept']).toBe('application/json');
    expect(request?.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=mock\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ message: 'Hi', temperature: 0.3, chat_history: [{ role: 'USER', message: 'Hello' }] });
  });

  test('a generate body (with prompt) gets stream: true', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.generateOne)));
    await lastValueFrom(fromBedrock(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Tell a story', max_tokens: 20 } }).pipe(toArray()));
    expect(JSON.parse(bed.server.requests[0]?.body ?? '')).toEqual({ prompt: 'Tell a story', max_tokens: 20, stream: true });
  });

  test('Command R text: bedrockChatStream decodes V1 events and accumulateChat gives the Chat with the invocation metrics', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)), eventStream(toBedrockMessages(scenarios.text)));
    const events = await lastValueFrom(bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Hi' } }).pipe(toArray()));
    expect(events.map((event) => event.event_type)).toEqual(['text-generation', 'text-generation', 'stream-end']);
    const chat = await lastValueFrom(bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Hi' } }).pipe(accumulateChat()));
    expect(chat).toMatchObject({
      response_id: 'resp-1',
      generation_id: 'gen-1',
      text: 'Hello, wörld 👋',
      finish_reason: 'COMPLETE',
      'amazon-bedrock-invocationMetrics': INVOCATION_METRICS,
    });
  });

  test('RAG: search results, citations and documents', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.rag)));
    const chat = await lastValueFrom(
      bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Tallest penguin?', documents: [{ title: 'Penguins', snippet: '…' }] } }).pipe(
        accumulateChat(),
      ),
    );
    expect(chat.text).toBe('The emperor penguin is the tallest.');
    expect(chat.citations).toEqual([{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }]);
    expect(chat.documents).toEqual([{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }]);
    expect(chat.search_results).toEqual(scenarios.rag[0].search_results);
  });

  test('tool calls', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.toolCalls)));
    const chat = await lastValueFrom(
      bedrockChatStream(bed.client, {
        modelId: MODEL,
        body: { message: 'Weather in Shanghai?', tools: [{ name: 'weather', description: 'Weather', parameter_definitions: { city: { type: 'str' } } }] },
      }).pipe(accumulateChat()),
    );
    expect(chat.tool_calls).toEqual([{ name: 'weather', parameters: { city: 'Shanghai' } }]);
  });

  test('Command generate with one generation', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.generateOne)));
    const end = await lastValueFrom(
      bedrockGenerateStream(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Tell a story' } }).pipe(accumulateGenerate()),
    );
    expect(end.generations).toEqual([expect.objectContaining({ text: 'Once upon a time', finish_reason: 'COMPLETE' })]);
  });

  test('Command generate with three generations', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.generateThree)));
    const events = await lastValueFrom(
      bedrockGenerateStream(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Letters', num_generations: 3 } }).pipe(toArray()),
    );
    expect(events.map((event) => event.event_type)).toEqual([...Array(6).fill('text-generation'), 'stream-end']);
    expect(JSON.parse(bed.server.requests[0]?.body ?? '')).toEqual({ prompt: 'Letters', num_generations: 3, stream: true });
    bed.server.reply(eventStream(toBedrockMessages(scenarios.generateThree)));
    const end = await lastValueFrom(
      bedrockGenerateStream(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Letters', num_generations: 3 } }).pipe(accumulateGenerate()),
    );
    expect(end.generations?.map((generation) => generation.text)).toEqual(['Aa', 'Bb', 'Cc']);
  });

  test('the "p" padding of the chunk envelope never reaches the frame; unknown members inside the model JSON are kept', async () => {
    const chunk = { event_type: 'text-generation', is_finished: false, text: 'Hi', brand_new: 1 };
    bed.server.reply(eventStream([bedrockChunkMessage(chunk, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'), bedrockChunkMessage(scenarios.text[2], 'abc')]));
    const events = await lastValueFrom(bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Hi' } }).pipe(toArray()));
    expect(events[0]).toEqual(chunk);
  });

  test('an event type the SDK does not know is skipped', async () => {
    const unknown = encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'brandNewEvent', ':content-type': 'application/json' }, '{"x":1}');
    const [first, second, last] = toBedrockMessages(scenarios.text);
    bed.server.reply(eventStream([first!, unknown, second!, last!]));
    const frames = await lastValueFrom(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi' } }).pipe(toArray()));
    expect(frames).toEqual(json(scenarios.text));
  });

  test('maxFrameSize caps each chunk fromBedrock emits: a larger one is a DecodeError after the frames before it', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)));
    const cap = JSON.stringify(scenarios.text[1]).length;
    const result = await outcome(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi' } }, { maxFrameSize: cap }));
    expect(result.values).toEqual(json(scenarios.text.slice(0, 2)));
    expect(result.error).toBeInstanceOf(DecodeError);
    expect(result.error).toMatchObject({ reason: 'frame-too-large', frameIndex: 2 });
  });

  test('a chunk whose bytes are not UTF-8 is a DecodeError after the frames before it', async () => {
    const bad = bedrockPayloadMessage(JSON.stringify({ bytes: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64') }));
    bed.server.reply(eventStream([bedrockChunkMessage(scenarios.text[0]), bad]));
    const result = await outcome(fromBedrock(bed.client, { modelId: MODEL, body: { message: 'Hi' } }));
    expect(result.values).toEqual(json([scenarios.text[0]]));
    expect(result.error).toBeInstanceOf(DecodeError);
    expect(result.error).toMatchObject({ reason: 'invalid-utf8', frameIndex: 1 });
  });
});

describe('Bedrock: the request body', () => {
  const bed = useAwsServer('h2c', bedrockClient);

  test('an invalid chat body is a RequestValidationError naming every bad field, and nothing is sent', async () => {
    const body = { message: 42, temperature: 7 } as unknown as AwsChatBody;
    const result = await outcome(bedrockChatStream(bed.client, { modelId: MODEL, body }));
    expect(result.error).toBeInstanceOf(RequestValidationError);
    expect(result.error).toMatchObject({ endpoint: `model/${MODEL}/invoke-with-response-stream`, path: 'message' });
    expect((result.error as RequestValidationError).issues.map((issue) => issue.path)).toEqual(['message', 'temperature']);
    expect(bed.server.requests).toHaveLength(0);
  });

  test('`model` is not part of an AWS body: the model is modelId', async () => {
    const body = { message: 'Hi', model: 'command-r' } as unknown as AwsChatBody;
    const result = await outcome(bedrockChatStream(bed.client, { modelId: MODEL, body }));
    expect(result.error).toBeInstanceOf(RequestValidationError);
    expect(result.error).toMatchObject({ path: 'model', received: 'string "command-r"' });
    expect(bed.server.requests).toHaveLength(0);
  });

  test('bedrockGenerateStream checks the body against GenerateRequest; stream: false is invalid', async () => {
    const result = await outcome(
      bedrockGenerateStream(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'x', stream: false } as unknown as { prompt: string } }),
    );
    expect(result.error).toMatchObject({ name: 'RequestValidationError', path: 'stream' });
  });

  test('nothing is sent before subscription, and each subscription is one request', async () => {
    const stream = bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Hi' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(bed.server.requests).toHaveLength(0);
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)), eventStream(toBedrockMessages(scenarios.text)));
    await lastValueFrom(stream);
    await lastValueFrom(stream);
    expect(bed.server.requests).toHaveLength(2);
  });
});

describe('Bedrock: the recorded chunk payloads', () => {
  const bed = useAwsServer('h2c', bedrockClient);

  fixtureTest('bedrock-command-r-chunk-payloads.jsonl: the payloads as sent decode to bedrock-command-r-chunks-decoded.jsonl', async () => {
    const payloads = fixtureText('bedrock-command-r-chunk-payloads.jsonl')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const decoded = jsonLines(fixtureText('bedrock-command-r-chunks-decoded.jsonl'));
    bed.server.reply(eventStream(payloads.map(bedrockPayloadMessage)));
    const events: ChatV1Event[] = await lastValueFrom(bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Hi' } }).pipe(toArray()));
    expect(events).toEqual(decoded);
  });

  fixtureTest('bedrock-command-r-tool-calls-generation.jsonl: a recorded tool-calls-generation chunk', async () => {
    const [chunk] = jsonLines(fixtureText('bedrock-command-r-tool-calls-generation.jsonl'));
    bed.server.reply(eventStream([bedrockChunkMessage(chunk ?? {})]));
    const events = await lastValueFrom(bedrockChatStream(bed.client, { modelId: MODEL, body: { message: 'Weather?' } }).pipe(toArray()));
    expect(events).toEqual([chunk]);
  });
});
