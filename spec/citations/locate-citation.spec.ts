import fc from 'fast-check';
import { locateCitation, type CitationOffsets } from '../../lib/index';

/** A citation of `text` by code points `start` to `end`, as Cohere counts them. */
function citeByCodePoints(text: string, start: number, end: number): CitationOffsets {
  return { start, end, text: Array.from(text).slice(start, end).join('') };
}

/** What a location selects of the text. */
const selected = (text: string, citation: CitationOffsets) => {
  const location = locateCitation(text, citation);
  return location && { text: text.slice(location.start, location.end), match: location.match };
};

describe('locateCitation', () => {
  test('reads the offsets as Unicode code points: an emoji before the span counts one, not two', () => {
    const text = 'Penguins 🐧 breed on sea ice.';
    expect(locateCitation(text, { start: 20, end: 27, text: 'sea ice' })).toEqual({ start: 21, end: 28, match: 'offsets' });
    // Cohere's own parser example (cohere-ai/melody): "emoji: 🌈" at 18–26 of its thinking text.
    expect(selected('This is a rainbow emoji: 🌈', { start: 18, end: 26, text: 'emoji: 🌈' })).toEqual({ text: 'emoji: 🌈', match: 'offsets' });
    // And the melody test of a multibyte span: "foo🌈" at 6–10 of "hello🌈foo🌈.".
    expect(selected('hello🌈foo🌈.', { start: 6, end: 10, text: 'foo🌈' })).toEqual({ text: 'foo🌈', match: 'offsets' });
  });

  test('emoji sequences, skin tones and combining characters before and inside a span', () => {
    const text = 'Family 👩‍👩‍👧 said 👍🏽 to cafe\u0301 cre\u0300me, then 🐧 re\u0301sume\u0301 👩‍👩‍👧 ok.';
    for (const quote of ['cafe\u0301 cre\u0300me', 're\u0301sume\u0301 👩‍👩‍👧', '👍🏽 to', 'ok.', 'Family 👩‍👩‍👧']) {
      const points = Array.from(text);
      const start = Array.from(text.slice(0, text.indexOf(quote))).length;
      const citation = citeByCodePoints(text, start, start + Array.from(quote).length);
      expect(citation.text).toBe(quote);
      expect(points.length).toBeLessThan(text.length);
      expect(selected(text, citation)).toEqual({ text: quote, match: 'offsets' });
    }
  });

  test('offsets counted in UTF-16 code units still place the span, said so', () => {
    const text = 'Lisbon ☀️🌡️ 24°C today.';
    const start = text.indexOf('24°C');
    expect(locateCitation(text, { start, end: start + 4, text: '24°C' })).toEqual({ start, end: start + 4, match: 'utf-16-offsets' });
  });

  test('offsets that disagree with the text: the occurrence of the text nearest to them', () => {
    // The Go parser counts a buffered piece in bytes: "é" before the span shifts it by one.
    const text = 'Le café est servi chaud. Le thé est servi chaud aussi.';
    expect(locateCitation(text, { start: 14, end: 25, text: 'servi chaud' })).toEqual({ start: 12, end: 23, match: 'text' });
    expect(locateCitation(text, { start: 38, end: 49, text: 'servi chaud' })).toEqual({ start: 36, end: 47, match: 'text' });
    expect(locateCitation(text, { start: 10_000, end: 10_011, text: 'servi chaud' })).toEqual({ start: 36, end: 47, match: 'text' });
    expect(locateCitation(text, { text: 'servi chaud' })).toEqual({ start: 12, end: 23, match: 'text' });
  });

  test('a text nowhere to be found (U+FFFD in fast mode) or no text at all: the offsets, unverified', () => {
    const streamed = 'Die L\ufffd\ufffdsung ist gut.';
    expect(locateCitation(streamed, { start: 4, end: 10, text: 'Lösung' })).toEqual({ start: 4, end: 10, match: 'unverified' });
    expect(locateCitation('a 🐧 b c', { start: 4, end: 5 })).toEqual({ start: 5, end: 6, match: 'unverified' });
    expect(locateCitation('Penguins breed.', { start: 0, end: 4, text: 'krill' })).toEqual({ start: 0, end: 4, match: 'unverified' });
  });

  test('nothing to place it by: no location', () => {
    const text = 'Penguins breed on sea ice.';
    for (const citation of [
      {},
      { start: 3 },
      { start: -1, end: 4 },
      { start: 5, end: 2 },
      { start: 1.5, end: 4 },
      { start: Number.NaN, end: 4 },
      { start: 2 ** 53, end: 2 ** 53 + 2 },
      { start: 20, end: 99 },
      { start: 20, end: 99, text: 'krill' },
      { start: null, end: null, text: '' },
    ] satisfies CitationOffsets[]) {
      expect(locateCitation(text, citation)).toBeUndefined();
    }
    expect(locateCitation(text, { start: 20, end: 99, text: 'sea ice' })).toEqual({ start: 18, end: 25, match: 'text' });
  });

  test('an empty citation at a position stands there', () => {
    expect(locateCitation('🐧 ab', { start: 2, end: 2, text: '' })).toEqual({ start: 3, end: 3, match: 'offsets' });
  });

  test('property: any span by code points of any text is placed at its text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(), fc.nat(), (text, a, b) => {
        const count = Array.from(text).length;
        const [start, end] = [a % (count + 1), b % (count + 1)].sort((x, y) => x - y) as [number, number];
        const citation = citeByCodePoints(text, start, end);
        const location = locateCitation(text, citation);
        expect(location && text.slice(location.start, location.end)).toBe(citation.text);
        expect(location?.match).toBe('offsets');
      }),
    );
  });
});
