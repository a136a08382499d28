import { lastValueFrom, toArray } from 'rxjs';
import { accumulateChat } from '../../../operators/accumulate-chat';
import { accumulateGenerate } from '../../../operators/accumulate-generate';
import { AwsStreamError, fromSageMaker, sagemakerChatStream, sagemakerGenerateStream } from '../../../lib/transport/sagemaker/index';
import { IncompleteStreamError, RequestAbortedError, RequestValidationError, type ChatV1Snapshot } from '../../../lib/index';
import { awsError, eventStream, exceptionMessage, MOCK_REQUEST_ID, payloadPartMessage, toSageMakerMessages } from '../../../lib/testing/index';
import { scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import { closedWithin, delay, expectUnsubscribeAborts, headersOnly, sagemakerClient, useAwsServer, type WireProtocol } from '../../helpers/mock-server';

const ENDPOINT_NAME = 'cohere-command-r';
const ENDPOINT = `endpoints/${ENDPOINT_NAME}/invocations-response-stream`;
const input = { endpointName: ENDPOINT_NAME, body: { message: 'Hi' } };
const encoder = new TextEncoder();

/** The documents of a scenario as the container streams them: JSON lines. */
const lines = (documents: readonly object[], eol = '\n') => documents.map((document) => JSON.stringify(document) + eol).join('');
const texts = (documents: readonly object[]) => documents.map((document) => JSON.stringify(document));

describe.each<WireProtocol>(['http1', 'h2c'])('SageMaker over %s', (protocol) => {
  const bed = useAwsServer(protocol, sagemakerClient);

  test('POSTs the body with stream: true and ContentType application/json to /endpoints/<name>/invocations-response-stream', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines(scenarios.text))]));
    const frames = await lastValueFrom(
      fromSageMaker(bed.client, { endpointName: ENDPOINT_NAME, body: { message: 'Hi', preamble: 'Be brief' }, targetVariant: 'variant-b' }).pipe(toArray()),
    );
    expect(frames).toEqual(texts(scenarios.text));
    const [request] = bed.server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe(`/${ENDPOINT}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-amzn-sagemaker-target-variant']).toBe('variant-b');
    expect(request?.headers['authorization']).toMatch(/\/us-east-1\/sagemaker\/aws4_request/);
    expect(JSON.parse(request?.body ?? '')).toEqual({ message: 'Hi', preamble: 'Be brief', stream: true });
  });

  test('sagemakerChatStream + accumulateChat: the Chat, from parts that split documents', async () => {
    bed.server.reply(eventStream(toSageMakerMessages(scenarios.rag, { partSize: 37 })));
    const chat = await lastValueFrom(sagemakerChatStream(bed.client, input).pipe(accumulateChat()));
    expect(chat).toMatchObject({ response_id: 'resp-rag', text: 'The emperor penguin is the tallest.' });
    expect(chat.citations).toHaveLength(1);
  });

  test('sagemakerGenerateStream + accumulateGenerate: three generations', async () => {
    bed.server.reply(eventStream(toSageMakerMessages(scenarios.generateThree, { partSize: 50 })));
    const end = await lastValueFrom(
      sagemakerGenerateStream(bed.client, { endpointName: 'cohere-command', body: { prompt: 'Letters', num_generations: 3 } }).pipe(accumulateGenerate()),
    );
    expect(end.generations?.map((generation) => generation.text)).toEqual(['Aa', 'Bb', 'Cc']);
    expect(JSON.parse(bed.server.requests[0]?.body ?? '')).toEqual({ prompt: 'Letters', num_generations: 3, stream: true });
  });

  test('ModelStreamError mid-stream: the frames before it, then an AwsStreamError with the error code', async () => {
    bed.server.reply(
      eventStream([
        payloadPartMessage(lines([scenarios.text[0]])),
        exceptionMessage('ModelStreamError', { Message: 'Stream broke', ErrorCode: 'StreamBroken' }),
      ]),
    );
    const result = await outcome(fromSageMaker(bed.client, input));
    expect(result.values).toEqual(texts([scenarios.text[0]]));
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({
      service: 'sagemaker',
      endpoint: ENDPOINT,
      exceptionType: 'ModelStreamError',
      awsMessage: 'Stream broke',
      errorCode: 'StreamBroken',
      framesReceived: 1,
    });
  });

  test('unsubscribing mid-stream aborts the request: the server sees the close', async () => {
    await expectUnsubscribeAborts(bed.server, payloadPartMessage(lines([scenarios.text[0]])), fromSageMaker(bed.client, input));
  });

  test('a drop mid-stream: accumulateChat reports IncompleteStreamError with the partial text', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines(scenarios.text.slice(0, 2)))], { then: 'drop' }));
    const result = await outcome(sagemakerChatStream(bed.client, input).pipe(accumulateChat()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
    expect((result.error as IncompleteStreamError<ChatV1Snapshot>).partial.text).toBe('Hello, wörld 👋');
  });

  test('the signal aborting after the headers, before the first part: RequestAbortedError', async () => {
    bed.server.reply(headersOnly);
    const controller = new AbortController();
    const result = outcome(fromSageMaker(bed.client, input, { signal: controller.signal }));
    const request = await bed.server.waitForRequest(0);
    await delay(50);
    controller.abort('stop');
    expect((await result).error).toBeInstanceOf(RequestAbortedError);
    await closedWithin(request);
  });
});

describe('SageMaker: reassembling payload parts', () => {
  const bed = useAwsServer('http1', sagemakerClient);

  const frames = (buffers: Uint8Array[]) => {
    bed.server.reply(eventStream(buffers));
    return lastValueFrom(fromSageMaker(bed.client, input).pipe(toArray()));
  };

  test('parts of every size from 1 byte to the whole stream give the same frames', async () => {
    const documents = [
      { event_type: 'text-generation', is_finished: false, text: 'Grüße 👋' },
      { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE' },
    ];
    const bytes = encoder.encode(lines(documents));
    for (let size = 1; size <= bytes.length; size++) {
      expect(await frames(toSageMakerMessages(documents, { partSize: size }))).toEqual(texts(documents));
    }
  });

  test('a part boundary inside a multi-byte character', async () => {
    const document = { event_type: 'text-generation', is_finished: false, text: '👋€' };
    const bytes = encoder.encode(JSON.stringify(document));
    const emoji = bytes.indexOf(0xf0);
    expect(
      await frames([
        payloadPartMessage(bytes.subarray(0, emoji + 2)),
        payloadPartMessage(bytes.subarray(emoji + 2, emoji + 5)),
        payloadPartMessage(bytes.subarray(emoji + 5)),
      ]),
    ).toEqual([JSON.stringify(document)]);
  });

  test('two documents in one part, with newlines, without, and with CRLF', async () => {
    const two = scenarios.text.slice(0, 2);
    expect(await frames([payloadPartMessage(lines(two))])).toEqual(texts(two));
    expect(await frames([payloadPartMessage(lines(two, ''))])).toEqual(texts(two));
    expect(await frames([payloadPartMessage(lines(two, '\r\n'))])).toEqual(texts(two));
  });

  test('a document cut by the end of the stream is a DecodeError (truncated) after the complete ones', async () => {
    bed.server.reply(eventStream([payloadPartMessage(`${JSON.stringify(scenarios.text[0])}\n{"event_type":"text-gen`)]));
    const result = await outcome(sagemakerChatStream(bed.client, input));
    expect(result.values).toEqual([scenarios.text[0]]);
    expect(result.error).toMatchObject({ name: 'DecodeError', reason: 'truncated', frame: '{"event_type":"text-gen' });
  });

  test('a clean end without stream-end: IncompleteStreamError with the partial text', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines(scenarios.text.slice(0, 2)))]));
    const result = await outcome(sagemakerChatStream(bed.client, input).pipe(accumulateChat()));
    expect(result.error).toBeInstanceOf(IncompleteStreamError);
  });

  test('a stall between parts is a StreamTimeoutError (idle)', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines([scenarios.text[0]]))], { then: 'stall' }));
    const result = await outcome(fromSageMaker(bed.client, input, { timeouts: { idleMs: 120 } }));
    expect(result.values).toHaveLength(1);
    expect(result.error).toMatchObject({ name: 'StreamTimeoutError', endpoint: ENDPOINT, phase: 'idle', framesReceived: 1 });
    await closedWithin(bed.server.requests[0]);
  });
});

