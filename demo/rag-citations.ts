/**
 * Scene: a retrieval-augmented answer, then its citations shown against the text and its
 * sources.
 *
 * @module
 */
import { chatStream, citedSegments, type CitedSegment, type Citation } from '../lib/index';
import { chatResponseOf, chatV2Events, sseStream } from '../lib/testing/index';
import { chatShownLive, type Scene } from './scene';
import { CHAT_MODEL, PENGUIN_RAG } from './scripts';
import { printQuestion, printResponseSummary, startAnswer } from './summaries';
import { INDENT, type Terminal } from './terminal';

/** The answer with each cited span underlined (on a terminal) and followed by its citations' numbers where they end. */
function printCitedText(terminal: Terminal, segments: readonly CitedSegment<Citation>[], numbers: ReadonlyMap<Citation, number>): void {
  const { paint } = terminal;
  startAnswer(terminal, 'cited');
  segments.forEach((segment, at) => {
    terminal.flow(segment.citations.length === 0 ? segment.text : segment.text.replace(/\S+/g, (word) => paint.underline(word)));
    const next = segments[at + 1];
    for (const citation of segment.citations) {
      if (next?.citations.includes(citation) !== true) terminal.flow(paint.yellow(`[${numbers.get(citation) ?? '?'}]`));
    }
  });
  terminal.line();
}

/** One line per citation: its number, span text and offsets, and the documents it comes from. */
function printCitations(terminal: Terminal, citations: readonly Citation[]): void {
  const { paint } = terminal;
  citations.forEach((citation, number) => {
    const sources = (citation.sources ?? []).map((source) => `${source.id ?? '?'} ${paint.dim(`"${String(source.document?.['title'] ?? '')}"`)}`);
    terminal.line(
      `${INDENT}${paint.yellow(`[${number + 1}]`.padEnd(5))}"${citation.text ?? ''}" ${paint.dim(`(${citation.start}–${citation.end})`)}  ← ${sources.join(', ')}`,
    );
  });
}

/**
 * The RAG scene: a V2 chat grounded on three documents; the answer streams, then is cut by
 * `citedSegments()` and shown with its cited spans marked, and each citation's text, offsets (in
 * code points, as Cohere counts them: the answer's emoji put them behind JavaScript's indices)
 * and source documents. Checked: the text, the number of citations, each span (offsets, text,
 * sources), that the segments make up the answer and that each citation covers its own text.
 */
export const ragCitations: Scene = {
  name: 'rag-citations',
  title: 'RAG: an answer with its citations',
  pipeline: 'chatStream(body with documents).pipe(share()) → textDeltas() as it streams, accumulateChat(), then citedSegments(response)',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, documents, script } = PENGUIN_RAG;
    server.reply(sseStream(chatV2Events(script), { gapMs: Math.round(gapMs / 2) }));
    printQuestion(terminal, question);
    terminal.field('documents', documents.map((document) => `${document.id} "${document.data.title}"`).join(', '));
    startAnswer(terminal);
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }], documents: [...documents] };
    const { final: response, live: pieces } = await chatShownLive(chatStream(body, cohere), terminal);
    const citations = [...(response.message.citations ?? [])].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    const segments = citedSegments(response);
    terminal.line();
    printCitedText(terminal, segments, new Map(citations.map((citation, number) => [citation, number + 1])));
    printCitations(terminal, citations);
    const cited = new Set(citations.flatMap((citation) => (citation.sources ?? []).map((source) => source.id)));
    const uncited = documents.filter((document) => !cited.has(document.id)).map((document) => document.id);
    terminal.field('not cited', uncited.length === 0 ? '—' : uncited.join(', '));
    printResponseSummary(terminal, response);

    checks.equal('streamed text', pieces.join(''), script.text.join(''));
    checks.equal('number of citations', citations.length, script.citations.length);
    checks.equal(
      'citation spans and sources',
      citations.map(({ start, end, text: quote, sources }) => ({ start, end, text: quote, sources: sources?.map((source) => source.id) })),
      script.citations.map(({ start, end, text: quote, sources }) => ({ start, end, text: quote, sources: sources?.map((source) => source.id) })),
    );
    checks.equal('segments make up the answer', segments.map((segment) => segment.text).join(''), script.text.join(''));
    checks.equal(
      'each citation covers its own text',
      citations.map((citation) =>
        segments
          .filter((segment) => segment.citations.includes(citation))
          .map((segment) => segment.text)
          .join(''),
      ),
      citations.map((citation) => citation.text),
    );
    checks.equal('ChatResponse', response, chatResponseOf(script));
  },
};
