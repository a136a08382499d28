/**
 * `fromSageMakerResponse(output)`: the frames of a SageMaker answer the caller sent themselves,
 * read from the real client's output over HTTP/1.1.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { accumulateChat, chatV1, decodeEvents, InvalidOptionError } from '../../../lib/index';
import {
  AwsStreamError,
  fromSageMakerResponse,
  ResponseConsumedError,
  sagemakerChatStream,
  type SageMakerStreamEvent,
} from '../../../lib/transport/sagemaker/index';
import { eventStream, exceptionMessage, MOCK_REQUEST_ID, payloadPartMessage, toSageMakerMessages } from '../../../lib/testing/index';
import { sendSageMaker } from '../../helpers/aws-responses';
import { scenarios } from '../../helpers/aws-scenarios';
import { outcome } from '../../helpers/http-stream';
import { sagemakerClient, useAwsServer } from '../../helpers/mock-server';

const json = (documents: readonly object[]) => documents.map((document) => JSON.stringify(document));

const bed = useAwsServer('http1', sagemakerClient);

const held = async (messages: Uint8Array[]) => {
  bed.server.reply(eventStream(messages));
  return sendSageMaker(bed.client);
};

test('reassembles parts cut anywhere into one frame per JSON document', async () => {
  const output = await held(toSageMakerMessages(scenarios.rag, { partSize: 23 }));
  expect(await lastValueFrom(fromSageMakerResponse(output).pipe(toArray()))).toEqual(json(scenarios.rag));
});

test('decodeEvents(chatV1) and accumulateChat give the Chat sagemakerChatStream gives', async () => {
  const output = await held(toSageMakerMessages(scenarios.everyEvent, { partSize: 40 }));
  const chat = await lastValueFrom(fromSageMakerResponse(output).pipe(decodeEvents(chatV1), accumulateChat()));
  bed.server.reply(eventStream(toSageMakerMessages(scenarios.everyEvent)));
  expect(chat).toEqual(await lastValueFrom(sagemakerChatStream(bed.client, { endpointName: 'e', body: { message: 'Hi' } }).pipe(accumulateChat())));
  expect(chat.response_id).toBe('resp-all');
});

test("ModelStreamError mid-stream is an AwsStreamError with its error code, the output's request id and the operation's path", async () => {
  const output = await held([
    payloadPartMessage(`${JSON.stringify(scenarios.text[0])}\n`),
    exceptionMessage('ModelStreamError', { Message: 'Too slow', ErrorCode: 'ModelInvocationTimeExceeded' }),
  ]);
  const result = await outcome(fromSageMakerResponse(output));
  expect(result.values).toEqual(json([scenarios.text[0]]));
  expect(result.error).toBeInstanceOf(AwsStreamError);
  expect(result.error).toMatchObject({
    service: 'sagemaker',
    endpoint: 'endpoints/{EndpointName}/invocations-response-stream',
    exceptionType: 'ModelStreamError',
    errorCode: 'ModelInvocationTimeExceeded',
    requestId: MOCK_REQUEST_ID,
    framesReceived: 1,
  });
});

test('a document cut by the end of the stream is a DecodeError (truncated); one over maxFrameSize a DecodeError (frame-too-large)', async () => {
  const cut = await held([payloadPartMessage(`${JSON.stringify(scenarios.text[0])}\n{"event_type":"text-gen`)]);
  expect((await outcome(fromSageMakerResponse(cut))).error).toMatchObject({ name: 'DecodeError', reason: 'truncated' });
  const large = await held(toSageMakerMessages(scenarios.text));
  const result = await outcome(fromSageMakerResponse(large, { maxFrameSize: 80 }));
  expect(result.values).toHaveLength(2);
  expect(result.error).toMatchObject({ name: 'DecodeError', reason: 'frame-too-large' });
});

test('a second subscription is a ResponseConsumedError; a Body that is not an async iterable an InvalidOptionError at the call', async () => {
  const frames = fromSageMakerResponse(await held(toSageMakerMessages(scenarios.text)));
  expect(await lastValueFrom(frames.pipe(toArray()))).toHaveLength(3);
  expect((await outcome(frames)).error).toBeInstanceOf(ResponseConsumedError);
  const Body = 'not a stream' as unknown as AsyncIterable<SageMakerStreamEvent>;
  expect(() => fromSageMakerResponse({ Body })).toThrow(InvalidOptionError);
  expect(() => fromSageMakerResponse({ Body })).toThrow(/The option output\.Body accepts the event stream of the SageMaker output \(output\.Body\)/);
});