describe('SageMaker: errors', () => {
  const bed = useAwsServer('http1', sagemakerClient);

  test('InternalStreamFailure mid-stream', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines([scenarios.text[0]])), exceptionMessage('InternalStreamFailure', { Message: 'Internal failure' })]));
    const result = await outcome(fromSageMaker(bed.client, input));
    expect(result.values).toHaveLength(1);
    expect(result.error).toMatchObject({ name: 'AwsStreamError', exceptionType: 'InternalStreamFailure', awsMessage: 'Internal failure', fault: 'server' });
  });

  test('ModelStreamError as the first message: send() rejects; still one AwsStreamError', async () => {
    bed.server.reply(eventStream([exceptionMessage('ModelStreamError', { Message: 'Too slow', ErrorCode: 'ModelInvocationTimeExceeded' })]));
    const result = await outcome(fromSageMaker(bed.client, input));
    expect(result.values).toEqual([]);
    expect(result.error).toMatchObject({
      exceptionType: 'ModelStreamError',
      errorCode: 'ModelInvocationTimeExceeded',
      framesReceived: 0,
      requestId: MOCK_REQUEST_ID,
    });
  });

  test('an unknown exception type mid-stream', async () => {
    bed.server.reply(eventStream([payloadPartMessage(lines([scenarios.text[0]])), exceptionMessage('BrandNewFailure', { Message: 'New' })]));
    const result = await outcome(fromSageMaker(bed.client, input));
    expect(result.error).toMatchObject({ name: 'AwsStreamError', exceptionType: 'BrandNewFailure', awsMessage: 'New' });
  });

  test.each([
    [400, 'ValidationError'],
    [403, 'AccessDeniedException'],
    [404, 'ValidationError'],
    [429, 'ThrottlingException'],
    [500, 'InternalFailure'],
    [503, 'ServiceUnavailable'],
  ] as const)('HTTP %i %s: an AwsStreamError with the status, the message and the request id', async (status, type) => {
    bed.server.reply(awsError(status, type, `${type}!`, { requestId: `sm-${status}` }));
    const result = await outcome(sagemakerChatStream(bed.client, input));
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({ service: 'sagemaker', exceptionType: type, httpStatus: status, requestId: `sm-${status}`, awsMessage: `${type}!` });
  });

  test("HTTP 424 ModelError carries the model's own status and message", async () => {
    bed.server.reply(
      awsError(424, 'ModelError', 'Received server error (500) from model', {
        requestId: 'sm-424',
        members: { OriginalStatusCode: 500, OriginalMessage: 'CUDA out of memory' },
      }),
    );
    const result = await outcome(fromSageMaker(bed.client, input));
    expect(result.error).toMatchObject({
      exceptionType: 'ModelError',
      httpStatus: 424,
      originalStatusCode: 500,
      originalMessage: 'CUDA out of memory',
    });
    expect((result.error as Error).message).toContain('The model answered 500: "CUDA out of memory"');
  });

  test('an invalid generate body is a RequestValidationError, and `model` is refused', async () => {
    const bad = await outcome(sagemakerGenerateStream(bed.client, { endpointName: 'e', body: { prompt: 'x', num_generations: 9 } }));
    expect(bad.error).toBeInstanceOf(RequestValidationError);
    expect(bad.error).toMatchObject({ endpoint: 'endpoints/e/invocations-response-stream', path: 'num_generations' });
    const model = await outcome(fromSageMaker(bed.client, { endpointName: 'e', body: { prompt: 'x', model: 'command' } as unknown as { prompt: string } }));
    expect(model.error).toMatchObject({ name: 'RequestValidationError', path: 'model' });
    expect(bed.server.requests).toHaveLength(0);
  });
});
