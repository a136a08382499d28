import fc from 'fast-check';
import { from, lastValueFrom } from 'rxjs';
import {
  accumulateChat,
  chatV1,
  chatV2,
  citedSegments,
  decodeEvents,
  type ChatCitation,
  type ChatResponse,
  type Citation,
  type CitedSegment,
} from '../../lib/index';
import { chatOf, chatV1Events, chatV2Events } from '../../lib/testing/index';
import { fixtureTest, fixtureText, jsonLines } from '../helpers/fixtures';

/** A citation of `quote` (its first occurrence in `text`), with code-point offsets as Cohere counts them. */
function cite(text: string, quote: string, extra: Partial<Citation> = {}): Citation {
  const at = text.indexOf(quote);
  if (at < 0) throw new RangeError(`"${quote}" is not in the text`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(quote).length, text: quote, ...extra };
}

/** The segments as [text, the numbers of their citations] pairs. */
function shown<C>(segments: readonly CitedSegment<C>[], citations: readonly C[]): [string, number[]][] {
  return segments.map((segment) => [segment.text, segment.citations.map((citation) => citations.indexOf(citation) + 1)]);
}

/** Every citation's segments, joined: its text when it is placed where it says. */
function citedTexts<C>(segments: readonly CitedSegment<C>[], citations: readonly C[]): string[] {
  return citations.map((citation) =>
    segments
      .filter((segment) => segment.citations.includes(citation))
      .map((segment) => segment.text)
      .join(''),
  );
}

