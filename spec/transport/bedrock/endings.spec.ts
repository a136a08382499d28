import { NodeHttp2Handler } from '@smithy/node-http-handler';
import { lastValueFrom, toArray } from 'rxjs';
import { bedrockChatStream, fromBedrock } from '../../../lib/transport/bedrock/index';
import { accumulateChat, ConnectionError, IncompleteStreamError, RequestAbortedError, StreamTimeoutError, type ChatV1Snapshot } from '../../../lib/index';
import {
  bedrockChunkMessage,
  endlessStream,
  EVENT_STREAM_CONTENT_TYPE,
  eventStream,
  toBedrockMessages,
  type MockCohereServer,
  type MockHandler,
} from '../../../lib/testing/index';
import { scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import {
  bedrockClient,
  closedWithin,
  delay,
  expectUnsubscribeAborts,
  headersOnly,
  startTestServer,
  useAwsServer,
  type WireProtocol,
} from '../../helpers/mock-server';

const MODEL = 'cohere.command-r-v1:0';
const ENDPOINT = `model/${MODEL}/invoke-with-response-stream`;
const input = { modelId: MODEL, body: { message: 'Hi' } };
const [hello, world] = toBedrockMessages(scenarios.text);
const PARTIAL = 'Hello, wörld 👋';

describe.each<WireProtocol>(['h2c', 'http1'])('Bedrock over %s: how a stream ends', (protocol) => {
  const bed = useAwsServer(protocol, bedrockClient);

  const incomplete = async (handler: MockHandler) => {
    bed.server.reply(handler);
    const result = await outcome(bedrockChatStream(bed.client, input).pipe(accumulateChat()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
    const error = result.error as IncompleteStreamError<ChatV1Snapshot>;
    expect(error).toMatchObject({ protocol: 'chatV1', expected: 'stream-end', eventCount: 2 });
    expect(error.partial.text).toBe(PARTIAL);
    return error;
  };

  test('a clean end without stream-end: fromBedrock completes, accumulateChat reports IncompleteStreamError with the partial text', async () => {
    bed.server.reply(eventStream([hello!, world!]));
    const frames = await lastValueFrom(fromBedrock(bed.client, input).pipe(toArray()));
    expect(frames).toHaveLength(2);
    await incomplete(eventStream([hello!, world!]));
  });

  test('a connection dropped at a frame boundary: IncompleteStreamError with the partial text', async () => {
    await incomplete(eventStream([hello!, world!], { then: 'drop' }));
  });

  test('a connection dropped inside a frame: fromBedrock errors with ConnectionError, accumulateChat reports it as the cause', async () => {
    const last = bedrockChunkMessage(scenarios.text[2]);
    bed.server.reply(eventStream([hello!, world!, last.subarray(0, 40)], { then: 'drop' }));
    const direct = await outcome(fromBedrock(bed.client, input));
    expect(direct.values).toHaveLength(2);
    expect(direct.error).toBeInstanceOf(ConnectionError);
    expect(direct.error).toMatchObject({ framesReceived: 2 });
    const error = await incomplete(eventStream([hello!, world!, last.subarray(0, 40)], { then: 'drop' }));
    expect(error.cause).toBeInstanceOf(ConnectionError);
  });

  test('a response that ends cleanly inside a frame: IncompleteStreamError with the partial text, caused by the ConnectionError', async () => {
    const last = bedrockChunkMessage(scenarios.text[2]);
    const error = await incomplete(eventStream([hello!, world!, last.subarray(0, 40)]));
    expect(error.cause).toBeInstanceOf(ConnectionError);
  });

  test('a stall after a chunk is a StreamTimeoutError (idle) and the request is aborted', async () => {
    bed.server.reply(eventStream([hello!], { then: 'stall' }));
    const result = await outcome(fromBedrock(bed.client, input, { timeouts: { idleMs: 150 } }));
    expect(result.values).toHaveLength(1);
    expect(result.error).toBeInstanceOf(StreamTimeoutError);
    expect(result.error).toMatchObject({ endpoint: ENDPOINT, phase: 'idle', limitMs: 150, framesReceived: 1 });
    await closedWithin(bed.server.requests[0]);
    expect(bed.server.requests[0]?.closedEarly()).toBe(true);
  });

  test('no first chunk in time is a StreamTimeoutError (first-frame)', async () => {
    bed.server.reply(headersOnly);
    const result = await outcome(fromBedrock(bed.client, input, { timeouts: { firstFrameMs: 250 } }));
    expect(result.error).toMatchObject({ name: 'StreamTimeoutError', phase: 'first-frame', limitMs: 250, framesReceived: 0 });
    await closedWithin(bed.server.requests[0]);
  });

  test('0 disables a limit', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text), { gapMs: 120 }));
    const frames = await lastValueFrom(fromBedrock(bed.client, input, { timeouts: { firstFrameMs: 0, idleMs: 0 } }).pipe(toArray()));
    expect(frames).toHaveLength(3);
  });

  test('unsubscribing mid-stream aborts the request: the server sees the stream close and stops writing', async () => {
    await expectUnsubscribeAborts(bed.server, bedrockChunkMessage(scenarios.text[0]), fromBedrock(bed.client, input));
  });

  test('unsubscribing after the headers, before the first chunk: nothing is delivered and the server sees the close', async () => {
    bed.server.reply(headersOnly);
    const seen: string[] = [];
    const subscription = fromBedrock(bed.client, input).subscribe({
      next: () => seen.push('next'),
      error: () => seen.push('error'),
      complete: () => seen.push('complete'),
    });
    const request = await bed.server.waitForRequest(0);
    await delay(50);
    subscription.unsubscribe();
    await closedWithin(request);
    await delay(50);
    expect(seen).toEqual([]);
  });

  test('the signal aborting mid-stream is a RequestAbortedError with its reason, after the chunks before it', async () => {
    const written = { count: 0 };
    bed.server.reply(
      endlessStream(bedrockChunkMessage(scenarios.text[0]), { gapMs: 15, contentType: EVENT_STREAM_CONTENT_TYPE, onWrite: (count) => (written.count = count) }),
    );
    const controller = new AbortController();
    const values: string[] = [];
    const error = await new Promise<unknown>((resolve) =>
      fromBedrock(bed.client, input, { signal: controller.signal }).subscribe({
        next: (value) => {
          values.push(value);
          if (values.length === 2) controller.abort('user cancelled');
        },
        error: resolve,
        complete: () => resolve(undefined),
      }),
    );
    expect(values).toHaveLength(2);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ endpoint: ENDPOINT, reason: 'user cancelled' });
    await closedWithin(bed.server.requests[0]);
  });

  test('the signal aborting after the headers, before the first chunk, is a RequestAbortedError, not an empty success', async () => {
    bed.server.reply(headersOnly);
    const controller = new AbortController();
    const result = outcome(fromBedrock(bed.client, input, { signal: controller.signal }));
    const request = await bed.server.waitForRequest(0);
    await delay(50);
    controller.abort();
    const settled = await result;
    expect(settled.values).toEqual([]);
    expect(settled.error).toBeInstanceOf(RequestAbortedError);
    await closedWithin(request);
  });

  test('an already aborted signal: RequestAbortedError, nothing sent', async () => {
    const result = await outcome(fromBedrock(bed.client, input, { signal: AbortSignal.abort('too late') }));
    expect(result.error).toMatchObject({ name: 'RequestAbortedError', reason: 'too late' });
    await delay(30);
    expect(bed.server.requests).toHaveLength(0);
  });
});

describe('Bedrock over h2c: the SDK handler timing out ends the stream silently', () => {
  let server: MockCohereServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  test("the handler's requestTimeout mid-stream: fromBedrock completes, accumulateChat reports IncompleteStreamError", async () => {
    const client = bedrockClient({ ...server, protocol: 'h2c' }, { requestHandler: new NodeHttp2Handler({ requestTimeout: 150 }) });
    try {
      server.reply(eventStream([hello!, world!], { then: 'stall' }));
      const result = await outcome(bedrockChatStream(client, input, { timeouts: { idleMs: 0 } }).pipe(accumulateChat()));
      expect(result.error).toBeInstanceOf(IncompleteStreamError);
      expect((result.error as IncompleteStreamError<ChatV1Snapshot>).partial.text).toBe(PARTIAL);
    } finally {
      client.destroy();
    }
  });
});
