import { lastValueFrom, toArray } from 'rxjs';
import { AwsStreamError, bedrockChatStream, fromBedrock } from '../../../lib/transport/bedrock/index';
import { CohereStreamError, ConnectionError } from '../../../lib/index';
import { awsError, bedrockChunkMessage, eventStream, exceptionMessage, MOCK_REQUEST_ID, toBedrockMessages } from '../../../lib/testing/index';
import { scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import { bedrockClient, startTestServer, useAwsServer } from '../../helpers/mock-server';
import { fixtureTest, fixtureText } from '../../helpers/fixtures';

const MODEL = 'cohere.command-r-plus-v1:0';
const ENDPOINT = `model/${MODEL}/invoke-with-response-stream`;
const input = { modelId: MODEL, body: { message: 'Hi' } };
const first = bedrockChunkMessage(scenarios.text[0]);

/** Every exception member of Bedrock's ResponseStream, the class the SDK throws for it, and its payload. */
const EXCEPTIONS = [
  ['modelStreamErrorException', 'ModelStreamErrorException', { message: 'Model stream failed', originalStatusCode: 500, originalMessage: 'The model crashed' }],
  ['throttlingException', 'ThrottlingException', { message: 'Too many tokens' }],
  ['internalServerException', 'InternalServerException', { message: 'Internal failure' }],
  ['validationException', 'ValidationException', { message: 'Bad input' }],
  ['modelTimeoutException', 'ModelTimeoutException', { message: 'Model timed out' }],
  ['serviceUnavailableException', 'ServiceUnavailableException', { message: 'Try later' }],
] as const;

const bed = useAwsServer('h2c', bedrockClient);

describe('Bedrock: exception frames', () => {
  test.each(EXCEPTIONS)('%s in the middle of the stream: the chunks before it, then one AwsStreamError', async (wireType, sdkName, payload) => {
    bed.server.reply(eventStream([first, exceptionMessage(wireType, payload)]));
    const result = await outcome(fromBedrock(bed.client, input));
    expect(result.values).toEqual([JSON.stringify(scenarios.text[0])]);
    const error = result.error as AwsStreamError;
    expect(error).toBeInstanceOf(AwsStreamError);
    expect(error).toBeInstanceOf(CohereStreamError);
    expect(error).toMatchObject({
      name: 'AwsStreamError',
      service: 'bedrock',
      endpoint: ENDPOINT,
      exceptionType: sdkName,
      awsMessage: payload.message,
      httpStatus: undefined,
      requestId: MOCK_REQUEST_ID,
      framesReceived: 1,
      originalStatusCode: 'originalStatusCode' in payload ? payload.originalStatusCode : undefined,
      originalMessage: 'originalMessage' in payload ? payload.originalMessage : undefined,
    });
    // The SDK throws its own typed exception from the iterator: it is the cause.
    expect(error.cause).toMatchObject({ name: sdkName, message: payload.message });
    expect(error.message).toContain(`sent ${sdkName} after 1 frame(s)`);
  });

  test.each(EXCEPTIONS)('%s as the first message: send() rejects, an AwsStreamError with nothing before it', async (wireType, sdkName, payload) => {
    bed.server.reply(eventStream([exceptionMessage(wireType, payload)]));
    const result = await outcome(fromBedrock(bed.client, input));
    expect(result.values).toEqual([]);
    expect(result.error).toBeInstanceOf(AwsStreamError);
    // The request id of the stream's 200 answer, which the SDK leaves out of the exception's $metadata.
    expect(result.error).toMatchObject({ exceptionType: sdkName, awsMessage: payload.message, framesReceived: 0, requestId: MOCK_REQUEST_ID });
    expect(bed.server.requests).toHaveLength(1);
  });

  test('an exception type the SDK does not know (a plain Error named after it) is an AwsStreamError too', async () => {
    bed.server.reply(eventStream([first, exceptionMessage('quotaExhaustedException', { message: 'No quota left' })]));
    const result = await outcome(fromBedrock(bed.client, input));
    expect(result.values).toHaveLength(1);
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({ exceptionType: 'quotaExhaustedException', awsMessage: 'No quota left', fault: undefined });
  });

  test('an unknown exception type as the first message', async () => {
    bed.server.reply(eventStream([exceptionMessage('quotaExhaustedException', { message: 'No quota left' })]));
    const result = await outcome(fromBedrock(bed.client, input));
    expect(result.error).toMatchObject({ name: 'AwsStreamError', exceptionType: 'quotaExhaustedException', framesReceived: 0 });
  });

  fixtureTest('bedrock-eventstream-modelStreamErrorException.base64.txt: the recorded frame, decoded by the real client', async () => {
    const frame = Buffer.from(fixtureText('bedrock-eventstream-modelStreamErrorException.base64.txt').trim(), 'base64');
    expect(frame.length).toBe(0xdd);
    bed.server.reply(eventStream([first, new Uint8Array(frame)]), eventStream([new Uint8Array(frame)]));
    const middle = await outcome(bedrockChatStream(bed.client, input));
    expect(middle.values).toEqual([scenarios.text[0]]);
    expect(middle.error).toMatchObject({
      name: 'AwsStreamError',
      exceptionType: 'ModelStreamErrorException',
      awsMessage: 'Model Stream Error',
      originalStatusCode: 500,
      originalMessage: 'The model stream failed.',
      fault: 'client',
    });
    const start = await outcome(bedrockChatStream(bed.client, input));
    expect(start.error).toMatchObject({ exceptionType: 'ModelStreamErrorException', originalStatusCode: 500, framesReceived: 0 });
  });
});

describe('Bedrock: HTTP errors before the stream', () => {
  test.each([
    [400, 'ValidationException', 'client'],
    [403, 'AccessDeniedException', 'client'],
    [404, 'ResourceNotFoundException', 'client'],
    [424, 'ModelErrorException', 'client'],
    [429, 'ThrottlingException', 'client'],
    [500, 'InternalServerException', 'server'],
    [503, 'ServiceUnavailableException', 'server'],
  ] as const)('%i %s: an AwsStreamError with the status, the message and the request id', async (status, type, fault) => {
    bed.server.reply(awsError(status, type, `${type} happened`, { requestId: `rid-${status}` }));
    const result = await outcome(bedrockChatStream(bed.client, input));
    expect(result.values).toEqual([]);
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({
      exceptionType: type,
      httpStatus: status,
      requestId: `rid-${status}`,
      awsMessage: `${type} happened`,
      fault,
      framesReceived: 0,
    });
    expect((result.error as Error).message).toContain(`HTTP ${status}`);
    expect((result.error as Error).message).toContain(`rid-${status}`);
  });

  test('an error type the SDK does not model keeps its name', async () => {
    bed.server.reply(awsError(418, 'TeapotException', 'I am a teapot'));
    const result = await outcome(fromBedrock(bed.client, input));
    expect(result.error).toMatchObject({ name: 'AwsStreamError', exceptionType: 'TeapotException', httpStatus: 418 });
  });

  test('an error answer whose body is not JSON (a proxy in front of AWS): an AwsStreamError with the status and the request id', async () => {
    bed.server.reply((reply) => {
      reply.head(502, { 'content-type': 'text/html', 'x-amzn-requestid': 'rid-502' });
      void reply.write(new TextEncoder().encode('<html><body>502 Bad Gateway</body></html>'));
      reply.end();
    });
    const result = await outcome(bedrockChatStream(bed.client, input));
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({ exceptionType: 'Unknown', httpStatus: 502, requestId: 'rid-502', awsMessage: undefined, framesReceived: 0 });
    expect((result.error as Error).message).toContain('HTTP 502');
    expect((result.error as Error).message).toContain('Send the request again later');
  });

  test('429 then a stream: the SDK retries before the stream starts (maxAttempts: 2)', async () => {
    const retrying = bedrockClient(bed.server, { maxAttempts: 2 });
    try {
      bed.server.reply(awsError(429, 'ThrottlingException', 'Slow down'), eventStream(toBedrockMessages(scenarios.text)));
      const events = await lastValueFrom(bedrockChatStream(retrying, input).pipe(toArray()));
      expect(events).toHaveLength(3);
      expect(bed.server.requests).toHaveLength(2);
    } finally {
      retrying.destroy();
    }
  });

  test('an exception mid-stream is not retried by the SDK, whatever maxAttempts says', async () => {
    const retrying = bedrockClient(bed.server, { maxAttempts: 3 });
    try {
      bed.server.reply(eventStream([first, exceptionMessage('throttlingException', { message: 'Too many tokens' })]));
      const result = await outcome(fromBedrock(retrying, input));
      expect(result.error).toMatchObject({ exceptionType: 'ThrottlingException' });
      expect(bed.server.requests).toHaveLength(1);
    } finally {
      retrying.destroy();
    }
  });

  test('a connection refused is a ConnectionError with the cause', async () => {
    const closed = await startTestServer();
    await closed.close();
    const unreachable = bedrockClient({ ...closed, protocol: 'h2c' });
    try {
      const result = await outcome(fromBedrock(unreachable, input));
      expect(result.error).toBeInstanceOf(ConnectionError);
      expect(result.error).toMatchObject({ endpoint: ENDPOINT, framesReceived: 0, attempts: undefined });
      expect((result.error as Error).cause).toBeDefined();
      // The AWS client retries on its own: the message says so, not that cohere-rx retried.
      expect((result.error as Error).message).toContain("AWS client's own retry strategy");
      expect((result.error as Error).message).not.toContain('retry.count');
    } finally {
      unreachable.destroy();
    }
  });
});
