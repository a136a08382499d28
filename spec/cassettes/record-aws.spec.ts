import { InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { finalize, from, lastValueFrom, take, toArray } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatV1,
  decodeEvents,
  generate,
  IncompleteStreamError,
  InvalidOptionError,
  jsonFrames,
  Mode,
  recordCassette,
  RecordedStreamError,
  responseText,
  streamingChat,
  StreamTimeoutError,
  type ChatV1Snapshot,
} from '../../lib/index';
import { bedrockChatStream, bedrockGenerateStream, createBedrock, fromBedrock, fromBedrockResponse, AwsStreamError } from '../../lib/transport/bedrock/index';
import { createSageMaker, fromSageMaker, sagemakerChatStream } from '../../lib/transport/sagemaker/index';
import {
  awsError,
  cassetteReply,
  endlessStream,
  EVENT_STREAM_CONTENT_TYPE,
  eventStream,
  exceptionMessage,
  MOCK_REQUEST_ID,
  payloadPartMessage,
  readCassette,
  replayCassette,
  toBedrockMessages,
  toSageMakerMessages,
  toSageMakerParts,
} from '../../lib/testing/index';
import { scenarios } from '../helpers/aws-scenarios';
import { chunkBytes, joined, parsedLines } from '../helpers/cassettes';
import { outcome } from '../helpers/http-stream';
import { bedrockClient, delay, sagemakerClient, useAwsServer } from '../helpers/mock-server';

const MODEL = 'cohere.command-r-plus-v1:0';
const BEDROCK_ENDPOINT = `model/${MODEL}/invoke-with-response-stream`;
const SAGEMAKER_ENDPOINT = 'endpoints/cohere-command-r/invocations-response-stream';
const bedrockInput = { modelId: MODEL, body: { message: 'Hi' } };
const sagemakerInput = { endpointName: 'cohere-command-r', body: { message: 'Hi' } };

/** A recorder writing to an array, and the cassette's text so far. */
function recording() {
  const lines: string[] = [];
  const record = recordCassette((line) => lines.push(line));
  return { record, lines, text: () => joined(lines) };
}

