/**
 * Options that would disable a protection: every numeric option is checked when the function
 * that takes it is called, and every timer waits a delay a timer can hold.
 */
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { from, lastValueFrom, toArray } from 'rxjs';
import {
  chatStream,
  chatStreamV1,
  chatV2,
  createEventDecoder,
  decodeEvents,
  fromCohere,
  generateStream,
  InvalidOptionError,
  jsonFrames,
  sseFrames,
  TooManyRequestsError,
  type FromCohereOptions,
} from '../../lib/index';
import { bedrockChatStream, bedrockGenerateStream, fromBedrock } from '../../lib/transport/bedrock/index';
import { fromSageMaker, sagemakerChatStream, sagemakerGenerateStream } from '../../lib/transport/sagemaker/index';
import { httpError } from '../../lib/errors/http';
import { retryDelay, retrySettings } from '../../lib/transport/retry';
import { fails, streams, toSseText } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, END, START } from '../helpers/http-stream';

const server = useMockServer();

/** What a call throws, synchronously. */
function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The call throws an InvalidOptionError naming `option`, saying what it accepts and what it got. */
function expectRejected(call: () => unknown, option: string, received: string): void {
  const error = thrownBy(call);
  expect(error).toBeInstanceOf(InvalidOptionError);
  expect(error).toMatchObject({ name: 'InvalidOptionError', option, received });
  expect((error as Error).message).toContain(option);
  expect((error as InvalidOptionError).expected).not.toBe('');
}

const BAD_FRAME_SIZES: readonly [number, string][] = [
  [Number.NaN, 'NaN'],
  [0, '0'],
  [-1, '-1'],
  [1.5, '1.5'],
  [Number.POSITIVE_INFINITY, 'Infinity'],
];

describe('maxFrameSize: anything but an integer of at least 1 is an InvalidOptionError at the call', () => {
  const aws = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 };
  const bedrock = new BedrockRuntimeClient(aws);
  const sagemaker = new SageMakerRuntimeClient(aws);
  afterAll(() => {
    bedrock.destroy();
    sagemaker.destroy();
  });
  const bedrockInput = { modelId: 'cohere.command-r-v1:0', body: { message: 'Hi' } };
  const generateInput = { modelId: 'cohere.command-text-v14', body: { prompt: 'Hi' } };
  const calls: readonly [string, (maxFrameSize: number) => unknown][] = [
    ['sseFrames', (maxFrameSize) => sseFrames({ maxFrameSize })],
    ['jsonFrames', (maxFrameSize) => jsonFrames({ maxFrameSize })],
    ['decodeEvents', (maxFrameSize) => decodeEvents(chatV2, { maxFrameSize })],
    ['createEventDecoder', (maxFrameSize) => createEventDecoder(chatV2, { maxFrameSize })],
    ['fromCohere', (maxFrameSize) => fromCohere('v2/chat', chatBody, { maxFrameSize })],
    ['chatStream', (maxFrameSize) => chatStream(chatBody, { maxFrameSize })],
    ['chatStreamV1', (maxFrameSize) => chatStreamV1({ message: 'Hi' }, { maxFrameSize })],
    ['generateStream', (maxFrameSize) => generateStream({ prompt: 'Hi' }, { maxFrameSize })],
    ['fromBedrock', (maxFrameSize) => fromBedrock(bedrock, bedrockInput, { maxFrameSize })],
    ['bedrockChatStream', (maxFrameSize) => bedrockChatStream(bedrock, bedrockInput, { maxFrameSize })],
    ['bedrockGenerateStream', (maxFrameSize) => bedrockGenerateStream(bedrock, generateInput, { maxFrameSize })],
    ['fromSageMaker', (maxFrameSize) => fromSageMaker(sagemaker, { endpointName: 'e', body: { message: 'Hi' } }, { maxFrameSize })],
    ['sagemakerChatStream', (maxFrameSize) => sagemakerChatStream(sagemaker, { endpointName: 'e', body: { message: 'Hi' } }, { maxFrameSize })],
    ['sagemakerGenerateStream', (maxFrameSize) => sagemakerGenerateStream(sagemaker, { endpointName: 'e', body: { prompt: 'Hi' } }, { maxFrameSize })],
  ];

  test.each(calls)('%s', (_name, call) => {
    for (const [value, shown] of BAD_FRAME_SIZES) expectRejected(() => call(value), 'maxFrameSize', shown);
    expectRejected(() => call('5' as unknown as number), 'maxFrameSize', 'the string "5"');
    expect(thrownBy(() => call(1))).toBeUndefined();
  });

  test('a NaN cap no longer lets jsonFrames() grow a frame without bound, nor sseFrames() reject every frame', () => {
    // Before the check, `Number(process.env.UNSET)` removed the cap of one and broke the other.
    const cap = Number(process.env['COHERE_RX_SPEC_UNSET_VARIABLE']);
    expect(thrownBy(() => jsonFrames({ maxFrameSize: cap }))).toBeInstanceOf(InvalidOptionError);
    expect(thrownBy(() => sseFrames({ maxFrameSize: cap }))).toBeInstanceOf(InvalidOptionError);
  });

  test('a valid cap still frames', async () => {
    expect(await lastValueFrom(from(['{"a":1}{"b":2}']).pipe(jsonFrames({ maxFrameSize: 7 }), toArray()))).toEqual(['{"a":1}', '{"b":2}']);
  });
});

