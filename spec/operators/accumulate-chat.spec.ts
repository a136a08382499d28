import { concat, from, lastValueFrom, Observable, of, scan, Subject, throwError, type ObservableInput } from 'rxjs';
import {
  accumulateChat,
  ConnectionError,
  DecodeError,
  emptyChatSnapshot,
  emptyChatV1Snapshot,
  FinishReasonError,
  IncompleteStreamError,
  InvalidOptionError,
  reduceChat,
  reduceChatV1,
  SchemaError,
  StreamOrderError,
  TextMismatchError,
  ToolCallArgumentsError,
  type Chat,
  type ChatEvent,
  type ChatResponse,
  type ChatSnapshot,
  type ChatV1Event,
  type ChatV1Snapshot,
  type ChatV2Event,
  type FoldOptions,
  type UnknownEvent,
} from '../../lib/index';
import { chatV1Event, chatV2Event } from '../../lib/testing/index';
import { marbleChecklist, operatorChecklist } from '../helpers/checklist';
import { createScheduler } from '../helpers/marbles';
import { settle } from '../helpers/settle';

const accumulate = (events: ObservableInput<ChatEvent | UnknownEvent>, options?: FoldOptions) => settle(from(events).pipe(accumulateChat(options)));
const finalOf = <T>(events: readonly ChatEvent[], options?: FoldOptions): T => {
  const { values, error } = accumulate(events, options);
  if (error !== undefined) throw error;
  expect(values).toHaveLength(1);
  return values[0] as T;
};
const usage = { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 50, output_tokens: 2 }, cached_tokens: 1 };
const doc = (id: string) => ({ type: 'document', id, document: { id, text: `text of ${id}` } });

