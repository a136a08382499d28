/**
 * The core both AWS transports share, driven by hand-made event streams: the paths the real
 * SDK (3.1164) does not take today, so that they keep working if it ever does.
 */
import { awsAnswerStream, awsEventStream, type AwsInvocation, type ExceptionMember } from '../../../lib/transport/aws/event-stream';
import { awsExceptionOf } from '../../../lib/transport/aws/failures';
import { AwsStreamError } from '../../../lib/errors/index';
import { readBedrockEvent } from '../../../lib/transport/bedrock/chunks';
import { ConnectionError, ResponseConsumedError } from '../../../lib/index';
import { outcome } from '../../helpers/http-stream';

type Event = Uint8Array | ExceptionMember;

async function* events(...items: Event[]): AsyncGenerator<Event> {
  for (const item of items) yield await Promise.resolve(item);
}

const invocation = (send: AwsInvocation<Event>['send']): AwsInvocation<Event> => ({
  service: 'bedrock',
  endpoint: 'model/m/invoke-with-response-stream',
  send,
  read: (event) => event,
});

const bytes = new TextEncoder().encode('{"text":"Hi"}');

test('an exception the SDK yields as an event member (instead of throwing it) is an AwsStreamError after the chunks before it', async () => {
  const member: ExceptionMember = {
    exceptionType: 'modelStreamErrorException',
    value: { message: 'Model stream failed', originalStatusCode: 502, originalMessage: 'Bad gateway' },
  };
  const result = await outcome(
    awsEventStream(
      invocation(() => Promise.resolve({ events: events(bytes, member, bytes), requestId: 'rid-member' })),
      {},
    ),
  );
  expect(result.values).toEqual([bytes]);
  expect(result.error).toBeInstanceOf(AwsStreamError);
  expect(result.error).toMatchObject({
    exceptionType: 'modelStreamErrorException',
    awsMessage: 'Model stream failed',
    originalStatusCode: 502,
    originalMessage: 'Bad gateway',
    requestId: 'rid-member',
    framesReceived: 1,
    httpStatus: undefined,
  });
});

test('a Bedrock event member that is not an exception (an event a newer SDK knows) is skipped, not taken for an exception', () => {
  type BedrockEvent = Parameters<typeof readBedrockEvent>[0];
  expect(readBedrockEvent({ metadata: { usage: { outputTokens: 3 } } } as unknown as BedrockEvent)).toBeUndefined();
  const throttled = { throttlingException: { message: 'Too many tokens' } } as unknown as BedrockEvent;
  expect(readBedrockEvent(throttled)).toEqual({ exceptionType: 'throttlingException', value: { message: 'Too many tokens' } });
  expect(readBedrockEvent({ chunk: { bytes } })).toBe(bytes);
});

test('a response without an event stream completes', async () => {
  const result = await outcome(
    awsEventStream(
      invocation(() => Promise.resolve({ events: undefined, requestId: undefined })),
      {},
    ),
  );
  expect(result).toEqual({ values: [], error: undefined, completed: true });
});

test('teardown return()s the iterator and aborts the signal given to send()', async () => {
  let signal: AbortSignal | undefined;
  let returned = false;
  async function* endless(): AsyncGenerator<Event> {
    try {
      for (;;) yield await new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(bytes), 5));
    } finally {
      returned = true;
    }
  }
  const subscription = awsEventStream(
    invocation((abortSignal) => {
      signal = abortSignal;
      return Promise.resolve({ events: endless(), requestId: undefined });
    }),
    {},
  ).subscribe();
  await new Promise((resolve) => setTimeout(resolve, 30));
  subscription.unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(signal?.aborted).toBe(true);
  expect(returned).toBe(true);
});

test('a failure that is not an AWS exception before send() resolved is a ConnectionError', async () => {
  const cause = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
  const result = await outcome(
    awsEventStream(
      invocation(() => Promise.reject(cause)),
      {},
    ),
  );
  expect(result.error).toBeInstanceOf(ConnectionError);
  expect((result.error as Error).cause).toBe(cause);
});

test('awsExceptionOf tells AWS exceptions from other failures', () => {
  const context = { service: 'sagemaker' as const, endpoint: 'endpoints/e/invocations-response-stream', requestId: undefined, framesReceived: 0 };
  expect(awsExceptionOf('not an error', context)).toBeUndefined();
  expect(awsExceptionOf(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), context)).toBeUndefined();
  expect(awsExceptionOf(new Error('Truncated event message received.'), context)).toBeUndefined();
  const unknown = Object.assign(new Error('{"Message":"New failure"}'), { name: 'BrandNewFailure' });
  expect(awsExceptionOf(unknown, context)).toMatchObject({ exceptionType: 'BrandNewFailure', awsMessage: 'New failure', cause: unknown });
  const notJson = Object.assign(new Error('something else'), { name: 'TimeoutError' });
  expect(awsExceptionOf(notJson, context)).toBeUndefined();
});

describe('awsAnswerStream: an answer the caller holds', () => {
  const reader = { service: 'sagemaker' as const, endpoint: 'endpoints/{EndpointName}/invocations-response-stream', read: (event: Event) => event };

  /** An event stream that counts the iterators made of it and the calls of their return(). */
  function counted(...items: Event[]) {
    const counts = { iterators: 0, returns: 0 };
    const stream: AsyncIterable<Event> = {
      [Symbol.asyncIterator]() {
        counts.iterators++;
        const iterator = events(...items);
        return {
          next: () => iterator.next(),
          return: async () => {
            counts.returns++;
            return iterator.return(undefined);
          },
        };
      },
    };
    return { stream, counts };
  }

  test('an answer left before it was read is never iterated', async () => {
    const { stream, counts } = counted(bytes);
    awsAnswerStream(reader, { events: stream, requestId: undefined }, {}, 'output.Body').subscribe().unsubscribe();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(counts).toEqual({ iterators: 0, returns: 0 });
  });

  test('unsubscribing return()s the iterator once', async () => {
    const { stream, counts } = counted(bytes, bytes, bytes);
    const subscription = awsAnswerStream(reader, { events: stream, requestId: undefined }, {}, 'output.Body').subscribe(() => subscription.unsubscribe());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(counts).toEqual({ iterators: 1, returns: 1 });
  });

  test('one event stream is read once, whichever Observable reads it', async () => {
    const { stream, counts } = counted(bytes);
    const first = await outcome(awsAnswerStream(reader, { events: stream, requestId: 'rid' }, {}, 'output.Body'));
    expect(first).toEqual({ values: [bytes], error: undefined, completed: true });
    const second = await outcome(awsAnswerStream(reader, { events: stream, requestId: 'rid' }, {}, 'output.Body'));
    expect(second.error).toBeInstanceOf(ResponseConsumedError);
    expect(second.error).toMatchObject({ name: 'ResponseConsumedError', service: 'sagemaker', endpoint: reader.endpoint });
    expect(counts.iterators).toBe(1);
  });
});