describe('recording Bedrock (h2c, the real BedrockRuntimeClient)', () => {
  const bed = useAwsServer('h2c', bedrockClient);

  test("a take: the header, each chunk's exact bytes with its time, the end; replayed, the same events and the same final Chat", async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.rag), { gapMs: 5 }));
    const { record, text } = recording();
    const live = await lastValueFrom(bedrockChatStream(bed.client, bedrockInput, { record }).pipe(toArray()));
    const lines = parsedLines(text());
    expect(lines[0]).toEqual({
      cassette: 1,
      take: 1,
      source: 'bedrock',
      endpoint: BEDROCK_ENDPOINT,
      protocol: 'chatV1',
      framing: 'chunks',
      status: 200,
      headers: { 'x-amzn-requestid': MOCK_REQUEST_ID },
      recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
    });
    expect(chunkBytes(text()).map((bytes) => new TextDecoder().decode(bytes))).toEqual(scenarios.rag.map((chunk) => JSON.stringify(chunk)));
    const times = lines.slice(1).map((line) => line['t'] as number);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(lines.at(-1)).toEqual({ take: 1, t: expect.any(Number) as unknown, end: 'complete' });

    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), toArray()));
    expect(replayed).toEqual(live);
    const chat = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()));
    expect(chat).toEqual(await lastValueFrom(from(live).pipe(accumulateChat())));
  });

  test('answered by the mock server from the cassette, the client gets the same events again', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.everyEvent)));
    const { record, text } = recording();
    const live = await lastValueFrom(bedrockChatStream(bed.client, bedrockInput, { record }).pipe(toArray()));
    bed.server.reply(cassetteReply(text(), { speed: Infinity }));
    expect(await lastValueFrom(bedrockChatStream(bed.client, bedrockInput).pipe(toArray()))).toEqual(live);
  });

  test('a generate body: protocol generate', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.generateOne)));
    const { record, text } = recording();
    const live = await lastValueFrom(
      bedrockGenerateStream(bed.client, { modelId: 'cohere.command-text-v14', body: { prompt: 'Go' } }, { record }).pipe(accumulateGenerate()),
    );
    expect(readCassette(text()).header).toMatchObject({ protocol: 'generate', framing: 'chunks' });
    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(generate), accumulateGenerate()));
    expect(replayed).toEqual(live);
  });

  test('an exception frame mid-stream: the end line keeps the exception; the mock server sends it again', async () => {
    bed.server.reply(
      eventStream([
        ...toBedrockMessages(scenarios.text.slice(0, 1)),
        exceptionMessage('modelStreamErrorException', { message: 'Model stream failed', originalStatusCode: 500 }),
      ]),
    );
    const { record, text } = recording();
    const live = await outcome(fromBedrock(bed.client, bedrockInput, { record }));
    expect(live.error).toBeInstanceOf(AwsStreamError);
    expect(readCassette(text()).ending).toMatchObject({
      end: 'error',
      error: { name: 'AwsStreamError', exceptionType: 'ModelStreamErrorException', awsMessage: 'Model stream failed' },
    });
    bed.server.reply(cassetteReply(text(), { speed: Infinity }));
    const again = await outcome(fromBedrock(bed.client, bedrockInput));
    expect(again.values).toEqual(live.values);
    expect(again.error).toMatchObject({
      name: 'AwsStreamError',
      exceptionType: 'ModelStreamErrorException',
      awsMessage: 'Model stream failed',
      framesReceived: 1,
    });
  });

  test('an error answer before the stream is a take with its status; the mock server answers it again', async () => {
    bed.server.reply(awsError(429, 'ThrottlingException', 'Too many tokens', { requestId: 'rid-9' }));
    const { record, text } = recording();
    const live = await outcome(fromBedrock(bed.client, bedrockInput, { record }));
    expect(live.error).toMatchObject({ name: 'AwsStreamError', httpStatus: 429 });
    const take = readCassette(text());
    expect(take.header).toMatchObject({ status: 429, headers: { 'x-amzn-requestid': 'rid-9' } });
    expect(take.chunks).toEqual([]);
    expect(take.ending).toMatchObject({ end: 'error', error: { exceptionType: 'ThrottlingException', awsMessage: 'Too many tokens' } });
    bed.server.reply(cassetteReply(text()));
    expect((await outcome(fromBedrock(bed.client, bedrockInput))).error).toMatchObject({
      exceptionType: 'ThrottlingException',
      awsMessage: 'Too many tokens',
      httpStatus: 429,
      requestId: 'rid-9',
    });
  });

  test('an answer in hand (fromBedrockResponse): recorded without a protocol, which it does not know', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)));
    const { record, text } = recording();
    const request = new AbortController();
    const output = await bed.client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: JSON.stringify({ message: 'Hi' }) }), {
      abortSignal: request.signal,
    });
    const frames = await lastValueFrom(
      fromBedrockResponse(output, { record }).pipe(
        toArray(),
        finalize(() => request.abort()),
      ),
    );
    const take = readCassette(text());
    expect(take.header).toMatchObject({ source: 'bedrock', endpoint: 'model/{modelId}/invoke-with-response-stream', framing: 'chunks', status: 200 });
    expect(take.header.protocol).toBeUndefined();
    expect(take.chunks.map((chunk) => new TextDecoder().decode(chunk.bytes))).toEqual(frames);
  });

  test('an answer in hand read by streamingChat (Mode.BEDROCK): recorded, and the replay accumulates to the same Chat', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.rag)));
    const { record, text } = recording();
    const request = new AbortController();
    const output = await bed.client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, body: JSON.stringify({ message: 'Hi' }) }), {
      abortSignal: request.signal,
    });
    const live = await lastValueFrom(
      streamingChat(output.body, Mode.BEDROCK, { record }).pipe(
        accumulateChat(),
        finalize(() => request.abort()),
      ),
    );
    const take = readCassette(text());
    expect(take.header).toMatchObject({ source: 'bedrock', framing: 'chunks', status: 200 });
    expect(take.ending).toMatchObject({ end: 'complete' });
    const replayed = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()));
    expect(responseText(replayed)).toBe(responseText(live));
    expect(responseText(live)).not.toBe('');
  });

  test('createBedrock with a recorder in its defaults: two streams at once are two takes, their lines interleaved', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text), { gapMs: 10 }), eventStream(toBedrockMessages(scenarios.rag), { gapMs: 10 }));
    const { record, text } = recording();
    const bedrock = createBedrock(bed.client, { record });
    const [first, second] = await Promise.all([
      lastValueFrom(bedrock.fromBedrock(bedrockInput).pipe(toArray())),
      lastValueFrom(bedrock.fromBedrock(bedrockInput).pipe(toArray())),
    ]);
    expect(record.takes).toBe(2);
    const takes = [readCassette(text(), { take: 1 }), readCassette(text(), { take: 2 })].map((take) =>
      take.chunks.map((chunk) => new TextDecoder().decode(chunk.bytes)),
    );
    expect(takes.sort((a, b) => a.length - b.length)).toEqual([first, second].sort((a, b) => a.length - b.length));
  });
});

