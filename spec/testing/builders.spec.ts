import { from, type Observable } from 'rxjs';
import {
  accumulateChat,
  accumulateGenerate,
  chatV1,
  chatV2,
  collectToolCalls,
  decodeEvents,
  generate,
  jsonFrames,
  sseFrames,
  ToolCallArgumentsError,
  type ChatResponse,
} from '../../lib/index';
import {
  chatOf,
  chatResponseOf,
  chatV1Events,
  chatV2Events,
  DEFAULT_USAGE,
  generateEndOf,
  generateEvents,
  splitEveryByte,
  toBedrockChunks,
  toJsonLines,
  toJsonLinesText,
  toSageMakerParts,
  toSseFrames,
  toSseText,
  chatV2Event,
  withoutEventType,
  type ChatScript,
  type GenerateScript,
  type V1Source,
} from '../../lib/testing/index';
import { fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';
import { settle, type Settled } from '../helpers/settle';

const penguins = { type: 'document', id: 'doc_0', document: { title: 'Penguins', snippet: 'Emperor penguins are the tallest.' } };
const ANSWER = ['The emperor', ' penguin is', ' the tallest.'];
const cited = (placement: ChatScript['citationPlacement']): ChatScript => ({
  id: 'resp-rag',
  text: ANSWER,
  citations: [
    { start: 4, end: 19, text: 'emperor penguin', sources: [penguins] },
    { start: 27, end: 34, text: 'tallest', sources: [penguins, { type: 'tool', id: 'lookup_0:0', tool_output: { height: '1.2 m' } }] },
  ],
  citationPlacement: placement,
});

const SCRIPTS: Readonly<Record<string, ChatScript>> = {
  'plain text, with multi-byte characters': { text: ['Hello', ', wörld 👋'] },
  'thinking, then text': { thinking: ['Let me', ' think.'], text: 'Done.' },
  'a tool plan and two calls, one in explicit fragments': {
    toolPlan: ['I will', ' look it up.'],
    toolCalls: [
      { name: 'weather', arguments: { city: 'Zürich', days: 3 }, fragments: 4 },
      { name: 'time', id: 'call-9', fragments: ['{"tz":', '"CET"}'] },
    ],
  },
  'a call without arguments': { toolCalls: [{ name: 'ping' }] },
  'citations inline': cited('inline'),
  'citations at the end of the block': cited('end-of-block'),
  'citations after the block': cited('after-block'),
  'an error, with its own usage and finish reason': {
    text: 'Par',
    error: 'model overloaded',
    finishReason: 'MAX_TOKENS',
    usage: { tokens: { input_tokens: 3, output_tokens: 1 } },
  },
};

const outcomeOf = <T>(source: Observable<T>): Settled<T> => settle(source);

describe('V2 chat: events, SSE frames, and the ChatResponse they accumulate to', () => {
  test.each(Object.entries(SCRIPTS))(
    '%s: SSE frames through sseFrames, decodeEvents(chatV2) and accumulateChat give chatResponseOf the script',
    (_name, script) => {
      const frames = toSseFrames(chatV2Events(script));
      const expected = { values: [chatResponseOf(script)], error: undefined, completed: true };
      expect(outcomeOf(from(frames).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()))).toEqual(expected);
      expect(outcomeOf(from(splitEveryByte(frames)).pipe(sseFrames(), decodeEvents(chatV2), accumulateChat()))).toEqual(expected);
    },
  );

  test('a plain answer is message-start, one text block, message-end with the default usage', () => {
    expect(chatV2Events({ text: ['Hi', '!'] })).toEqual([
      chatV2Event.start('resp-1'),
      chatV2Event.contentStart(0),
      chatV2Event.text('Hi', 0),
      chatV2Event.text('!', 0),
      chatV2Event.contentEnd(0),
      { type: 'message-end', delta: { finish_reason: 'COMPLETE', usage: DEFAULT_USAGE } },
    ]);
  });

  test('the ChatResponse of a tool turn: the plan, each call with its whole arguments text, finish reason TOOL_CALL', () => {
    const response: ChatResponse = chatResponseOf(SCRIPTS['a tool plan and two calls, one in explicit fragments'] as ChatScript);
    expect(response).toEqual({
      id: 'resp-1',
      finish_reason: 'TOOL_CALL',
      message: {
        role: 'assistant',
        content: [],
        tool_plan: 'I will look it up.',
        tool_calls: [
          { id: 'weather_0', type: 'function', function: { name: 'weather', arguments: '{"city":"Zürich","days":3}' } },
          { id: 'call-9', type: 'function', function: { name: 'time', arguments: '{"tz":"CET"}' } },
        ],
      },
      usage: DEFAULT_USAGE,
    });
    const deltas = chatV2Events(SCRIPTS['a tool plan and two calls, one in explicit fragments'] as ChatScript).filter(
      (event) => event.type === 'tool-call-delta',
    );
    expect(deltas.map((event) => event.index)).toEqual([0, 0, 0, 0, 1, 1]);
  });

  test('collectToolCalls parses the arguments of the scripted calls', () => {
    const { values } = outcomeOf(from(chatV2Events(SCRIPTS['a tool plan and two calls, one in explicit fragments'] as ChatScript)).pipe(collectToolCalls()));
    expect(values.map((call) => [call.name, call.parsed])).toEqual([
      ['weather', { city: 'Zürich', days: 3 }],
      ['time', { tz: 'CET' }],
    ]);
  });

  test('thinking is block 0, text block 1, and citations point at block 1', () => {
    const response = chatResponseOf({ thinking: 'Hmm.', text: 'Yes.', citations: [{ start: 0, end: 3, text: 'Yes' }] });
    expect(response.message.content).toEqual([
      { type: 'thinking', thinking: 'Hmm.' },
      { type: 'text', text: 'Yes.' },
    ]);
    expect(response.message.citations).toEqual([{ start: 0, end: 3, text: 'Yes', sources: [], type: 'TEXT_CONTENT', content_index: 1 }]);
  });

  test.each([
    ['inline', ['content-delta', 'content-delta', 'citation-start', 'citation-end', 'content-delta', 'citation-start', 'citation-end', 'content-end']],
    ['end-of-block', ['content-delta', 'content-delta', 'content-delta', 'citation-start', 'citation-end', 'citation-start', 'citation-end', 'content-end']],
    ['after-block', ['content-delta', 'content-delta', 'content-delta', 'content-end', 'citation-start', 'citation-end', 'citation-start', 'citation-end']],
  ] as const)('citations %s', (placement, order) => {
    const types = chatV2Events(cited(placement)).map((event) => event.type);
    expect(types.slice(2, -1)).toEqual(order);
  });

  test('the error of message-end reaches the ChatResponse', () => {
    expect(chatResponseOf({ text: 'Par', error: 'model overloaded' })).toMatchObject({ finish_reason: 'ERROR', error: 'model overloaded' });
  });

  test('SSE frames are event:, data:, a blank line, then data: [DONE] (or not)', () => {
    expect(toSseFrames([chatV2Event.contentEnd(2)])).toEqual(['event: content-end\ndata: {"type":"content-end","index":2}\n\n', 'data: [DONE]\n\n']);
    expect(toSseText(['{"type":"x"}', 'not json\nsecond line'], { done: false })).toBe('event: x\ndata: {"type":"x"}\n\ndata: not json\ndata: second line\n\n');
  });

  fixtureTest('v2-chat-docs-default.sse: the data of its frames, framed again, is the recording byte for byte', () => {
    const text = fixtureText('v2-chat-docs-default.sse');
    const events = text
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as object);
    expect(toSseText(events, { done: false })).toBe(text);
  });
});

