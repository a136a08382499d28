/**
 * The SSE framer against an independent reading of the standard: eventsource-parser, on random
 * event streams cut into random pieces. Both must give the same event data, in the same order.
 */
import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { createSseFramer } from '../../lib/framing/sse-framer';

/** A line of an event stream that the standard handles without an error of ours. */
const lineArb = fc.oneof(
  fc.string({ maxLength: 12 }).map((text) => `data: ${JSON.stringify({ text })}`),
  fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', ' ', ':', 'é', '\u{1F600}') }).map((text) => `data:${text}`),
  fc.constant('data'),
  fc.constant('data:'),
  fc.constant(': keep-alive'),
  fc.constantFrom('event: message', 'event: stream-start', 'id: 7', 'retry: 1000', 'x-unknown: 1'),
  fc.constant(''),
);

/** A whole stream: lines, each with one of the three line endings, closed by a blank line. */
const streamArb = fc
  .array(fc.tuple(lineArb, fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 30 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((ending) => lines.map(([line, eol]) => line + eol).join('') + ending + ending));

/** Cuts a text at the given positions. */
function cut(text: string, positions: readonly number[]): string[] {
  const points = [...new Set(positions)].filter((p) => p > 0 && p < text.length).sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of points) {
    pieces.push(text.slice(start, point));
    start = point;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** The data of each event, as eventsource-parser reads the whole text. */
function standardData(text: string): string[] {
  const data: string[] = [];
  const parser = createParser({ onEvent: (event) => data.push(event.data) });
  parser.feed(text);
  return data;
}

/** The data of each event, as our framer reads the pieces. */
function ourData(pieces: readonly string[]): string[] {
  const framer = createSseFramer();
  const data = pieces.flatMap((piece) => framer.feed(piece));
  data.push(...framer.end());
  expect(framer.error).toBeUndefined();
  return data;
}

describe('the SSE framer and the standard', () => {
  test('give the same event data for random streams in random pieces', () => {
    fc.assert(
      fc.property(streamArb, fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (text, positions) => {
        // eventsource-parser dispatches events with empty data too; ours skips them, as a
        // browser's EventSource does.
        expect(ourData(cut(text, positions))).toEqual(standardData(text).filter((data) => data !== ''));
      }),
      { numRuns: 400 },
    );
  });

  test('a CR at the end of one piece and an LF at the start of the next are one line ending', () => {
    expect(ourData(['data: 1\r', '\ndata: 2\r', '\n\r', '\n'])).toEqual(['1\n2']);
  });
});
