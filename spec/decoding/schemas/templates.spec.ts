/**
 * The frame templates read the hot frames without `JSON.parse`: for every frame they accept,
 * the event is exactly what `JSON.parse` gives (members, values, order) and its schema accepts
 * it; every frame that differs from a template in any way is left to `JSON.parse`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { readTemplated, type FrameTemplate } from '../../../lib/decoding/frame-templates';
import { chatV1Templates, chatV2Templates, generateTemplates } from '../../../lib/decoding/schemas/templates';
import { chatV1, chatV2, createEventDecoder, DecodeError, generate, type Protocol } from '../../../lib/index';

const families: [string, Protocol<object>, readonly FrameTemplate<object>[]][] = [
  ['chatV2', chatV2, chatV2Templates],
  ['chatV1', chatV1, chatV1Templates],
  ['generate', generate, generateTemplates],
];

/** Strings of every kind: quotes, backslashes, control characters, surrogates alone and in pairs. */
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0000', '\u001f', 'a', ' ', '\ud83d', '\ude00', 'é') }),
);
/** Indices around every limit the template has. */
const index = fc.oneof(fc.nat(20), fc.constantFrom(999_999_999, 1_000_000_000, 2 ** 53, -1, 1.5, 1e21));

/** The canonical text of each template's event, as `JSON.stringify` writes it. */
const canonical = (template: FrameTemplate<object>, i: number, t: string) => JSON.stringify(template.build(i, t));

/** Characters an edit puts in: raw control characters, JSON's punctuation, digits, letters. */
const editChar = fc.constantFrom('\u0000', '\u001f', '\n', '"', '\\', '0', '7', '-', '.', 'e', ' ', 'x', '}', ',');

/** Edits a frame: a character dropped, doubled, changed or inserted. */
const edited = (frame: string) =>
  fc.tuple(fc.nat(frame.length), fc.constantFrom('drop', 'double', 'insert', 'replace'), editChar).map(([at, how, char]) => {
    if (how === 'drop') return frame.slice(0, at) + frame.slice(at + 1);
    if (how === 'double') return frame.slice(0, at) + frame.slice(at, at + 1) + frame.slice(at);
    if (how === 'insert') return frame.slice(0, at) + char + frame.slice(at);
    return frame.slice(0, at) + char + frame.slice(at + 1);
  });

/** `JSON.parse` of a frame, or `undefined` when it is not JSON. */
const parsed = (frame: string): unknown => {
  try {
    return JSON.parse(frame);
  } catch {
    return undefined;
  }
};

describe.each(families)('the %s templates', (_, protocol, templates) => {
  it.each(templates.map((template) => [template.parts.join('…'), template]))(
    'read the frames of %s as JSON.parse does, and any other frame not at all',
    (__, template) => {
      const frames = fc.tuple(index, text).chain(([i, t]) => {
        const frame = canonical(template, i, t);
        return fc.oneof(fc.constant(frame), edited(frame));
      });
      fc.assert(
        fc.property(frames, (frame) => {
          const event = readTemplated(frame, templates);
          if (event === undefined) return;
          // Same members, same values, same order: the text JSON.stringify writes is the same.
          expect(JSON.stringify(event)).toBe(JSON.stringify(parsed(frame)));
          expect(event).toEqual(parsed(frame));
          const type = protocol.eventType(event as Record<string, unknown>) ?? '';
          expect(protocol.schemas[type]?.safeParse(event).success).toBe(true);
        }),
        { numRuns: 5000 },
      );
    },
  );

  it('read every canonical frame with a small index, whatever its text', () => {
    fc.assert(
      fc.property(fc.nat(999_999_999), fc.string({ unit: 'binary' }), (i, t) => {
        for (const template of templates) {
          const frame = canonical(template, i, t);
          expect(readTemplated(frame, templates)).toEqual(JSON.parse(frame));
        }
      }),
    );
  });
});

describe('a frame a template would read', () => {
  const frame = '{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}';

  it('is still refused above maxFrameSize', () => {
    const decode = createEventDecoder(chatV2, { maxFrameSize: frame.length - 1 });
    expect(() => decode(frame)).toThrow(/longer than|maxFrameSize/);
  });

  it('with a raw control character in its string is still a DecodeError, as JSON.parse says', () => {
    const decode = createEventDecoder(chatV2);
    expect(() => decode(frame.replace('Hi', 'H\ti'))).toThrow(DecodeError);
  });

  it('with a large index is left to the schema, which bounds it', () => {
    const decode = createEventDecoder(chatV2);
    expect(() => decode(frame.replace('"index":0', '"index":-1'))).toThrow(/index/);
    expect(decode(frame.replace('"index":0', '"index":9007199254740991'))).toMatchObject({ index: 9007199254740991 });
  });

  it('opens an attempt when it is the first frame of a decoder', () => {
    const decode = createEventDecoder(chatV2);
    const first = decode(frame) as object;
    const second = decode(frame) as object;
    expect(Object.getOwnPropertySymbols(first)).toHaveLength(1);
    expect(Object.getOwnPropertySymbols(second)).toHaveLength(0);
  });
});

describe('a text delta a template read', () => {
  // In a fresh process with gc exposed: 100 deltas of 30 characters, each frame cut from its own
  // 1 MiB chunk, are kept; a string that were a view of its chunk would keep 100 MiB alive.
  const script = `
    const { chatV2, createEventDecoder } = require('./lib/index');
    const decode = createEventDecoder(chatV2);
    const kept = [];
    for (let i = 0; i < 100; i++) {
      const frame = '{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"' + 'abcdefghijklmnopqrstuvwxyz' + (1000 + i) + '"}}}}';
      const chunk = frame + ' '.repeat(1 << 20);
      kept.push(decode(chunk.slice(0, frame.length)).delta.message.content.text);
    }
    global.gc();
    console.log(JSON.stringify({ heapUsed: process.memoryUsage().heapUsed, kept: kept.length }));
  `;

  it('does not keep the chunk its frame was cut from alive', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', '-e', script], {
      cwd: join(__dirname, '..', '..', '..'),
    });
    const { heapUsed, kept } = JSON.parse(stdout) as { heapUsed: number; kept: number };
    expect(kept).toBe(100);
    expect(heapUsed).toBeLessThan(40 * 2 ** 20);
  });
});
