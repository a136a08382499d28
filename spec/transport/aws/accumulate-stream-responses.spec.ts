/**
 * `accumulateChat()` over the typed stream responses of `streamingChat`, as Python
 * `StreamingChat` accumulates its final state: the final `Chat` of a response in hand, read by
 * the real clients (Bedrock over h2c, SageMaker over HTTP/1.1).
 *
 * The expected value is the one `fromBedrock`/`fromSageMaker` + `decodeEvents(chatV1)` +
 * `accumulateChat()` gives on the same stream, without what the typed stream responses do not
 * carry (Python's classes do not read them): Bedrock's `amazon-bedrock-invocationMetrics` and
 * the response's `meta`. Where the `stream-end` response holds every member, that is also
 * `Chat.fromDict(response)`.
 */
import type { OperatorFunction } from 'rxjs';
import { lastValueFrom } from 'rxjs';
import { accumulateChat, AwsStreamError, Chat, IncompleteStreamError, Mode, streamingChat, type ChatV1Snapshot, type StreamResponse } from '../../../lib/index';
import { bedrockChatStream } from '../../../lib/transport/bedrock/index';
import { sagemakerChatStream } from '../../../lib/transport/sagemaker/index';
import { eventStream, exceptionMessage, toBedrockMessages, toSageMakerMessages } from '../../../lib/testing/index';
import { sendBedrock, sendSageMaker } from '../../helpers/aws-responses';
import { scenarios } from '../../helpers/aws-scenarios';
import { fixtureFiles, fixtureTest, fixtureText, jsonLines } from '../../helpers/fixtures';
import { outcome } from '../../helpers/http-stream';
import { bedrockClient, sagemakerClient, useAwsServer } from '../../helpers/mock-server';

/** `accumulateChat()` over typed stream responses. */
const accumulateResponses = (): OperatorFunction<StreamResponse, Chat> => accumulateChat();

/** A Chat without the members the typed stream responses do not carry. */
function withoutUncarried(chat: Chat): Chat {
  const { 'amazon-bedrock-invocationMetrics': _metrics, meta: _meta, ...rest } = chat;
  return rest;
}

const CHAT_SCENARIOS = ['text', 'rag', 'toolCalls', 'everyEvent'] as const;
const FIXTURES = fixtureFiles().filter((name) => name.startsWith('v1-chat-') && name !== 'v1-chat-interrupted.jsonl');
const fixtureCases = FIXTURES.length > 0 ? FIXTURES : ['(none)'];

describe('Bedrock (Mode.BEDROCK) over h2c: streamingChat(...).pipe(accumulateChat())', () => {
  const bed = useAwsServer('h2c', bedrockClient);

  /** The Chat of the typed stream responses, and the one of the V1 chat events, for the same messages. */
  async function both(messages: Uint8Array[]): Promise<[Chat, Chat]> {
    bed.server.reply(eventStream(messages), eventStream(messages));
    const output = await sendBedrock(bed.client);
    const typed = await lastValueFrom(streamingChat(output.body, Mode.BEDROCK).pipe(accumulateResponses()));
    const events = await lastValueFrom(bedrockChatStream(bed.client, { modelId: 'm', body: { message: 'Hi' } }).pipe(accumulateChat()));
    return [typed, events];
  }

  test.each(CHAT_SCENARIOS)('%s: the Chat of the V1 events, without the invocation metrics', async (name) => {
    const [typed, events] = await both(toBedrockMessages(scenarios[name]));
    expect(typed).toStrictEqual(withoutUncarried(events));
  });

  test('every event type: also Chat.fromDict of the stream-end response', async () => {
    const [typed] = await both(toBedrockMessages(scenarios.everyEvent));
    expect(typed).toStrictEqual(Chat.fromDict(scenarios.everyEvent[7].response));
  });

  test('an exception mid-stream: IncompleteStreamError with the partial text, caused by the AwsStreamError', async () => {
    bed.server.reply(eventStream([...toBedrockMessages(scenarios.text.slice(0, 2)), exceptionMessage('throttlingException', { message: 'Slow down' })]));
    const output = await sendBedrock(bed.client);
    const result = await outcome(streamingChat(output.body, Mode.BEDROCK).pipe(accumulateResponses()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
    const error = result.error as IncompleteStreamError<ChatV1Snapshot>;
    expect(error.partial.text).toBe('Hello, wörld 👋');
    expect(error.cause).toBeInstanceOf(AwsStreamError);
  });

  fixtureTest('bedrock-command-r-chunk-payloads.jsonl (no stream-end): IncompleteStreamError with the partial text of the V1 events', async () => {
    const events = jsonLines(fixtureText('bedrock-command-r-chunks-decoded.jsonl'));
    bed.server.reply(eventStream(toBedrockMessages(events)));
    const output = await sendBedrock(bed.client);
    const result = await outcome(streamingChat(output.body, Mode.BEDROCK).pipe(accumulateResponses()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
    expect((result.error as IncompleteStreamError<ChatV1Snapshot>).partial.text).toBe('Hello!');
  });

  fixtureTest.each(fixtureCases)('%s as Bedrock chunks: the Chat of the V1 events, without meta', async (name) => {
    const [typed, events] = await both(toBedrockMessages(jsonLines(fixtureText(name))));
    expect(typed).toStrictEqual(withoutUncarried(events));
  });
});

describe('SageMaker (Mode.SAGEMAKER) over HTTP/1.1: streamingChat(...).pipe(accumulateChat())', () => {
  const bed = useAwsServer('http1', sagemakerClient);

  async function both(messages: Uint8Array[]): Promise<[Chat, Chat]> {
    bed.server.reply(eventStream(messages), eventStream(messages));
    const output = await sendSageMaker(bed.client);
    const typed = await lastValueFrom(streamingChat(output.Body, Mode.SAGEMAKER).pipe(accumulateResponses()));
    const events = await lastValueFrom(sagemakerChatStream(bed.client, { endpointName: 'e', body: { message: 'Hi' } }).pipe(accumulateChat()));
    return [typed, events];
  }

  test.each(CHAT_SCENARIOS)('%s, in parts of 29 bytes: the Chat of the V1 events, without the invocation metrics', async (name) => {
    const [typed, events] = await both(toSageMakerMessages(scenarios[name], { partSize: 29 }));
    expect(typed).toStrictEqual(withoutUncarried(events));
  });

  test('a clean end without stream-end: IncompleteStreamError with the partial text', async () => {
    bed.server.reply(eventStream(toSageMakerMessages(scenarios.text.slice(0, 2))));
    const output = await sendSageMaker(bed.client);
    const result = await outcome(streamingChat(output.Body, Mode.SAGEMAKER).pipe(accumulateResponses()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
    expect((result.error as IncompleteStreamError<ChatV1Snapshot>).partial.text).toBe('Hello, wörld 👋');
  });

  fixtureTest.each(fixtureCases)('%s as SageMaker parts: the Chat of the V1 events, without meta', async (name) => {
    const [typed, events] = await both(toSageMakerMessages(jsonLines(fixtureText(name)), { partSize: 50 }));
    expect(typed).toStrictEqual(withoutUncarried(events));
  });
});
