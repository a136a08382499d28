/**
 * `streamingChat(streamResponse, mode)` over responses the caller holds: the real Bedrock client
 * over h2c and the real SageMaker client over HTTP/1.1 send the command themselves, and the
 * output's event stream is read afterwards, as the Python SDK's `StreamingChat` reads it.
 */
import type { BedrockRuntimeClient, InvokeModelWithResponseStreamCommandOutput } from '@aws-sdk/client-bedrock-runtime';
import type { InvokeEndpointWithResponseStreamCommandOutput, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { defer, finalize, from, lastValueFrom, switchMap, take, toArray, type Observable } from 'rxjs';
import {
  AwsStreamError,
  DecodeError,
  InvalidOptionError,
  Mode,
  ModelFieldError,
  RequestAbortedError,
  ResponseConsumedError,
  SchemaError,
  StreamTimeoutError,
  streamingChat,
  streamResponsesFromDicts,
  type AwsEventStreamOptions,
  type StreamResponse,
  type UnknownEvent,
} from '../../../lib/index';
import { fromBedrockResponse } from '../../../lib/transport/bedrock/index';
import {
  bedrockChunkMessage,
  bedrockPayloadMessage,
  encodeEventStreamMessage,
  eventStream,
  exceptionMessage,
  payloadPartMessage,
  toBedrockMessages,
  toSageMakerMessages,
} from '../../../lib/testing/index';
import { observeReturn, sendBedrock, sendSageMaker } from '../../helpers/aws-responses';
import { scenarios } from '../../helpers/aws-scenarios';
import { fixtureFiles, fixtureTest, fixtureText, jsonLines } from '../../helpers/fixtures';
import { outcome } from '../../helpers/http-stream';
import {
  bedrockClient,
  closedWithin,
  delay,
  expectUnsubscribeAborts,
  sagemakerClient,
  useAwsServer,
  type AwsServer,
  type WireProtocol,
} from '../../helpers/mock-server';

/** One service as a test drives it: its client, how it sends, and how its output is read. */
interface Rig<C, O> {
  readonly name: string;
  readonly protocol: WireProtocol;
  readonly client: (server: AwsServer) => C;
  readonly send: (client: C, abortSignal?: AbortSignal) => Promise<O>;
  /** The output's event stream, as the caller passes it. */
  readonly body: (output: O) => O extends { body: infer B } ? B : O extends { Body: infer B } ? B : never;
  readonly items: (body: ReturnType<Rig<C, O>['body']>, options?: AwsEventStreamOptions) => Observable<StreamResponse>;
  /** The messages of the service for model JSON documents, one message per document. */
  readonly messages: (documents: readonly object[]) => Uint8Array[];
  /** An exception message in the middle of the stream, and the type the SDK gives it. */
  readonly exception: readonly [message: Uint8Array, exceptionType: string];
  readonly endpoint: string;
}

const bedrock: Rig<BedrockRuntimeClient, InvokeModelWithResponseStreamCommandOutput> = {
  name: 'Bedrock (Mode.BEDROCK) over h2c',
  protocol: 'h2c',
  client: bedrockClient,
  send: sendBedrock,
  body: (output) => output.body,
  items: (body, options) => streamingChat(body, Mode.BEDROCK, options),
  messages: (documents) => toBedrockMessages(documents),
  exception: [exceptionMessage('modelStreamErrorException', { message: 'Model stream failed', originalStatusCode: 500 }), 'ModelStreamErrorException'],
  endpoint: 'model/{modelId}/invoke-with-response-stream',
};

const sagemaker: Rig<SageMakerRuntimeClient, InvokeEndpointWithResponseStreamCommandOutput> = {
  name: 'SageMaker (Mode.SAGEMAKER) over HTTP/1.1',
  protocol: 'http1',
  client: sagemakerClient,
  send: sendSageMaker,
  body: (output) => output.Body,
  items: (body, options) => streamingChat(body, Mode.SAGEMAKER, options),
  messages: (documents) => toSageMakerMessages(documents),
  exception: [exceptionMessage('ModelStreamError', { Message: 'Stream broke', ErrorCode: 'StreamBroken' }), 'ModelStreamError'],
  endpoint: 'endpoints/{EndpointName}/invocations-response-stream',
};

/** The response of `scenarios.everyEvent`'s `stream-end`. */
const endResponse = (scenarios.everyEvent.at(-1) as { response: Record<string, unknown> }).response;

/** What Python copies from a `stream-end` response: everything but `finish_reason` and `meta`. */
function pythonCopy({ finish_reason: _finishReason, meta: _meta, ...copied }: Record<string, unknown>): Record<string, unknown> {
  return copied;
}

/** The items of `scenarios.everyEvent`, as Python `StreamingChat` yields them. */
const EVERY_EVENT_ITEMS: StreamResponse[] = [
  { is_finished: false, event_type: 'stream-start', index: 0, generation_id: 'gen-all', conversation_id: 'conv-all' },
  { is_finished: false, event_type: 'search-queries-generation', index: 1, search_queries: [{ text: 'tallest penguin', generation_id: 'q1' }] },
  {
    is_finished: false,
    event_type: 'search-results',
    index: 2,
    search_results: [{ search_query: { text: 'tallest penguin', generation_id: 'q1' }, document_ids: ['doc_0'], connector: { id: 'web-search' } }],
    documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
  },
  // Python's ChatToolCallsGenerationEvent reads the tool calls only: the plan text is not kept.
  { is_finished: false, event_type: 'tool-calls-generation', index: 3, tool_calls: [{ name: 'measure', parameters: { animal: 'penguin' } }] },
  { is_finished: false, event_type: 'text-generation', index: 4, text: 'The emperor penguin' },
  { is_finished: false, event_type: 'text-generation', index: 5, text: ' is the tallest.' },
  { is_finished: false, event_type: 'citation-generation', index: 6, citations: [{ start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] }] },
  {
    is_finished: true,
    event_type: 'stream-end',
    index: 7,
    finish_reason: 'COMPLETE',
    response: pythonCopy(endResponse),
  },
];