describe.each<V1Source>(['cohere', 'sagemaker', 'bedrock'])('V1 chat from %s: events, JSON lines, and the Chat they accumulate to', (source) => {
  test.each(Object.entries(SCRIPTS))('%s: JSON lines through jsonFrames, decodeEvents(chatV1) and accumulateChat give chatOf the script', (_name, script) => {
    const lines = toJsonLines(chatV1Events(script, { source }));
    const expected = { values: [chatOf(script, { source })], error: undefined, completed: true };
    expect(outcomeOf(from(lines).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()))).toEqual(expected);
    expect(outcomeOf(from(splitEveryByte(lines, 'text')).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat()))).toEqual(expected);
    expect(
      outcomeOf(from(toSageMakerParts(chatV1Events(script, { source }), { partSize: 7 })).pipe(jsonFrames(), decodeEvents(chatV1), accumulateChat())),
    ).toEqual(expected);
  });

  test('the stream starts with stream-start except on Bedrock, and only Bedrock adds the invocation metrics', () => {
    const events = chatV1Events({ text: 'Hi' }, { source });
    expect(events[0]?.event_type).toBe(source === 'bedrock' ? 'text-generation' : 'stream-start');
    expect('amazon-bedrock-invocationMetrics' in (events.at(-1) ?? {})).toBe(source === 'bedrock');
  });
});