describe('recording SageMaker (HTTP/1.1, the real SageMakerRuntimeClient)', () => {
  const bed = useAwsServer('http1', sagemakerClient);

  test('the raw parts, split inside documents and characters, kept byte for byte and boundary for boundary', async () => {
    const parts = toSageMakerParts(scenarios.text, { partSize: 7 });
    bed.server.reply(eventStream(toSageMakerMessages(scenarios.text, { partSize: 7 })));
    const { record, text } = recording();
    const live = await lastValueFrom(fromSageMaker(bed.client, sagemakerInput, { record }).pipe(toArray()));
    expect(readCassette(text()).header).toMatchObject({ source: 'sagemaker', endpoint: SAGEMAKER_ENDPOINT, protocol: 'chatV1', framing: 'json' });
    expect(chunkBytes(text()).map((bytes) => [...bytes])).toEqual(parts.map((part) => [...part]));
    const replayedParts = await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(toArray()));
    expect(replayedParts.map((bytes) => [...bytes])).toEqual(parts.map((part) => [...part]));
    expect(await lastValueFrom(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), toArray()))).toEqual(live);
  });

  test('a dropped connection is recorded as an error and replays as one: IncompleteStreamError with the same partial', async () => {
    bed.server.reply(
      eventStream(
        [
          payloadPartMessage(
            scenarios.text
              .slice(0, 2)
              .map((doc) => `${JSON.stringify(doc)}\n`)
              .join(''),
          ),
        ],
        { then: 'drop' },
      ),
    );
    const { record, text } = recording();
    const live = await outcome(sagemakerChatStream(bed.client, sagemakerInput, { record }).pipe(accumulateChat()));
    expect(live.error).toBeInstanceOf(IncompleteStreamError);
    expect(readCassette(text()).ending).toMatchObject({ end: 'error', error: { name: 'ConnectionError' } });

    const replayed = await outcome(replayCassette(text(), { speed: Infinity }).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()));
    expect(replayed.error).toBeInstanceOf(IncompleteStreamError);
    expect((replayed.error as IncompleteStreamError<ChatV1Snapshot>).partial).toEqual((live.error as IncompleteStreamError<ChatV1Snapshot>).partial);
    expect((replayed.error as Error).cause).toBeInstanceOf(RecordedStreamError);

    bed.server.reply(cassetteReply(text(), { speed: Infinity }));
    const served = await outcome(sagemakerChatStream(bed.client, sagemakerInput).pipe(accumulateChat()));
    expect((served.error as Error).cause).toMatchObject({ name: 'ConnectionError' });
    expect((served.error as IncompleteStreamError<ChatV1Snapshot>).partial.text).toBe('Hello, wörld 👋');
  });

  test('a stall that times out is recorded as stopped with the timeout; the mock server stalls again, and the client times out again', async () => {
    bed.server.reply(eventStream([payloadPartMessage(`${JSON.stringify(scenarios.text[0])}\n`)], { then: 'stall' }));
    const { record, text } = recording();
    const live = await outcome(fromSageMaker(bed.client, sagemakerInput, { record, timeouts: { idleMs: 100 } }));
    expect(live.error).toBeInstanceOf(StreamTimeoutError);
    const take = readCassette(text());
    expect(take.ending).toMatchObject({ end: 'stopped', error: { name: 'StreamTimeoutError' } });
    expect(take.ending.t).toBeGreaterThanOrEqual(100);
    bed.server.reply(cassetteReply(text(), { speed: Infinity }));
    const again = await outcome(fromSageMaker(bed.client, sagemakerInput, { timeouts: { idleMs: 100 } }));
    expect(again.values).toEqual(live.values);
    expect(again.error).toMatchObject({ name: 'StreamTimeoutError', phase: 'idle' });
  });

  test('unsubscribing is recorded as stopped, without an error', async () => {
    bed.server.reply(endlessStream(payloadPartMessage(`${JSON.stringify(scenarios.text[0])}\n`), { gapMs: 10, contentType: EVENT_STREAM_CONTENT_TYPE }));
    const { record, text } = recording();
    await lastValueFrom(fromSageMaker(bed.client, sagemakerInput, { record }).pipe(take(2)));
    const take2 = readCassette(text());
    expect(take2.chunks.length).toBeGreaterThanOrEqual(2);
    expect(take2.ending).toEqual({ t: expect.any(Number) as unknown, end: 'stopped' });
    await delay(50);
    expect(readCassette(text()).chunks).toHaveLength(take2.chunks.length);
  });

  test('`record` must be a recorder: an InvalidOptionError at the call, for the transports and the clients', () => {
    const bad = { record: { takes: 0 } as never };
    expect(() => fromSageMaker(bed.client, sagemakerInput, bad)).toThrow(InvalidOptionError);
    expect(() => fromSageMaker(bed.client, sagemakerInput, bad)).toThrow('The option record accepts a recorder made by recordCassette(sink), received object.');
    expect(() => createSageMaker(bed.client, bad)).toThrow(InvalidOptionError);
    expect(() => fromBedrock(bed.client as never, bedrockInput, { record: 'file.jsonl' as never })).toThrow('received the string "file.jsonl"');
    expect(() => recordCassette('file.jsonl' as never)).toThrow('The option sink accepts a function that takes a line, received the string "file.jsonl".');
  });
});