const [hello, world] = scenarios.text;

function suite<C extends { destroy(): void }, O>(rig: Rig<C, O>): void {
  describe(rig.name, () => {
    const bed = useAwsServer(rig.protocol, rig.client);

    /** Queues `messages` (then `then`), sends the command and returns the output's event stream. */
    const held = async (messages: Uint8Array[], then?: 'stall' | 'drop') => {
      bed.server.reply(eventStream(messages, then === undefined ? {} : { then }));
      return rig.body(await rig.send(bed.client));
    };

    test('every event type becomes its typed stream response, with is_finished, event_type and a running index', async () => {
      const items = await lastValueFrom(rig.items(await held(rig.messages(scenarios.everyEvent))).pipe(toArray()));
      expect(items).toStrictEqual(EVERY_EVENT_ITEMS);
    });

    test('tool-calls-chunk, debug and a new event type are dropped as Python drops them, counted through onUnknownEvent; the index skips them', async () => {
      const unknown = [
        { event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { index: 0, name: 'measure' } },
        { event_type: 'debug', is_finished: false, prompt: '<prompt>' },
        { event_type: 'brand-new', is_finished: false, shiny: true },
      ];
      const [start, ...rest] = scenarios.everyEvent;
      const seen: [string | undefined, number, number][] = [];
      const onUnknownEvent = (event: UnknownEvent, count: number) => seen.push([event.eventType, count, event.frameIndex]);
      const body = await held(rig.messages([start, ...unknown, ...rest]));
      const items = await lastValueFrom(rig.items(body, { onUnknownEvent }).pipe(toArray()));
      expect(items).toStrictEqual(EVERY_EVENT_ITEMS);
      expect(seen).toEqual([
        ['tool-calls-chunk', 1, 1],
        ['debug', 2, 2],
        ['brand-new', 3, 3],
      ]);
    });

    test('an exception frame mid-stream: the items before it, then a typed AwsStreamError', async () => {
      const [message, exceptionType] = rig.exception;
      const result = await outcome(rig.items(await held([...rig.messages([hello, world]), message])));
      expect(result.values.map((item) => item.index)).toEqual([0, 1]);
      expect(result.error).toBeInstanceOf(AwsStreamError);
      expect(result.error).toMatchObject({
        service: rig.protocol === 'h2c' ? 'bedrock' : 'sagemaker',
        endpoint: rig.endpoint,
        exceptionType,
        framesReceived: 2,
      });
      expect((result.error as Error).message).toContain(`after 2 frame(s) of the stream of POST /${rig.endpoint}`);
    });

    test('maxFrameSize caps each document: a larger one is a DecodeError after the items before it', async () => {
      const body = await held(rig.messages(scenarios.text));
      const result = await outcome(rig.items(body, { maxFrameSize: JSON.stringify(world).length }));
      expect(result.values.map((item) => item.event_type)).toEqual(['text-generation', 'text-generation']);
      expect(result.error).toBeInstanceOf(DecodeError);
      expect(result.error).toMatchObject({ reason: 'frame-too-large' });
    });

    test('a stall is a StreamTimeoutError (idle) after the items before it; aborting in finalize closes the request', async () => {
      bed.server.reply(eventStream(rig.messages([hello]), { then: 'stall' }));
      const request = new AbortController();
      const output = await rig.send(bed.client, request.signal);
      const result = await outcome(rig.items(rig.body(output), { timeouts: { idleMs: 120 } }).pipe(finalize(() => request.abort())));
      expect(result.values).toStrictEqual([{ is_finished: false, event_type: 'text-generation', index: 0, text: 'Hello' }]);
      expect(result.error).toBeInstanceOf(StreamTimeoutError);
      expect(result.error).toMatchObject({ endpoint: rig.endpoint, phase: 'idle', limitMs: 120, framesReceived: 1 });
      await closedWithin(bed.server.requests[0]);
      expect(bed.server.requests[0]?.closedEarly()).toBe(true);
    });

    test('unsubscribing stops reading and return()s the iterator; with the caller aborting in finalize, the server sees the close', async () => {
      let returns: () => number = () => -1;
      const items = defer(() => {
        const request = new AbortController();
        return from(rig.send(bed.client, request.signal)).pipe(
          switchMap((output) => {
            const observed = observeReturn(rig.body(output) as AsyncIterable<object> | undefined);
            returns = observed.returns;
            return rig.items(observed.events as ReturnType<Rig<C, O>['body']>).pipe(finalize(() => request.abort()));
          }),
        );
      });
      await expectUnsubscribeAborts(bed.server, rig.messages([hello])[0]!, items);
      expect(returns()).toBe(1);
    });

    test('the signal option aborting mid-stream is a RequestAbortedError after the items before it', async () => {
      const request = new AbortController();
      bed.server.reply(eventStream(rig.messages([hello]), { then: 'stall' }));
      const output = await rig.send(bed.client, request.signal);
      const result = outcome(rig.items(rig.body(output), { signal: request.signal }));
      await delay(50);
      request.abort('enough');
      const settled = await result;
      expect(settled.values).toHaveLength(1);
      expect(settled.error).toBeInstanceOf(RequestAbortedError);
      expect(settled.error).toMatchObject({ endpoint: rig.endpoint, reason: 'enough' });
      await closedWithin(bed.server.requests[0]);
    });

    test('the response is read once: a second subscription, or another reader of the same stream, is a ResponseConsumedError', async () => {
      const body = await held(rig.messages(scenarios.text));
      const items = rig.items(body);
      expect(await lastValueFrom(items.pipe(toArray()))).toHaveLength(3);
      const again = await outcome(items);
      expect(again.values).toEqual([]);
      expect(again.error).toBeInstanceOf(ResponseConsumedError);
      expect(again.error).toMatchObject({ endpoint: rig.endpoint });
      expect((again.error as Error).message).toContain('share()');
      expect((await outcome(rig.items(body))).error).toBeInstanceOf(ResponseConsumedError);
    });

    test('a stream-end without response (Python yields nothing) is a StreamEnd with an empty response: the end and its finish_reason are kept', async () => {
      const end = { event_type: 'stream-end', is_finished: true, finish_reason: 'MAX_TOKENS' };
      const items = await lastValueFrom(rig.items(await held(rig.messages([hello, end]))).pipe(toArray()));
      expect(items[1]).toStrictEqual({ is_finished: true, event_type: 'stream-end', index: 1, finish_reason: 'MAX_TOKENS', response: {} });
    });

    test('a known event of the wrong shape is a SchemaError; a member the Python classes read of the wrong type a ModelFieldError', async () => {
      const shape = await outcome(rig.items(await held(rig.messages([hello, { event_type: 'text-generation', text: 5 }]))));
      expect(shape.values).toHaveLength(1);
      expect(shape.error).toBeInstanceOf(SchemaError);
      expect(shape.error).toMatchObject({ eventType: 'text-generation', path: 'text' });
      const calls = { event_type: 'tool-calls-generation', tool_calls: [{ name: 'measure', parameters: {}, generation_id: 7 }] };
      const member = await outcome(rig.items(await held(rig.messages([calls]))));
      expect(member.error).toBeInstanceOf(ModelFieldError);
      expect(member.error).toMatchObject({ model: 'ChatToolCallsGenerationEvent', path: 'tool_calls[0].generation_id' });
    });
  });
}