describe('citedSegments', () => {
  test('cuts a text at its cited spans, uncited runs included, whatever order the citations come in', () => {
    const text = 'Emperor penguins are the tallest. They breed on sea ice.';
    const citations = [cite(text, 'on sea ice'), cite(text, 'Emperor penguins'), cite(text, 'the tallest')];
    const segments = citedSegments(text, citations);
    expect(shown(segments, citations)).toEqual([
      ['Emperor penguins', [2]],
      [' are ', []],
      ['the tallest', [3]],
      ['. They breed ', []],
      ['on sea ice', [1]],
      ['.', []],
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(segments.map(({ start, end }) => [start, end])).toEqual([
      [0, 16],
      [16, 21],
      [21, 32],
      [32, 45],
      [45, 55],
      [55, 56],
    ]);
    expect(segments.every((segment) => segment.contentIndex === 0 && segment.contentType === 'text')).toBe(true);
  });

  test('overlapping and nested citations: each segment lists every citation covering it, in the order given', () => {
    const text = 'abcdefghijklmnopqrst';
    const outer: Citation = { start: 0, end: 20, text };
    const left: Citation = { start: 2, end: 10, text: 'cdefghij' };
    const right: Citation = { start: 6, end: 14, text: 'ghijklmn' };
    const inner: Citation = { start: 7, end: 8, text: 'h' };
    const citations = [right, outer, inner, left];
    expect(shown(citedSegments(text, citations), citations)).toEqual([
      ['ab', [2]],
      ['cdef', [2, 4]],
      ['g', [1, 2, 4]],
      ['h', [1, 2, 3, 4]],
      ['ij', [1, 2, 4]],
      ['klmn', [1, 2]],
      ['opqrst', [2]],
    ]);
  });

  test('emoji and combining characters before and inside cited spans: the spans are where the API meant them', () => {
    const text = 'Penguins 🐧 live on sea ice 🧊🌊. Their cre\u0300che is 👩‍👩‍👧 a nursery; re\u0301sume\u0301: 👍🏽 tall.';
    const quotes = ['sea ice 🧊🌊', 'cre\u0300che is 👩‍👩‍👧', 're\u0301sume\u0301: 👍🏽', 'tall.'];
    const citations = quotes.map((quote) => cite(text, quote));
    // The offsets the API sends are smaller than JavaScript's indices after each astral character.
    expect(citations.map((citation) => citation.start)).not.toEqual(quotes.map((quote) => text.indexOf(quote)));
    const segments = citedSegments(text, citations);
    expect(citedTexts(segments, citations)).toEqual(quotes);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
    expect(shown(segments, citations)[0]).toEqual(['Penguins 🐧 live on ', []]);
  });

  test('a citation whose offsets disagree with its text is placed at its text; one that cannot be placed covers nothing', () => {
    const text = 'Le café est servi chaud.';
    const shifted: Citation = { start: 14, end: 25, text: 'servi chaud' };
    const lost: Citation = { start: 90, end: 95, text: 'glacé' };
    const empty: Citation = { start: 3, end: 3, text: '' };
    const citations = [shifted, lost, empty];
    expect(shown(citedSegments(text, citations), citations)).toEqual([
      ['Le café est ', []],
      ['servi chaud', [1]],
      ['.', []],
    ]);
  });

  test('several content blocks: each citation in the block its content_index names; plan citations in none', () => {
    const thinking = 'The user asks 🤔 about penguins.';
    const answer = 'They are 🐧 tall.';
    const inThinking = cite(thinking, 'about penguins', { content_index: 0, type: 'THINKING_CONTENT' });
    const inAnswer = cite(answer, 'tall', { content_index: 1, type: 'TEXT_CONTENT' });
    const ofPlan = cite(answer, 'They', { content_index: 1, type: 'PLAN' });
    const nowhere = cite(answer, 'are', { content_index: 7 });
    const citations = [inAnswer, ofPlan, inThinking, nowhere];
    const content: ChatResponse['message']['content'] = [
      { type: 'thinking', thinking },
      { type: 'text', text: answer },
    ];
    const segments = citedSegments(content, citations);
    expect(
      segments.map(({ text, contentIndex, contentType, citations: cited }) => [contentIndex, contentType, text, cited.map((c) => citations.indexOf(c) + 1)]),
    ).toEqual([
      [0, 'thinking', 'The user asks 🤔 ', []],
      [0, 'thinking', 'about penguins', [3]],
      [0, 'thinking', '.', []],
      [1, 'text', 'They are 🐧 ', []],
      [1, 'text', 'tall', [1]],
      [1, 'text', '.', []],
    ]);
    const response: ChatResponse = { id: 'r', finish_reason: 'COMPLETE', message: { role: 'assistant', content, citations } };
    expect(citedSegments(response)).toEqual(segments);
    // A snapshot's holes (a block or citation whose index has not arrived) are skipped.
    expect(citedSegments([undefined, { type: 'text', text: answer }], [undefined, inAnswer])).toEqual(segments.slice(3));
    expect(citedSegments(null, citations)).toEqual([]);
    expect(citedSegments('', citations)).toEqual([]);
  });

  test('sources come along: a segment leads to the documents and tool results it cites', () => {
    const text = 'It is 24°C in Lisbon and 🌧️ 18°C in Porto.';
    const lisbon = cite(text, '24°C', { sources: [{ type: 'tool', id: 'get_weather_1:0', tool_output: { temperature: '24°C' } }] });
    const porto = cite(text, '18°C', { sources: [{ type: 'document', id: 'doc_0', document: { title: 'Porto' } }] });
    const cited = citedSegments(text, [lisbon, porto]).filter((segment) => segment.citations.length > 0);
    expect(cited.map((segment) => [segment.text, segment.citations[0]?.sources?.[0]?.id])).toEqual([
      ['24°C', 'get_weather_1:0'],
      ['18°C', 'doc_0'],
    ]);
    expect(cited[0]?.citations[0]).toBe(lisbon);
  });

  test('V2 and V1 responses assembled from streams: the same segments from the response as from its text', async () => {
    const text = ['Emperor', ' penguins', ' 🐧 are', ' the', ' tallest', ' penguins.'];
    const answer = text.join('');
    const citations = [cite(answer, 'the tallest penguins', { sources: [{ type: 'document', id: 'doc_0', document: { title: 'Tall' } }] })];
    const script = {
      text,
      citations: citations.map(({ start, end, text: cited, sources }) => ({ start: start ?? 0, end: end ?? 0, text: cited ?? '', sources: sources ?? [] })),
    };
    const v2 = await lastValueFrom(from(chatV2Events(script)).pipe(decodeEvents(chatV2), accumulateChat()));
    expect(citedSegments(v2).map((segment) => segment.text)).toEqual(['Emperor penguins 🐧 are ', 'the tallest penguins', '.']);
    const v1 = await lastValueFrom(from(chatV1Events(script)).pipe(decodeEvents(chatV1), accumulateChat()));
    expect(v1).toEqual(chatOf(script));
    expect(citedSegments(v1).map((segment) => [segment.text, segment.citations.map((citation: ChatCitation) => citation.document_ids)])).toEqual([
      ['Emperor penguins 🐧 are ', []],
      ['the tallest penguins', [['doc_0']]],
      ['.', []],
    ]);
    expect(citedSegments(v1)).toEqual(citedSegments(v1.text ?? '', v1.citations));
  });

  fixtureTest('the recorded streams: every citation covers exactly its text', async () => {
    for (const name of ['v2-chat-citations.jsonl', 'v2-chat-docs-rag-citations.jsonl', 'v2-chat-docs-tool-results-citations.jsonl']) {
      const response = await lastValueFrom(from(jsonLines(fixtureText(name))).pipe(decodeEvents(chatV2), accumulateChat()));
      const citations = response.message.citations ?? [];
      expect(citations.length).toBeGreaterThan(0);
      expect(citedTexts(citedSegments(response), citations)).toEqual(citations.map((citation) => citation.text));
    }
    const v1 = await lastValueFrom(from(jsonLines(fixtureText('v1-chat-docs-rag.jsonl'))).pipe(decodeEvents(chatV1), accumulateChat()));
    expect(citedTexts(citedSegments(v1), v1.citations ?? [])).toEqual((v1.citations ?? []).map((citation) => citation.text));
  });

  test('property: for any text and any code-point spans, the segments join to the text and each citation covers exactly its own', () => {
    const text = fc
      .array(fc.constantFrom('a', 'b', ' ', 'é', 'e\u0301', '漢', '𠀀', '🐧', '👍🏽', '👩‍👩‍👧', '\ufffd'), { maxLength: 40 })
      .map((units) => units.join(''));
    fc.assert(
      fc.property(
        text.chain((value) => {
          const count = Array.from(value).length;
          const span = fc.tuple(fc.nat(count), fc.nat(count)).map(([a, b]): readonly [number, number] => (a <= b ? [a, b] : [b, a]));
          return fc.tuple(fc.constant(value), fc.array(span, { maxLength: 6 }));
        }),
        ([value, spans]) => {
          const points = Array.from(value);
          const citations: Citation[] = spans.map(([start, end]) => ({ start, end, text: points.slice(start, end).join('') }));
          const segments = citedSegments(value, citations);
          expect(segments.map((segment) => segment.text).join('')).toBe(value);
          expect(segments.every((segment, i) => segment.text !== '' && segment.start === (segments[i - 1]?.end ?? 0))).toBe(true);
          const placed = citedTexts(segments, citations);
          citations.forEach((citation, i) => {
            // A citation whose text occurs earlier too is still placed by its own offsets.
            const start = Array.from(value)
              .slice(0, citation.start ?? 0)
              .join('').length;
            expect(placed[i]).toBe(citation.text);
            for (const segment of segments) {
              const inside = segment.start >= start && segment.end <= start + (citation.text ?? '').length;
              expect(segment.citations.includes(citation)).toBe(inside && citation.text !== '');
            }
          });
        },
      ),
    );
  });
});
