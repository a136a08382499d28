/**
 * `fromBedrockResponse(output)`: the frames of a Bedrock answer the caller sent themselves, read
 * from the real client's output over h2c.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { accumulateChat, chatV1, decodeEvents, InvalidOptionError } from '../../../lib/index';
import {
  AwsStreamError,
  bedrockChatStream,
  fromBedrock,
  fromBedrockResponse,
  ResponseConsumedError,
  type BedrockStreamEvent,
} from '../../../lib/transport/bedrock/index';
import { bedrockPayloadMessage, eventStream, exceptionMessage, MOCK_REQUEST_ID, toBedrockMessages } from '../../../lib/testing/index';
import { sendBedrock } from '../../helpers/aws-responses';
import { scenarios } from '../../helpers/aws-scenarios';
import { fixtureTest, fixtureText, linesOf } from '../../helpers/fixtures';
import { outcome } from '../../helpers/http-stream';
import { bedrockClient, useAwsServer } from '../../helpers/mock-server';

const json = (documents: readonly object[]) => documents.map((document) => JSON.stringify(document));

const bed = useAwsServer('h2c', bedrockClient);

const held = async (messages: Uint8Array[]) => {
  bed.server.reply(eventStream(messages));
  return sendBedrock(bed.client);
};

test('emits the text of each chunk, as fromBedrock does for the same stream', async () => {
  const output = await held(toBedrockMessages(scenarios.rag));
  const frames = await lastValueFrom(fromBedrockResponse(output).pipe(toArray()));
  expect(frames).toEqual(json(scenarios.rag));
  bed.server.reply(eventStream(toBedrockMessages(scenarios.rag)));
  expect(await lastValueFrom(fromBedrock(bed.client, { modelId: 'm', body: { message: 'Hi' } }).pipe(toArray()))).toEqual(frames);
});

test('decodeEvents(chatV1) and accumulateChat give the Chat bedrockChatStream gives', async () => {
  const output = await held(toBedrockMessages(scenarios.everyEvent));
  const chat = await lastValueFrom(fromBedrockResponse(output).pipe(decodeEvents(chatV1), accumulateChat()));
  bed.server.reply(eventStream(toBedrockMessages(scenarios.everyEvent)));
  expect(chat).toEqual(await lastValueFrom(bedrockChatStream(bed.client, { modelId: 'm', body: { message: 'Hi' } }).pipe(accumulateChat())));
  expect(chat).toMatchObject({ response_id: 'resp-all', 'amazon-bedrock-invocationMetrics': scenarios.everyEvent[7]['amazon-bedrock-invocationMetrics'] });
});

test("an exception mid-stream is an AwsStreamError with the output's request id and the operation's path", async () => {
  const output = await held([...toBedrockMessages([scenarios.text[0]]), exceptionMessage('throttlingException', { message: 'Too many tokens' })]);
  const result = await outcome(fromBedrockResponse(output));
  expect(result.values).toEqual(json([scenarios.text[0]]));
  expect(result.error).toBeInstanceOf(AwsStreamError);
  expect(result.error).toMatchObject({
    service: 'bedrock',
    endpoint: 'model/{modelId}/invoke-with-response-stream',
    exceptionType: 'ThrottlingException',
    awsMessage: 'Too many tokens',
    requestId: MOCK_REQUEST_ID,
    framesReceived: 1,
  });
});

test('maxFrameSize caps each chunk', async () => {
  const output = await held(toBedrockMessages(scenarios.text));
  const result = await outcome(fromBedrockResponse(output, { maxFrameSize: JSON.stringify(scenarios.text[1]).length }));
  expect(result.values).toHaveLength(2);
  expect(result.error).toMatchObject({ name: 'DecodeError', reason: 'frame-too-large', frameIndex: 2 });
});

test('a second subscription is a ResponseConsumedError; an output without a stream completes at once', async () => {
  const frames = fromBedrockResponse(await held(toBedrockMessages(scenarios.text)));
  expect(await lastValueFrom(frames.pipe(toArray()))).toHaveLength(3);
  const again = await outcome(frames);
  expect(again.error).toBeInstanceOf(ResponseConsumedError);
  expect(again.error).toMatchObject({ service: 'bedrock', endpoint: 'model/{modelId}/invoke-with-response-stream' });
  expect(await outcome(fromBedrockResponse({ body: undefined }))).toEqual({ values: [], error: undefined, completed: true });
});

test('a body that is not an async iterable is an InvalidOptionError at the call', () => {
  const body = { chunk: {} } as unknown as AsyncIterable<BedrockStreamEvent>;
  expect(() => fromBedrockResponse({ body })).toThrow(InvalidOptionError);
  expect(() => fromBedrockResponse({ body })).toThrow(
    /The option output\.body accepts the event stream of the Bedrock output \(output\.body\), an async iterable, received an object/,
  );
});

fixtureTest('bedrock-command-r-chunk-payloads.jsonl: the recorded payloads give the texts of bedrock-command-r-chunks-decoded.jsonl', async () => {
  const output = await held(linesOf(fixtureText('bedrock-command-r-chunk-payloads.jsonl')).map(bedrockPayloadMessage));
  const frames = await lastValueFrom(fromBedrockResponse(output).pipe(toArray()));
  expect(frames.map((frame) => JSON.parse(frame) as unknown)).toEqual(
    linesOf(fixtureText('bedrock-command-r-chunks-decoded.jsonl')).map((line) => JSON.parse(line) as unknown),
  );
});