suite(bedrock);
suite(sagemaker);

describe('streamingChat: the call', () => {
  test('Mode has the Python values', () => {
    expect(Mode).toEqual({ SAGEMAKER: 1, BEDROCK: 2 });
  });

  test('a mode that is not a Mode, and a stream that is not an async iterable, are an InvalidOptionError at the call', () => {
    const events = (async function* () {})();
    expect(() => streamingChat(events, 3 as typeof Mode.BEDROCK)).toThrow(InvalidOptionError);
    expect(() => streamingChat(events, 3 as typeof Mode.BEDROCK)).toThrow(
      /The option mode accepts Mode\.SAGEMAKER \(1\) or Mode\.BEDROCK \(2\), received number 3/,
    );
    const output = { body: events } as unknown as AsyncIterable<object>;
    expect(() => streamingChat(output, Mode.BEDROCK)).toThrow(/The option streamResponse accepts the event stream of the Bedrock output \(output\.body\)/);
  });

  test('no event stream (undefined): no item, and the Observable completes', async () => {
    expect(await outcome(streamingChat(undefined, Mode.SAGEMAKER))).toEqual({ values: [], error: undefined, completed: true });
  });

  test('the overloads pair each event stream with its mode', () => {
    type BedrockBody = InvokeModelWithResponseStreamCommandOutput['body'];
    type SageMakerBody = InvokeEndpointWithResponseStreamCommandOutput['Body'];
    const readers = [
      (body: BedrockBody) => streamingChat(body, Mode.BEDROCK),
      (body: SageMakerBody) => streamingChat(body, Mode.SAGEMAKER),
      // @ts-expect-error a SageMaker event stream is not read as Bedrock's
      (body: SageMakerBody) => streamingChat(body, Mode.BEDROCK),
      // @ts-expect-error a Bedrock event stream is not read as SageMaker's
      (body: BedrockBody) => streamingChat(body, Mode.SAGEMAKER),
    ];
    expect(readers).toHaveLength(4);
  });
});