describe('accumulateChat', () => {
  describe('marble checklist', () => {
    const events = {
      s: chatV2Event.start(),
      a: chatV2Event.contentStart(),
      b: chatV2Event.text('Hel'),
      c: chatV2Event.text('lo'),
      d: chatV2Event.contentEnd(),
      e: chatV2Event.end(),
    };
    const hello: ChatResponse = { id: 'resp-1', finish_reason: 'COMPLETE', message: { role: 'assistant', content: [{ type: 'text', text: 'Hello' }] }, usage };

    test('emits the final value when the terminal event arrives, completes with the source', () => {
      createScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-s-a-b-c-d-e--|', events);
        expectObservable(source.pipe(accumulateChat())).toBe('-----------x--|', { x: hello });
        expectSubscriptions(source.subscriptions).toBe('^-------------!');
      });
    });

    marbleChecklist<ChatEvent, Chat | ChatResponse>({
      operator: () => accumulateChat(),
      values: events,
      error: { source: '-s-a-#', expected: '-----#', error: new Error('socket') },
      empty: {
        is: 'is an IncompleteStreamError with no partial value',
        cases: [
          {
            source: '---|',
            expected: '---#',
            error: new IncompleteStreamError({
              protocol: 'chatV2 or chatV1',
              expected: 'message-end" or "stream-end',
              partial: undefined,
              lastEvent: undefined,
              eventCount: 0,
            }),
          },
        ],
      },
      never: [{ source: '-s-a-b-', expected: '-------' }],
      unsubscribe: { source: '-s-a-b-c-d-e-|', at: '^---!', expected: '-----' },
    });

    test('an error thrown by the reducer is an error notification', () => {
      createScheduler().run(({ cold, expectObservable }) => {
        const error = new StreamOrderError({
          protocol: 'chatV2',
          reason: 'not-started',
          eventType: 'content-delta',
          index: 0,
          expected: 'a "content-start" with index 0 first',
          partial: reduceChat(emptyChatSnapshot, events.s),
        });
        expectObservable(cold('-s-b-c-|', events).pipe(accumulateChat())).toBe('---#', undefined, error);
      });
    });

    operatorChecklist(
      () => accumulateChat(),
      () => chatV1Event.end(),
      chatV2Event.contentEnd(3),
      { take: 1, sent: 1 },
    );
  });

  describe('V2 chat: ChatResponse', () => {
    test('a RAG answer keeps citations placed between deltas, after the last delta and after content-end', () => {
      const response = finalOf<ChatResponse>([
        chatV2Event.start(),
        chatV2Event.contentStart(),
        chatV2Event.text('Emperor penguins'),
        chatV2Event.citation(0, { start: 0, end: 16, text: 'Emperor penguins', sources: [doc('doc:0')], content_index: 0, type: 'TEXT_CONTENT' }),
        chatV2Event.citationEnd(0),
        chatV2Event.text(' are the tallest'),
        chatV2Event.citation(1, { start: 21, end: 32, text: 'the tallest', sources: [doc('doc:1')], content_index: 0 }),
        chatV2Event.citationEnd(1),
        chatV2Event.contentEnd(),
        chatV2Event.citation(2, { start: 0, end: 32, text: 'Emperor penguins are the tallest', sources: [doc('doc:0'), doc('doc:1')], content_index: 0 }),
        chatV2Event.citationEnd(2),
        chatV2Event.end(),
      ]);
      expect(response.message.content).toEqual([{ type: 'text', text: 'Emperor penguins are the tallest' }]);
      expect(response.message.citations?.map((c) => [c.text, c.content_index, c.sources?.map((s) => s.id)])).toEqual([
        ['Emperor penguins', 0, ['doc:0']],
        ['the tallest', 0, ['doc:1']],
        ['Emperor penguins are the tallest', 0, ['doc:0', 'doc:1']],
      ]);
      for (const c of response.message.citations ?? []) expect(c.text).toBe('Emperor penguins are the tallest'.slice(c.start ?? 0, c.end ?? 0));
    });

    test('parallel tool calls keep pretty-printed and compact argument fragments whole, with the plan', () => {
      const response = finalOf<ChatResponse>([
        chatV2Event.start(),
        chatV2Event.plan('I will check '),
        chatV2Event.plan('the weather.'),
        chatV2Event.callStart(0, 'get_weather_a1', 'get_weather'),
        chatV2Event.args(0, '{\n    "'),
        chatV2Event.args(0, 'location'),
        chatV2Event.args(0, '": "Toronto"\n}'),
        chatV2Event.callEnd(0),
        chatV2Event.callStart(1, 'get_weather_b2', 'get_weather'),
        chatV2Event.args(1, '{"'),
        chatV2Event.args(1, 'location":"Paris'),
        chatV2Event.args(1, '"}'),
        chatV2Event.callEnd(1),
        chatV2Event.callStart(2, 'list_files_c3', 'list_files'),
        chatV2Event.callEnd(2),
        chatV2Event.end('TOOL_CALL'),
      ]);
      expect(response.finish_reason).toBe('TOOL_CALL');
      expect(response.message.tool_plan).toBe('I will check the weather.');
      expect(response.message.tool_calls).toEqual([
        { id: 'get_weather_a1', type: 'function', function: { name: 'get_weather', arguments: '{\n    "location": "Toronto"\n}' } },
        { id: 'get_weather_b2', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
        { id: 'list_files_c3', type: 'function', function: { name: 'list_files', arguments: '' } },
      ]);
      expect(response.message.content).toEqual([]);
    });

    test('thinking and text blocks stay apart, in index order', () => {
      const response = finalOf<ChatResponse>([
        chatV2Event.start(),
        chatV2Event.contentStart(0, 'thinking'),
        chatV2Event.thinking('The user', 0),
        chatV2Event.thinking(' greets me.', 0),
        chatV2Event.contentEnd(0),
        chatV2Event.contentStart(1),
        chatV2Event.text('Hi', 1),
        chatV2Event.text('!', 1),
        chatV2Event.contentEnd(1),
        chatV2Event.end(),
      ]);
      expect(response.message.content).toEqual([
        { type: 'thinking', thinking: 'The user greets me.' },
        { type: 'text', text: 'Hi!' },
      ]);
    });

    test("a missing index is 0; logprobs, usage and message-end errors are kept (modelErrors: 'emit')", () => {
      const events: ChatV2Event[] = [
        chatV2Event.start(),
        { type: 'content-start', delta: { message: { content: { type: 'text', text: '' } } } },
        { type: 'content-delta', delta: { message: { content: { text: 'A' } } }, logprobs: { text: 'A', token_ids: [1], logprobs: [-0.1] } },
        { type: 'content-delta', delta: { message: { content: { text: 'B' } } }, logprobs: { text: 'B', token_ids: [2], logprobs: [-0.2] } },
        { type: 'content-end' },
        { type: 'message-end', delta: { finish_reason: 'ERROR', error: 'generation failed', usage } },
      ];
      expect(finalOf<ChatResponse>(events, { modelErrors: 'emit' })).toEqual({
        id: 'resp-1',
        finish_reason: 'ERROR',
        message: { role: 'assistant', content: [{ type: 'text', text: 'AB' }] },
        usage,
        logprobs: [
          { text: 'A', token_ids: [1], logprobs: [-0.1] },
          { text: 'B', token_ids: [2], logprobs: [-0.2] },
        ],
        error: 'generation failed',
      });
    });

    test('a message-end whose finish reason says the model failed is a FinishReasonError holding the response (the default)', () => {
      const events: ChatV2Event[] = [
        chatV2Event.start(),
        chatV2Event.contentStart(0),
        chatV2Event.text('Partial'),
        { type: 'message-end', delta: { finish_reason: 'ERROR', error: 'internal error', usage } },
      ];
      const { values, error } = accumulate(events);
      expect(values).toEqual([]);
      expect(error).toBeInstanceOf(FinishReasonError);
      expect(error).toMatchObject({ protocol: 'chatV2', finishReason: 'ERROR', modelMessage: 'internal error' });
      expect((error as FinishReasonError<ChatResponse>).response).toMatchObject({
        finish_reason: 'ERROR',
        message: { content: [{ type: 'text', text: 'Partial' }] },
      });
      expect(finalOf<ChatResponse>([...events.slice(0, 3), { type: 'message-end', delta: { finish_reason: 'MAX_TOKENS', usage } }]).finish_reason).toBe(
        'MAX_TOKENS',
      );
    });

    test("a V1 stream-end with ERROR_TOXIC or ERROR_LIMIT is a FinishReasonError holding the Chat; modelErrors: 'emit' gives the Chat", () => {
      for (const finish_reason of ['ERROR', 'ERROR_TOXIC', 'ERROR_LIMIT', 'TIMEOUT']) {
        const events: ChatV1Event[] = [chatV1Event.start(), chatV1Event.text('Hi'), chatV1Event.end(undefined, { finish_reason })];
        const { error } = accumulate(events);
        expect(error).toBeInstanceOf(FinishReasonError);
        expect(error).toMatchObject({ protocol: 'chatV1', finishReason: finish_reason, response: { text: 'Hi', finish_reason } });
        expect(finalOf<Chat>(events, { modelErrors: 'emit' })).toMatchObject({ text: 'Hi', finish_reason });
      }
    });

    test('modelErrors accepts only "error" or "emit", when the operator is created', () => {
      expect(() => accumulateChat({ modelErrors: 'value' as 'emit' })).toThrow(InvalidOptionError);
    });

    test('skips unknown and debug events', () => {
      const unknown: UnknownEvent = { unknown: true, eventType: 'brand-new', frame: { type: 'brand-new' }, frameIndex: 1 };
      const { values } = accumulate([
        chatV2Event.start(),
        unknown,
        { type: 'debug', prompt: 'p' },
        chatV2Event.contentStart(),
        chatV2Event.text('x'),
        chatV2Event.end(),
      ]);
      expect((values[0] as ChatResponse).message.content).toEqual([{ type: 'text', text: 'x' }]);
    });

    test('the type follows the events: ChatResponse for V2, Chat for V1', () => {
      const response: Observable<ChatResponse> = of<ChatV2Event>().pipe(accumulateChat());
      const chat: Observable<Chat> = of<ChatV1Event | UnknownEvent>().pipe(accumulateChat());
      expect([response, chat]).toHaveLength(2);
    });
  });

  describe('V1 chat and AWS: Chat', () => {
    test('stream-end with a response is the source of truth, checked against the deltas', () => {
      const response = {
        response_id: 'r-1',
        generation_id: 'gen-1',
        text: 'Hello!',
        finish_reason: 'COMPLETE',
        conversation_id: 'c',
        meta: { billed_units: { output_tokens: 2 } },
        chat_history: [{ role: 'CHATBOT', message: 'Hello!' }],
      };
      expect(finalOf<Chat>([chatV1Event.start(), chatV1Event.text('Hello'), chatV1Event.text('!'), chatV1Event.end(response)])).toEqual({
        response_id: 'r-1',
        generation_id: 'gen-1',
        text: 'Hello!',
        finish_reason: 'COMPLETE',
        meta: { billed_units: { output_tokens: 2 } },
        chat_history: [{ role: 'CHATBOT', message: 'Hello!' }],
      });
    });

    test('a response whose text differs from the deltas is a TextMismatchError', () => {
      const { error } = accumulate([chatV1Event.start(), chatV1Event.text('Hello'), chatV1Event.end({ response_id: 'r', text: 'Hello!' })]);
      expect(error).toBeInstanceOf(TextMismatchError);
      expect(error).toMatchObject({ protocol: 'chatV1', offset: 5, streamed: 'Hello', final: 'Hello!' });
    });

    test('without a response (AWS), the value is built from the events, with the invocation metrics', () => {
      const metrics = { inputTokenCount: 12, outputTokenCount: 3, invocationLatency: 321, firstByteLatency: 123 };
      const chat = finalOf<Chat>([
        { event_type: 'search-queries-generation', is_finished: false, search_queries: [{ text: 'penguins', generation_id: 'g' }] },
        { event_type: 'search-results', is_finished: false, search_results: [{ document_ids: ['d0'] }], documents: [{ id: 'd0', snippet: 's' }] },
        chatV1Event.text('Tall '),
        chatV1Event.text('birds'),
        { event_type: 'citation-generation', is_finished: false, citations: [{ start: 0, end: 4, text: 'Tall', document_ids: ['d0'] }] },
        { event_type: 'citation-generation', is_finished: false, citations: [{ start: 5, end: 10, text: 'birds', document_ids: ['d0'] }] },
        chatV1Event.end(undefined, { 'amazon-bedrock-invocationMetrics': metrics }),
      ]);
      expect(chat).toEqual({
        response_id: '',
        text: 'Tall birds',
        finish_reason: 'COMPLETE',
        search_queries: [{ text: 'penguins', generation_id: 'g' }],
        search_results: [{ document_ids: ['d0'] }],
        documents: [{ id: 'd0', snippet: 's' }],
        citations: [
          { start: 0, end: 4, text: 'Tall', document_ids: ['d0'] },
          { start: 5, end: 10, text: 'birds', document_ids: ['d0'] },
        ],
        'amazon-bedrock-invocationMetrics': metrics,
      });
    });

    test('tool calls: tool-calls-generation wins over chunks, chunks alone are parsed, the plan is the text', () => {
      const chunks: ChatV1Event[] = [
        { event_type: 'tool-calls-chunk', is_finished: false, text: 'I will search.' },
        { event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { index: 0, name: 'search' } },
        { event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { index: 0, parameters: '{"query":' } },
        { event_type: 'tool-calls-chunk', is_finished: false, tool_call_delta: { index: 0, parameters: '"penguins"}' } },
      ];
      const generation: ChatV1Event = {
        event_type: 'tool-calls-generation',
        is_finished: false,
        text: 'I will search.',
        tool_calls: [{ name: 'search', parameters: { query: 'penguins' } }],
      };
      const expected = {
        response_id: '',
        text: 'I will search.',
        finish_reason: 'COMPLETE',
        tool_calls: [{ name: 'search', parameters: { query: 'penguins' } }],
      };
      expect(finalOf<Chat>([...chunks, chatV1Event.end()])).toEqual(expected);
      expect(finalOf<Chat>([...chunks, generation, chatV1Event.end()])).toEqual(expected);
      const { error } = accumulate([...chunks.slice(0, 3), chatV1Event.end()]);
      expect(error).toBeInstanceOf(ToolCallArgumentsError);
      expect(error).toMatchObject({ toolName: 'search', index: 0, arguments: '{"query":' });
    });

    test('is_finished: true on any event is terminal', () => {
      expect(finalOf<Chat>([chatV1Event.text('a'), { event_type: 'text-generation', is_finished: true, text: 'b' }])).toEqual({ response_id: '', text: 'ab' });
    });
  });

  describe('incomplete and out-of-order streams', () => {
    const incomplete = (events: readonly ChatEvent[]) => {
      const { error } = accumulate(events);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      return error as IncompleteStreamError<ChatSnapshot & ChatV1Snapshot>;
    };

    test.each([
      ['after message-start', [chatV2Event.start()], ''],
      ['inside a text block', [chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel')], 'Hel'],
      ['after content-end', [chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hello'), chatV2Event.contentEnd()], 'Hello'],
      ['inside a citation', [chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hi'), chatV2Event.citation(0, { text: 'Hi' })], 'Hi'],
    ])('V2 cut %s keeps the partial text and the last event', (_name, events, text) => {
      const error = incomplete(events);
      expect(error).toMatchObject({ protocol: 'chatV2', expected: 'message-end', eventCount: events.length, lastEvent: events.at(-1) });
      const block = error.partial.message.content[0];
      expect(block?.type === 'text' ? block.text : '').toBe(text);
    });

    test('V2 cut inside a tool call keeps the arguments so far', () => {
      const error = incomplete([chatV2Event.start(), chatV2Event.plan('plan'), chatV2Event.callStart(0, 'id0', 'f'), chatV2Event.args(0, '{"a":')]);
      expect(error.partial.message.tool_plan).toBe('plan');
      expect(error.partial.message.tool_calls[0]?.function?.arguments).toBe('{"a":');
    });

    test('V1 cut before stream-end keeps the partial text', () => {
      const error = incomplete([chatV1Event.start(), chatV1Event.text('Hel'), chatV1Event.text('lo')]);
      expect(error).toMatchObject({ protocol: 'chatV1', expected: 'stream-end', eventCount: 3, lastEvent: chatV1Event.text('lo') });
      expect(error.partial.text).toBe('Hello');
      expect(error.partial.generation_id).toBe('gen-1');
    });

    test.each([
      ['a content-delta', chatV2Event.text('x', 1), 'content-delta'],
      ['a content-end', chatV2Event.contentEnd(1), 'content-end'],
      ['a tool-call-delta', chatV2Event.args(1, '{}'), 'tool-call-delta'],
      ['a tool-call-end', chatV2Event.callEnd(1), 'tool-call-end'],
    ])('%s before its start is a StreamOrderError', (_name, event, eventType) => {
      const { error } = accumulate([chatV2Event.start(), chatV2Event.contentStart(0), event, chatV2Event.end()]);
      expect(error).toBeInstanceOf(StreamOrderError);
      expect(error).toMatchObject({ reason: 'not-started', eventType, index: 1 });
    });

    test('an event after the terminal one is a StreamOrderError, after the value was emitted', () => {
      const v2Result = accumulate([chatV2Event.start(), chatV2Event.end(), chatV2Event.contentStart()]);
      expect(v2Result.values).toHaveLength(1);
      expect(v2Result.error).toMatchObject({ name: 'StreamOrderError', reason: 'after-terminal', eventType: 'content-start', protocol: 'chatV2' });
      const v1Result = accumulate([chatV1Event.text('a'), chatV1Event.end(), chatV1Event.text('b')]);
      expect(v1Result.values).toHaveLength(1);
      expect(v1Result.error).toMatchObject({ name: 'StreamOrderError', reason: 'after-terminal', eventType: 'text-generation', protocol: 'chatV1' });
    });

    test('an interruption after events (a dropped connection, a cut frame) is an IncompleteStreamError caused by it', () => {
      const dropped = new ConnectionError({ endpoint: 'v2/chat', framesReceived: 3, cause: new Error('socket hang up') });
      const cut = new DecodeError({ message: 'cut', reason: 'truncated', frame: '{"type":"content-del' });
      for (const cause of [dropped, cut]) {
        const events = concat(
          of(chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel')),
          throwError(() => cause),
        );
        const { error } = settle(events.pipe(accumulateChat()));
        expect(error).toBeInstanceOf(IncompleteStreamError);
        expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toEqual({ type: 'text', text: 'Hel' });
        expect((error as Error).cause).toBe(cause);
      }
    });

    test('a malformed frame or an event of the wrong shape after events keeps the partial answer, the error as cause', () => {
      const malformed = new DecodeError({ message: 'bad', reason: 'invalid-json', frame: '{' });
      const wrongShape = new SchemaError({ protocol: 'chatV2', eventType: 'content-delta', issues: [], frame: '{}', frameIndex: 3 });
      for (const failure of [malformed, wrongShape]) {
        const { error } = settle(
          concat(
            of(chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hel')),
            throwError(() => failure),
          ).pipe(accumulateChat()),
        );
        expect(error).toBeInstanceOf(IncompleteStreamError);
        expect(error).toMatchObject({ protocol: 'chatV2', expected: 'message-end', eventCount: 3 });
        expect((error as IncompleteStreamError<ChatSnapshot>).partial.message.content[0]).toEqual({ type: 'text', text: 'Hel' });
        expect((error as Error).cause).toBe(failure);
      }
    });

    test("a failure before any event, and errors that are not the stream's, pass through as they are", () => {
      const refused = new ConnectionError({ endpoint: 'v2/chat', framesReceived: 0, cause: new Error('ECONNREFUSED') });
      expect(settle(throwError(() => refused).pipe(accumulateChat())).error).toBe(refused);
      const malformed = new DecodeError({ message: 'bad', reason: 'invalid-json', frame: '{' });
      expect(settle(throwError(() => malformed).pipe(accumulateChat())).error).toBe(malformed);
      const bug = new TypeError('a bug upstream');
      expect(
        settle(
          concat(
            of(chatV2Event.start()),
            throwError(() => bug),
          ).pipe(accumulateChat()),
        ).error,
      ).toBe(bug);
    });

    test('a terminal event of the other family does not end a stream: it is ignored like an unknown event', () => {
      const { values, error } = accumulate([chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Hi'), chatV1Event.end()]);
      expect(values).toEqual([]);
      expect(error).toBeInstanceOf(IncompleteStreamError);
      expect(error).toMatchObject({ protocol: 'chatV2', expected: 'message-end' });
    });

    test('an interruption after the terminal event completes: the answer was already whole', () => {
      const dropped = new ConnectionError({ endpoint: 'v2/chat', framesReceived: 5, cause: new Error('socket hang up') });
      const { values, error, completed } = settle(
        concat(
          of(chatV2Event.start(), chatV2Event.end()),
          throwError(() => dropped),
        ).pipe(accumulateChat()),
      );
      expect(values).toHaveLength(1);
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
    });

    test('a source error after the terminal event still errors', async () => {
      await expect(
        lastValueFrom(
          new Observable<ChatEvent>((s) => (s.next(chatV2Event.start()), s.next(chatV2Event.end()), s.error(new Error('late')))).pipe(accumulateChat()),
        ),
      ).rejects.toThrow('late');
      expect(settle(throwError(() => new Error('x')).pipe(accumulateChat())).error).toEqual(new Error('x'));
    });
  });

  describe('the reducers are pure', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const member of Object.values(value)) deepFreeze(member);
      }
      return value;
    };

    test('reduceChat never changes an earlier snapshot and can branch from one', () => {
      const events = [
        chatV2Event.start(),
        chatV2Event.contentStart(),
        chatV2Event.text('a'),
        chatV2Event.callStart(0, 'i', 'f'),
        chatV2Event.args(0, '{}'),
        chatV2Event.citation(0, { text: 'a' }),
        chatV2Event.end(),
      ];
      const snapshots: ChatSnapshot[] = [];
      events.reduce((snapshot, event) => {
        const next = deepFreeze(reduceChat(snapshot, event));
        snapshots.push(next);
        return next;
      }, deepFreeze(emptyChatSnapshot));
      const copies = JSON.stringify(snapshots);
      const branch = reduceChat(snapshots[2] as ChatSnapshot, chatV2Event.text('b'));
      expect(JSON.stringify(snapshots)).toBe(copies);
      expect(branch.message.content[0]).toEqual({ type: 'text', text: 'ab' });
      expect(snapshots[1]?.message.content[0]).toEqual({ type: 'text', text: '' });
    });

    test('accumulateChat keeps nothing between subscriptions and leaves the shared seed untouched', () => {
      const seed = JSON.stringify(emptyChatSnapshot);
      const operator = accumulateChat<ChatV2Event>();
      const first = new Subject<ChatV2Event>();
      const second = new Subject<ChatV2Event>();
      const results: ChatResponse[] = [];
      first.pipe(operator).subscribe((value) => results.push(value));
      second.pipe(operator).subscribe((value) => results.push(value));
      for (const subject of [first, second]) subject.next(chatV2Event.start(subject === first ? 'one' : 'two'));
      for (const subject of [first, second]) subject.next(chatV2Event.contentStart());
      first.next(chatV2Event.text('A'));
      second.next(chatV2Event.text('B'));
      first.next(chatV2Event.callStart(0, 'c1', 'f'));
      second.next(chatV2Event.callStart(0, 'c2', 'g'));
      first.next(chatV2Event.args(0, '{"a":'));
      second.next(chatV2Event.args(0, '{"b":'));
      first.next(chatV2Event.args(0, '1}'));
      second.next(chatV2Event.args(0, '2}'));
      for (const subject of [first, second]) subject.next(chatV2Event.end());
      expect(results.map((r) => [r.id, r.message.content, r.message.tool_calls?.[0]?.function])).toEqual([
        ['one', [{ type: 'text', text: 'A' }], { name: 'f', arguments: '{"a":1}' }],
        ['two', [{ type: 'text', text: 'B' }], { name: 'g', arguments: '{"b":2}' }],
      ]);
      expect(JSON.stringify(emptyChatSnapshot)).toBe(seed);
    });

    test('reduceChatV1 never changes an earlier snapshot', () => {
      const events: ChatV1Event[] = [
        chatV1Event.start(),
        chatV1Event.text('a'),
        { event_type: 'citation-generation', citations: [{ text: 'a' }] },
        { event_type: 'tool-calls-chunk', tool_call_delta: { index: 0, name: 'f', parameters: '{' } },
        chatV1Event.end(),
      ];
      const seen = from(events).pipe(scan((s, e) => deepFreeze(reduceChatV1(s, e)), deepFreeze(emptyChatV1Snapshot)));
      const { values } = settle(seen);
      expect(values.map((s) => s.text)).toEqual(['', 'a', 'a', 'a', 'a']);
      expect(values.map((s) => s.citations.length)).toEqual([0, 0, 1, 1, 1]);
    });
  });
});