describe('timeouts and retry: numbers a timer can wait, checked at the call', () => {
  const cases: readonly [string, FromCohereOptions, string][] = [
    ['timeouts.headersMs', { timeouts: { headersMs: Number.NaN } }, 'NaN'],
    ['timeouts.firstFrameMs', { timeouts: { firstFrameMs: -1 } }, '-1'],
    ['timeouts.idleMs', { timeouts: { idleMs: Number.POSITIVE_INFINITY } }, 'Infinity'],
    ['timeouts.idleMs', { timeouts: { idleMs: 2 ** 31 } }, String(2 ** 31)],
    ['retry.count', { retry: { count: 1.5 } }, '1.5'],
    ['retry.count', { retry: { count: -1 } }, '-1'],
    ['retry.count', { retry: { count: Number.NaN } }, 'NaN'],
    ['retry.baseDelayMs', { retry: { baseDelayMs: Number.NaN } }, 'NaN'],
    ['retry.maxDelayMs', { retry: { maxDelayMs: 1e10 } }, '10000000000'],
  ];

  test.each(cases)('%s: %p', (option, options, received) => {
    expectRejected(() => fromCohere('v2/chat', chatBody, options), option, received);
    expectRejected(() => chatStream(chatBody, options), option, received);
    expect(server.requests).toHaveLength(0);
  });

  test('the AWS transports check their timeouts the same way', () => {
    const client = new BedrockRuntimeClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    try {
      expectRejected(() => fromBedrock(client, { modelId: 'm', body: { message: 'Hi' } }, { timeouts: { idleMs: Number.NaN } }), 'timeouts.idleMs', 'NaN');
      expectRejected(
        () => bedrockChatStream(client, { modelId: 'm', body: { message: 'Hi' } }, { timeouts: { firstFrameMs: 1e12 } }),
        'timeouts.firstFrameMs',
        '1000000000000',
      );
    } finally {
      client.destroy();
    }
  });

  test('0 and the longest timer are accepted; 0 still disables a limit', async () => {
    server.reply(streams(toSseText([START, END])));
    const frames = await lastValueFrom(
      fromCohere('v2/chat', chatBody, {
        baseUrl: server.baseUrl,
        token: 't',
        timeouts: { headersMs: 0, firstFrameMs: 2 ** 31 - 1, idleMs: 0 },
        retry: { count: 0, baseDelayMs: 0, maxDelayMs: 2 ** 31 - 1 },
      }).pipe(toArray()),
    );
    expect(frames).toEqual([START, END]);
  });

  test('a Retry-After past the longest timer waits (cut to maxDelayMs), it never fires at once', async () => {
    server.reply(fails(429, '{"message":"later"}', { 'retry-after': '3000000' }), fails(429, '{"message":"later"}'), fails(429, '{"message":"later"}'));
    const subscription = fromCohere('v2/chat', chatBody, {
      baseUrl: server.baseUrl,
      token: 't',
      retry: { count: 3, maxDelayMs: 2 ** 31 - 1 },
    }).subscribe({ error: () => undefined });
    await server.waitForRequest(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    subscription.unsubscribe();
    expect(server.requests).toHaveLength(1);
  });

  test('every retry delay is one a timer can wait, whatever the server or the backoff asks', () => {
    const longest = 2 ** 31 - 1;
    const settings = retrySettings({ count: 5000, baseDelayMs: 0, maxDelayMs: longest });
    const asksForever = httpError({
      status: 429,
      statusText: '',
      endpoint: 'v2/chat',
      body: '',
      bodyTruncated: false,
      contentType: undefined,
      requestId: undefined,
      retryAfter: '3000000',
      rateLimitReset: undefined,
    });
    expect(asksForever).toBeInstanceOf(TooManyRequestsError);
    expect(retryDelay(asksForever, 1, settings)).toBe(longest);
    // 0 * 2^(n-1) overflows to NaN past the 1025th retry: a NaN timer fires at once.
    for (const retry of [1, 1024, 1025, 5000]) {
      const delay = retryDelay(new Error('reset'), retry, settings, () => 1);
      expect(Number.isFinite(delay)).toBe(true);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(longest);
    }
    expect(retryDelay(new Error('reset'), 5000, retrySettings({ count: 5000, baseDelayMs: 1000, maxDelayMs: longest }), () => 1)).toBe(longest);
  });
});