describe('streamingChat over Bedrock: the SDK and the chunks', () => {
  const bed = useAwsServer('h2c', bedrockClient);

  const held = async (messages: Uint8Array[]) => {
    bed.server.reply(eventStream(messages));
    return (await sendBedrock(bed.client)).body;
  };

  test('an event type the SDK does not know is skipped; bytes that are not UTF-8 are a DecodeError', async () => {
    const brandNew = encodeEventStreamMessage({ ':message-type': 'event', ':event-type': 'brandNewEvent', ':content-type': 'application/json' }, '{"x":1}');
    const items = await lastValueFrom(
      streamingChat(await held([bedrockChunkMessage(hello), brandNew, ...toBedrockMessages([world])]), Mode.BEDROCK).pipe(toArray()),
    );
    expect(items.map((item) => item.index)).toEqual([0, 1]);
    const bad = bedrockPayloadMessage(JSON.stringify({ bytes: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64') }));
    const result = await outcome(streamingChat(await held([bedrockChunkMessage(hello), bad]), Mode.BEDROCK));
    expect(result.values).toHaveLength(1);
    expect(result.error).toMatchObject({ name: 'DecodeError', reason: 'invalid-utf8', frameIndex: 1 });
  });

  test("the SDK's iterator keeps the connection open after return() (3.1164): only the caller's abort closes it", async () => {
    const request = new AbortController();
    bed.server.reply(eventStream(toBedrockMessages([hello, world]), { then: 'stall' }));
    const output = await sendBedrock(bed.client, request.signal);
    const observed = observeReturn(output.body);
    expect(await lastValueFrom(streamingChat(observed.events, Mode.BEDROCK).pipe(take(1), toArray()))).toHaveLength(1);
    expect(observed.returns()).toBe(1);
    await expect(closedWithin(bed.server.requests[0], 300)).rejects.toThrow('the server did not see the close');
    request.abort();
    await closedWithin(bed.server.requests[0]);
  });

  test('fromBedrockResponse and streamingChat share the rule: the output read by one cannot be read by the other', async () => {
    bed.server.reply(eventStream(toBedrockMessages(scenarios.text)));
    const output = await sendBedrock(bed.client);
    expect(await lastValueFrom(fromBedrockResponse(output).pipe(toArray()))).toHaveLength(3);
    expect((await outcome(streamingChat(output.body, Mode.BEDROCK))).error).toBeInstanceOf(ResponseConsumedError);
  });

  fixtureTest('bedrock-command-r-chunk-payloads.jsonl: the recorded payloads become StreamTextGeneration items', async () => {
    const payloads = fixtureText('bedrock-command-r-chunk-payloads.jsonl')
      .split('\n')
      .filter((line) => line.trim() !== '');
    const items = await lastValueFrom(streamingChat(await held(payloads.map(bedrockPayloadMessage)), Mode.BEDROCK).pipe(toArray()));
    expect(items).toStrictEqual([
      { is_finished: false, event_type: 'text-generation', index: 0, text: 'Hello' },
      { is_finished: false, event_type: 'text-generation', index: 1, text: '!' },
    ]);
  });

  fixtureTest('bedrock-command-r-tool-calls-generation.jsonl: a ChatToolCallsGenerationEvent with its ToolCalls', async () => {
    const [chunk] = jsonLines(fixtureText('bedrock-command-r-tool-calls-generation.jsonl'));
    const items = await lastValueFrom(streamingChat(await held([bedrockChunkMessage(chunk ?? {})]), Mode.BEDROCK).pipe(toArray()));
    expect(items).toStrictEqual([
      {
        is_finished: false,
        event_type: 'tool-calls-generation',
        index: 0,
        tool_calls: [{ name: 'realtime_weather____fetchCurrentWeather', parameters: { city: 'Shanghai' } }],
      },
    ]);
  });

  fixtureTest('bedrock-eventstream-modelStreamErrorException.base64.txt: the recorded exception frame after an item', async () => {
    const frame = new Uint8Array(Buffer.from(fixtureText('bedrock-eventstream-modelStreamErrorException.base64.txt').trim(), 'base64'));
    const result = await outcome(streamingChat(await held([bedrockChunkMessage(hello), frame]), Mode.BEDROCK));
    expect(result.values).toHaveLength(1);
    expect(result.error).toBeInstanceOf(AwsStreamError);
    expect(result.error).toMatchObject({
      exceptionType: 'ModelStreamErrorException',
      originalStatusCode: 500,
      originalMessage: 'The model stream failed.',
      framesReceived: 1,
    });
  });
});

describe('streamingChat over SageMaker: payload parts', () => {
  const bed = useAwsServer('http1', sagemakerClient);

  const items = async (messages: Uint8Array[]) => {
    bed.server.reply(eventStream(messages));
    return lastValueFrom(streamingChat((await sendSageMaker(bed.client)).Body, Mode.SAGEMAKER).pipe(toArray()));
  };

  test('parts cut anywhere (every size from 1 byte to the whole stream) give the same items', async () => {
    const documents = [
      { event_type: 'text-generation', is_finished: false, text: 'Grüße 👋' },
      { event_type: 'stream-end', is_finished: true, finish_reason: 'COMPLETE', response: { response_id: 'r', text: 'Grüße 👋' } },
    ];
    const expected = [...streamResponsesFromDicts(documents)];
    const length = new TextEncoder().encode(documents.map((document) => `${JSON.stringify(document)}\n`).join('')).length;
    for (let size = 1; size <= length; size++) expect(await items(toSageMakerMessages(documents, { partSize: size }))).toStrictEqual(expected);
  });

  test('several documents in one part, which Python loses, each become an item', async () => {
    const text = scenarios.everyEvent.map((document) => JSON.stringify(document)).join('\n');
    expect(await items([payloadPartMessage(text)])).toStrictEqual(EVERY_EVENT_ITEMS);
    expect(await items(toSageMakerMessages(scenarios.everyEvent, { partSize: 61 }))).toStrictEqual(EVERY_EVENT_ITEMS);
  });

  const v1Fixtures = fixtureFiles().filter((name) => name.startsWith('v1-chat-'));

  fixtureTest.each(v1Fixtures.length > 0 ? v1Fixtures : ['(none)'])(
    '%s, streamed as SageMaker parts of 50 bytes: the items Python builds from its events',
    async (name) => {
      const events = jsonLines(fixtureText(name));
      expect(await items(toSageMakerMessages(events, { partSize: 50 }))).toStrictEqual([...streamResponsesFromDicts(events)]);
    },
  );
});
