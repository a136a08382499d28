import fc from 'fast-check';
import type { JsonObject } from '../../lib/decoding/schemas/shared';
import { parsePartialToolArguments } from '../../lib/accumulate/partial-json';
import { parseToolArguments } from '../../lib/accumulate/tool-call-arguments';
import { fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';
import { expectPlainProto, expectUnpolluted } from '../helpers/pollution';

/** The call the full parses are made for (parseToolArguments names it in its errors). */
const call = { toolName: 'get_weather', index: 2, id: 'get_weather_p1t92w7gfgq7' };

/**
 * Whether `partial` can still become `full`: its strings are beginnings of `full`'s, its
 * arrays and objects hold a part of `full`'s members, and everything else is equal.
 */
function canBecome(partial: unknown, full: unknown): boolean {
  if (typeof partial === 'string') return typeof full === 'string' && full.startsWith(partial);
  if (Array.isArray(partial)) {
    return Array.isArray(full) && partial.length <= full.length && partial.every((item, i) => canBecome(item, full[i]));
  }
  if (partial !== null && typeof partial === 'object') {
    if (full === null || typeof full !== 'object' || Array.isArray(full)) return false;
    return Object.entries(partial).every(([key, value]) => Object.hasOwn(full, key) && canBecome(value, (full as JsonObject)[key]));
  }
  return Object.is(partial, full);
}

/** Every prefix of `text` parses partially without throwing, into something that can become the full parse. */
function expectEveryPrefix(text: string): void {
  const full = parseToolArguments(text, call);
  for (let end = 0; end <= text.length; end++) {
    const partial = parsePartialToolArguments(text.slice(0, end));
    if (partial !== undefined && !canBecome(partial, full)) throw new Error(`prefix ${JSON.stringify(text.slice(0, end))} gave ${JSON.stringify(partial)}`);
  }
  if (text.trim() !== '') expect(parsePartialToolArguments(text)).toEqual(full);
}

/** The arguments text of each tool call of a recorded V2 stream, joined from its events without the library. */
function recordedArguments(name: string): string[] {
  const text = fixtureText(name);
  const events = name.endsWith('.sse')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>)
    : jsonLines(text);
  const texts: string[] = [];
  for (const event of events) {
    const fn = (event['delta'] as { message?: { tool_calls?: { function?: { arguments?: string } } } } | undefined)?.message?.tool_calls?.function;
    const index = event['index'] as number;
    if (event['type'] === 'tool-call-start') texts[index] = fn?.arguments ?? '';
    if (event['type'] === 'tool-call-delta') texts[index] += fn?.arguments ?? '';
  }
  return texts;
}

const TOOL_FIXTURES = ['v2-chat-tools.jsonl', 'v2-chat-docs-tool-calls.jsonl', 'v2-chat-docs-tools.sse', 'v2-chat-tool-call-no-args.jsonl'];

describe('parsePartialToolArguments', () => {
  test.each<[string, JsonObject | undefined]>([
    ['', undefined],
    ['  ', undefined],
    ['{', {}],
    ['{"loc', {}],
    ['{"location"', {}],
    ['{"location":', {}],
    ['{"location": "', { location: '' }],
    ['{"location": "Mad', { location: 'Mad' }],
    ['{"location": "Madrid"', { location: 'Madrid' }],
    ['{"location": "Madrid",', { location: 'Madrid' }],
    ['{"location": "Madrid", "da', { location: 'Madrid' }],
    ['{"location": "Madrid"}', { location: 'Madrid' }],
  ])('closes an open string and object, and drops an incomplete key: %j', (text, expected) => {
    expect(parsePartialToolArguments(text)).toEqual(expected);
  });

  test.each<[string, JsonObject]>([
    ['{"q": "a\\', { q: 'a' }],
    ['{"q": "a\\n', { q: 'a\n' }],
    ['{"q": "a\\u00', { q: 'a' }],
    ['{"q": "a\\u00e9', { q: 'aé' }],
    ['{"q": "a\\"b', { q: 'a"b' }],
    ['{"q": "}]\\",{', { q: '}]",{' }],
  ])('an escape sequence cut short is dropped, and brackets inside strings are text: %j', (text, expected) => {
    expect(parsePartialToolArguments(text)).toEqual(expected);
  });

  test.each<[string, JsonObject]>([
    ['{"n": 12', {}],
    ['{"n": -', {}],
    ['{"n": 1.5e', {}],
    ['{"n": 12 ', { n: 12 }],
    ['{"n": 12,', { n: 12 }],
    ['{"ok": tr', {}],
    ['{"ok": true', { ok: true }],
    ['{"ok": fals', {}],
    ['{"v": null', { v: null }],
  ])('a number at the end (it may go on) and a literal cut short are dropped: %j', (text, expected) => {
    expect(parsePartialToolArguments(text)).toEqual(expected);
  });

  test.each<[string, JsonObject]>([
    ['{"ids": [', { ids: [] }],
    ['{"ids": [1, 2', { ids: [1] }],
    ['{"ids": [1, 2,', { ids: [1, 2] }],
    ['{"a": {"b": [{"c": "x', { a: { b: [{ c: 'x' }] } }],
    ['{"a": {"b": [{"c": "x"}], "d"', { a: { b: [{ c: 'x' }] } }],
    ['{"a": {}, "b": []', { a: {}, b: [] }],
  ])('closes open arrays and nested objects: %j', (text, expected) => {
    expect(parsePartialToolArguments(text)).toEqual(expected);
  });

  test.each(['[1', '"text', '42', 'x', '{"a" 1', '{"a": 1 2', '{1', '{"a": x', '{"a": [1 2', '{"a": 1} trailing', '{"a": 1}}', '{"a": 01}'])(
    'is undefined for text that is not the beginning of an object: %j',
    (text) => {
      expect(parsePartialToolArguments(text)).toBeUndefined();
    },
  );

  fixtureTest('every prefix of the recorded arguments parses without throwing, into part of the full parse, ending equal to it', () => {
    const texts = TOOL_FIXTURES.flatMap(recordedArguments);
    expect(texts).toEqual(expect.arrayContaining(['{"location": "San Francisco"}', '{\n    "location": "Madrid"\n}', '{"day": "2023-09-29"}', '']));
    for (const text of texts) expectEveryPrefix(text);
  });

  test('every prefix of any JSON object, compact or indented, parses into part of the full parse (fast-check)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'a"b', 'é\\n'));
    const value = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ maxLength: 8, unit: 'binary' }),
        fc.integer(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(key, tie('value'), { maxKeys: 3 }),
      ),
    })).value;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 5 }), fc.constantFrom(undefined, 2, 4, '\t'), (object, indent) => {
        const text = JSON.stringify(object, null, indent);
        expectEveryPrefix(text);
        expect(parsePartialToolArguments(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
    expectUnpolluted();
  });

  describe('"__proto__" members', () => {
    const text = '{"__proto__":{"polluted":true},"nested":{"deeper":[{"__proto__":{"polluted":1}}],"__proto__":null}}';

    test('stay plain data while the text streams, and the whole text parses as parseToolArguments does', () => {
      for (let end = 1; end <= text.length; end++) parsePartialToolArguments(text.slice(0, end));
      const partial = parsePartialToolArguments('{"__proto__":{"polluted":true},"nested":{"__proto__":{"x":"ab');
      expectPlainProto(partial, { polluted: true });
      expectPlainProto(partial?.['nested'], { x: 'ab' });
      expect(parsePartialToolArguments(text)).toEqual(parseToolArguments(text, call));
      expectUnpolluted();
    });
  });
});
