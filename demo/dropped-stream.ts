/**
 * Scene: the server cuts the connection mid-answer, and the pipeline reports it as an
 * `IncompleteStreamError` carrying the partial text.
 *
 * @module
 */
import { pipe, tap } from 'rxjs';
import { accumulateChat, chatStream, IncompleteStreamError, responseText, textDeltas, type ChatSnapshot } from '../lib/index';
import { chatV2Events, dropAfter, sseStream } from '../lib/testing/index';
import { finalAndLive, type Scene } from './scene';
import { CHAT_MODEL, TREATY_DROPPED } from './scripts';
import { printQuestion, startAnswer } from './summaries';

/** The text of a partial chat, or `undefined` when the error carries none. */
function partialText(error: unknown): string | undefined {
  if (!(error instanceof IncompleteStreamError)) return undefined;
  const partial = error.partial as ChatSnapshot | undefined;
  return partial === undefined ? undefined : responseText(partial);
}

/** The class name of an error, or what was thrown when it is not one. */
const nameOf = (error: unknown): string => (error instanceof Error ? error.name : String(error ?? '—'));

/**
 * The dropped-stream scene: a V2 chat whose connection the server drops after a few pieces of
 * text, without `message-end`. `accumulateChat()` reports an `IncompleteStreamError` (its
 * `cause` the `ConnectionError`) whose `partial` holds the text that arrived. Checked: the
 * error's class, its cause's class, and the partial text against the pieces sent.
 */
export const droppedStream: Scene = {
  name: 'dropped-stream',
  title: 'A stream that drops mid-way',
  pipeline: 'chatStream(body).pipe(share()) → textDeltas(), accumulateChat() → IncompleteStreamError { partial, cause }',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, script, deliveredPieces } = TREATY_DROPPED;
    // message-start and content-start, then the pieces that get through; no message-end, no [DONE].
    const delivered = dropAfter(chatV2Events(script), 2 + deliveredPieces);
    server.reply(sseStream(delivered, { gapMs, done: false, then: 'drop' }));
    printQuestion(terminal, question);
    startAnswer(terminal);
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }] };
    const streamed: string[] = [];
    const error = await finalAndLive(
      chatStream(body, cohere),
      accumulateChat(),
      pipe(
        textDeltas(),
        tap((piece) => {
          streamed.push(piece);
          terminal.flow(piece);
        }),
      ),
    ).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    const { paint } = terminal;
    terminal.flow(paint.red(' [connection lost]'));
    terminal.line();
    terminal.field('error', paint.bold(paint.red(nameOf(error))));
    terminal.field('message', error instanceof Error ? error.message : '—');
    const cause = error instanceof Error ? error.cause : undefined;
    terminal.field('cause', nameOf(cause));
    terminal.field('partial text', `"${partialText(error) ?? ''}"`);

    const sent = script.text.slice(0, deliveredPieces).join('');
    checks.equal('error class', nameOf(error), 'IncompleteStreamError');
    checks.equal('cause class', nameOf(cause), 'ConnectionError');
    checks.equal('partial text', partialText(error), sent);
    checks.equal('streamed text', streamed.join(''), sent);
  },
};
