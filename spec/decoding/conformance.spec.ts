import { chatV1, chatV2 } from '../../lib/index';
import { fixtureFiles, fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';
import { decodeChunks, NOT_EVENT_STREAMS, wireCases, type WireCase } from '../helpers/wire-cases';

const cases = wireCases();
const byName = (name: string): WireCase => {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no wire case ${name}`);
  return found;
};
/** The events of a whole recorded stream, in one chunk. */
const decodeWhole = (name: string): object[] => decodeChunks(byName(name), [byName(name).bytes]);
const typesOf = (events: object[]) => events.map((e) => (e as { type?: string; event_type?: string }).type ?? (e as { event_type?: string }).event_type);

describe('conformance with the recorded Cohere streams', () => {
  fixtureTest('every fixture file is either an event stream decoded here or covered elsewhere', () => {
    const covered = new Set([...cases.map((c) => c.name.replace(/ as SSE$/, '')), ...Object.keys(NOT_EVENT_STREAMS)]);
    expect(fixtureFiles().filter((name) => !covered.has(name))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  if (cases.length > 0) {
    describe.each(cases.map((c) => [c.name, c] as const))('%s', (_name, wireCase) => {
      test('decodes with zero errors and zero unknown events, in the order the wire has them', () => {
        const unknown: (string | undefined)[] = [];
        const events = decodeChunks(wireCase, [wireCase.bytes], (type) => unknown.push(type));
        expect(unknown).toEqual([]);
        expect(typesOf(events)).toEqual(wireCase.expectedTypes);
        expect(events.length).toBeGreaterThan(0);
      });

      // The Bedrock files are excerpts of a few chunks, and the interrupted stream was cut on purpose.
      const excerpt = wireCase.name.startsWith('bedrock-') || wireCase.name.includes('interrupted');
      test(excerpt ? 'is an excerpt without a terminal event' : "ends with its family's terminal event", () => {
        const types = typesOf(decodeChunks(wireCase, [wireCase.bytes]));
        const terminal = wireCase.protocol === chatV2 ? 'message-end' : 'stream-end';
        if (excerpt) expect(types).not.toContain(terminal);
        else expect(types.at(-1)).toBe(terminal);
        if (wireCase.protocol === chatV2) expect(types[0]).toBe('message-start');
      });
    });
  }

  fixtureTest('the V2 tool stream has two parallel calls and finishes with TOOL_CALL', () => {
    const events = decodeWhole('v2-chat-tools.jsonl as SSE');
    const starts = events.filter((e) => (e as { type: string }).type === 'tool-call-start') as {
      index: number;
      delta: { message: { tool_calls: { id: string } } };
    }[];
    expect(starts.map((e) => e.index)).toEqual([0, 1]);
    expect(starts[0]?.delta.message.tool_calls.id).toMatch(/^weather_/);
    expect(events.at(-1)).toMatchObject({ type: 'message-end', delta: { finish_reason: 'TOOL_CALL', usage: { cached_tokens: 1504 } } });
  });

  fixtureTest('thinking and text blocks keep their content types and indexes', () => {
    const events = decodeWhole('v2-chat-thinking.jsonl');
    const starts = events.filter((e) => (e as { type: string }).type === 'content-start');
    expect(starts).toMatchObject([
      { index: 0, delta: { message: { content: { type: 'thinking' } } } },
      { index: 1, delta: { message: { content: { type: 'text' } } } },
    ]);
  });

  fixtureTest('content events without an index decode (the index is read as 0 downstream)', () => {
    const events = decodeWhole('v2-chat-docs-image-no-index.sse');
    expect(events.filter((e) => (e as { type: string }).type === 'content-delta').every((e) => !('index' in e))).toBe(true);
  });

  fixtureTest('V1 unicode text decodes to exactly the recorded characters', () => {
    const events = decodeWhole('v1-chat-unicode.jsonl') as { event_type: string; text?: string }[];
    const expected = jsonLines(fixtureText('v1-chat-unicode.jsonl'))
      .filter((l) => l['event_type'] === 'text-generation')
      .map((l) => l['text'])
      .join('');
    expect(
      events
        .filter((e) => e.event_type === 'text-generation')
        .map((e) => e.text)
        .join(''),
    ).toBe(expected);
    expect(expected).toMatch(/星期/);
  });

  fixtureTest('the V1 tool-call stream has no trailing newline and still ends with stream-end', () => {
    const wireCase = byName('v1-chat-tool-calls.jsonl');
    expect(wireCase.bytes.at(-1)).not.toBe(0x0a);
    const events = decodeChunks(wireCase, [wireCase.bytes]);
    expect(events.at(-1)).toMatchObject({ event_type: 'stream-end', response: { tool_calls: [expect.objectContaining({ name: expect.any(String) })] } });
  });

  fixtureTest('the interrupted V1 stream decodes cleanly and simply has no stream-end', () => {
    const events = decodeWhole('v1-chat-interrupted.jsonl');
    expect(typesOf(events)).not.toContain('stream-end');
  });

  fixtureTest('Bedrock chunk payloads unwrap to the recorded Command R events, with no stream-start', () => {
    const wireCase = byName('bedrock-command-r-chunk-payloads.jsonl');
    const events = decodeChunks(wireCase, [wireCase.bytes]);
    const decoded = jsonLines(fixtureText('bedrock-command-r-chunks-decoded.jsonl'));
    expect(events).toEqual(decoded);
    expect(typesOf(events)[0]).toBe('text-generation');
    expect(wireCase.protocol).toBe(chatV1);
  });

  fixtureTest('generate chunks of two generations keep their index, and stream-end carries both', () => {
    const events = decodeWhole('generate-multi-excerpt.jsonl');
    expect(events).toMatchObject([
      { event_type: 'text-generation', index: 0 },
      { event_type: 'text-generation', index: 1 },
      { event_type: 'stream-end', response: { generations: [{ index: 0 }, { index: 1 }] } },
    ]);
  });
});
