/**
 * Scene: a retrieval-augmented answer, then its citations shown against the text and its
 * sources.
 *
 * @module
 */
import { chatStream, type Citation } from '../lib/index';
import { chatResponseOf, chatV2Events, sseStream } from '../lib/testing/index';
import { chatShownLive, type Scene } from './scene';
import { CHAT_MODEL, PENGUIN_RAG } from './scripts';
import { printQuestion, printResponseSummary, startAnswer } from './summaries';
import { INDENT, type Terminal } from './terminal';

/** The text of a response's text blocks. */
const textOf = (content: readonly { readonly type: string; readonly text?: string }[] | null | undefined): string =>
  (content ?? []).map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');

/** The answer with each cited span underlined (on a terminal) and followed by its citation's number. */
function printCitedText(terminal: Terminal, text: string, citations: readonly Citation[]): void {
  const { paint } = terminal;
  startAnswer(terminal, 'cited');
  let at = 0;
  citations.forEach((citation, number) => {
    const start = citation.start ?? at;
    const end = citation.end ?? start;
    terminal.flow(text.slice(at, start));
    terminal.flow(text.slice(start, end).replace(/\S+/g, (word) => paint.underline(word)));
    terminal.flow(paint.yellow(`[${number + 1}]`));
    at = Math.max(at, end);
  });
  terminal.flow(text.slice(at));
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
 * The RAG scene: a V2 chat grounded on three documents; the answer streams, then is shown with
 * its cited spans marked and each citation's text, offsets and source documents. Checked:
 * the text, the number of citations, each span (offsets, text, sources) and that each span's
 * offsets point at its text in the answer.
 */
export const ragCitations: Scene = {
  name: 'rag-citations',
  title: 'RAG: an answer with its citations',
  pipeline: 'chatStream(body with documents).pipe(share()) → textDeltas() as it streams, accumulateChat() for text + citations',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, documents, script } = PENGUIN_RAG;
    server.reply(sseStream(chatV2Events(script), { gapMs: Math.round(gapMs / 2) }));
    printQuestion(terminal, question);
    terminal.field('documents', documents.map((document) => `${document.id} "${document.data.title}"`).join(', '));
    startAnswer(terminal);
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }], documents: [...documents] };
    const { final: response, live: pieces } = await chatShownLive(chatStream(body, cohere), terminal);
    const text = textOf(response.message.content);
    const citations = [...(response.message.citations ?? [])].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    terminal.line();
    printCitedText(terminal, text, citations);
    printCitations(terminal, citations);
    const cited = new Set(citations.flatMap((citation) => (citation.sources ?? []).map((source) => source.id)));
    const uncited = documents.filter((document) => !cited.has(document.id)).map((document) => document.id);
    terminal.field('not cited', uncited.length === 0 ? '—' : uncited.join(', '));
    printResponseSummary(terminal, response);

    checks.equal('streamed text', pieces.join(''), script.text.join(''));
    checks.equal('number of citations', citations.length, script.citations.length);
    checks.equal(
      'citation spans and sources',
      citations.map(({ start, end, text: cited, sources }) => ({ start, end, text: cited, sources: sources?.map((source) => source.id) })),
      script.citations.map(({ start, end, text: cited, sources }) => ({ start, end, text: cited, sources: sources?.map((source) => source.id) })),
    );
    checks.equal(
      'spans point at their text',
      citations.map((citation) => text.slice(citation.start ?? 0, citation.end ?? 0)),
      citations.map((citation) => citation.text),
    );
    checks.equal('ChatResponse', response, chatResponseOf(script));
  },
};
