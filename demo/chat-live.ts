/**
 * Scene: a V2 chat whose tokens appear as they stream, then the final `ChatResponse`.
 *
 * @module
 */
import { chatStream } from '../lib/index';
import { chatResponseOf, chatV2Events, sseStream } from '../lib/testing/index';
import { chatShownLive, type Scene } from './scene';
import { CHAT_MODEL, PENGUIN_CHAT } from './scripts';
import { printQuestion, printResponseSummary, startAnswer } from './summaries';

/**
 * The V2 chat scene: `chatStream` through real `fetch`, `textDeltas()` printing each token as
 * it arrives and `accumulateChat()` assembling the `ChatResponse` (finish reason, usage),
 * checked against the scripted answer and the request the server received.
 */
export const chatLive: Scene = {
  name: 'chat-live',
  title: 'V2 chat, token by token',
  pipeline: 'chatStream(body).pipe(share()) → textDeltas() as it streams, accumulateChat() at message-end',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, script } = PENGUIN_CHAT;
    server.reply(sseStream(chatV2Events(script), { gapMs }));
    printQuestion(terminal, question);
    startAnswer(terminal);
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }] };
    const { final: response, live: pieces } = await chatShownLive(chatStream(body, cohere), terminal);
    printResponseSummary(terminal, response);

    const request = server.requests.at(-1);
    checks.equal('request', { path: request?.path, body: request?.json }, { path: '/v2/chat', body: { ...body, stream: true } });
    checks.equal('streamed text', pieces.join(''), script.text.join(''));
    checks.equal('ChatResponse', response, chatResponseOf(script));
  },
};