describe('V1 chat: what the Chat holds', () => {
  test('a RAG answer: text, citations with document ids, the cited documents once each', () => {
    expect(chatOf(cited('inline'))).toEqual({
      response_id: 'resp-rag',
      generation_id: 'gen-1',
      text: 'The emperor penguin is the tallest.',
      finish_reason: 'COMPLETE',
      citations: [
        { start: 4, end: 19, text: 'emperor penguin', document_ids: ['doc_0'] },
        { start: 27, end: 34, text: 'tallest', document_ids: ['doc_0', 'lookup_0:0'] },
      ],
      documents: [{ id: 'doc_0', title: 'Penguins', snippet: 'Emperor penguins are the tallest.' }],
      meta: { billed_units: DEFAULT_USAGE.billed_units, tokens: DEFAULT_USAGE.tokens, cached_tokens: 1 },
    });
  });

  test('a tool turn: the plan is the text, and the calls carry their parameters', () => {
    expect(chatOf(SCRIPTS['a tool plan and two calls, one in explicit fragments'] as ChatScript, { source: 'bedrock' })).toMatchObject({
      text: 'I will look it up.',
      tool_calls: [
        { name: 'weather', parameters: { city: 'Zürich', days: 3 } },
        { name: 'time', parameters: { tz: 'CET' } },
      ],
      'amazon-bedrock-invocationMetrics': { inputTokenCount: 50, outputTokenCount: 2 },
    });
  });

  test('arguments that are not JSON: the V1 stream fails as a broken call does, and chatOf says so', () => {
    const script: ChatScript = { toolCalls: [{ name: 'search', arguments: '{"q":', fragments: 2 }] };
    const { error } = outcomeOf(from(chatV1Events(script)).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(ToolCallArgumentsError);
    expect(() => chatOf(script)).toThrow(SyntaxError);
    expect(outcomeOf(from(chatV2Events(script)).pipe(accumulateChat())).values).toEqual([chatResponseOf(script)]);
  });

  fixtureTest('v1-chat-basic.jsonl and v1-chat-tool-calls.jsonl: their documents, as JSON lines again, are the recordings byte for byte', () => {
    const basic = fixtureText('v1-chat-basic.jsonl');
    expect(toJsonLinesText(jsonLines(basic))).toBe(basic);
    const toolCalls = fixtureText('v1-chat-tool-calls.jsonl');
    expect(toJsonLinesText(jsonLines(toolCalls), { finalNewline: false })).toBe(toolCalls);
  });
});

describe('generate: events, JSON lines, and the GenerateStreamEnd they accumulate to', () => {
  const scripts: Readonly<Record<string, GenerateScript>> = {
    'one generation': { prompt: 'Tell a story', generations: [['Once', ' upon', ' a time']] },
    'three interleaved, one failing': {
      id: 'g-3',
      generations: [['A', 'a'], { text: ['B'], error: 'overloaded' }, { text: 'C', id: 'own-id', finishReason: 'MAX_TOKENS' }],
    },
    'two in sequence': { generations: [['x', 'y'], ['z']], order: 'sequential' },
    'a generation that fails before any text': { generations: ['ok', { text: '', error: 'refused' }] },
  };

  test.each(Object.entries(scripts))('%s: accumulateGenerate gives generateEndOf the script, with and without event_type', (_name, script) => {
    const expected = { values: [generateEndOf(script)], error: undefined, completed: true };
    const lines = toJsonLines(generateEvents(script));
    expect(outcomeOf(from(lines).pipe(jsonFrames(), decodeEvents(generate), accumulateGenerate()))).toEqual(expected);
    const legacy = toBedrockChunks(withoutEventType(generateEvents(script, { source: 'bedrock' })));
    expect(legacy.some((chunk) => chunk.includes('event_type'))).toBe(false);
    expect(outcomeOf(from(legacy).pipe(decodeEvents(generate), accumulateGenerate()))).toEqual(expected);
  });

  test('interleaved: one piece of each generation in turn, with its index; a failure right after its last piece', () => {
    const events = generateEvents(scripts['three interleaved, one failing'] as GenerateScript);
    expect(events.map((event) => [event.event_type, event.index, 'text' in event ? event.text : undefined])).toEqual([
      ['text-generation', 0, 'A'],
      ['text-generation', 1, 'B'],
      ['stream-error', 1, undefined],
      ['text-generation', 2, 'C'],
      ['text-generation', 0, 'a'],
      ['stream-end', undefined, undefined],
    ]);
    expect(generateEndOf(scripts['three interleaved, one failing'] as GenerateScript)).toEqual({
      id: 'g-3',
      generations: [
        { id: 'g-3-0', index: 0, text: 'Aa', finish_reason: 'COMPLETE' },
        { id: 'g-3-1', index: 1, text: 'B', finish_reason: 'ERROR', err: 'overloaded' },
        { id: 'own-id', index: 2, text: 'C', finish_reason: 'MAX_TOKENS' },
      ],
    });
  });

  test('a single generation has no index', () => {
    expect(generateEvents({ generations: ['Hi'] })[0]).toEqual({ event_type: 'text-generation', text: 'Hi', is_finished: false });
  });
});
