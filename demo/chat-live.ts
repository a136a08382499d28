/**
 * Scene: a V2 chat whose tokens appear as they stream, then the final `ChatResponse`.
 *
 * @module
 */
import { chatStream, tapMetrics, type StreamMetrics } from '../lib/index';
import { chatResponseOf, chatV2Events, sseStream } from '../lib/testing/index';
import { chatShownLive, type Scene } from './scene';
import { CHAT_MODEL, PENGUIN_CHAT } from './scripts';
import { printMetrics, printQuestion, printResponseSummary, startAnswer } from './summaries';

/**
 * The V2 chat scene: `chatStream` through real `fetch`, `textDeltas()` printing each token as
 * it arrives and `accumulateChat()` assembling the `ChatResponse` (finish reason, usage), with
 * `tapMetrics()` on the same subscription timing it; checked against the scripted answer, the
 * request the server received, and the counts and usage the metrics must report.
 */
export const chatLive: Scene = {
  name: 'chat-live',
  title: 'V2 chat, token by token',
  pipeline: 'chatStream(body).pipe(tapMetrics(report), share()) → textDeltas() as it streams, accumulateChat() at message-end',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, script } = PENGUIN_CHAT;
    server.reply(sseStream(chatV2Events(script), { gapMs }));
    printQuestion(terminal, question);
    startAnswer(terminal);
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }] };
    let metrics: StreamMetrics | undefined;
    const events = chatStream(body, cohere).pipe(tapMetrics((reported) => (metrics = reported)));
    const { final: response, live: pieces } = await chatShownLive(events, terminal);
    printResponseSummary(terminal, response);
    printMetrics(terminal, metrics);

    const request = server.requests.at(-1);
    checks.equal('request', { path: request?.path, body: request?.json }, { path: '/v2/chat', body: { ...body, stream: true } });
    checks.equal('streamed text', pieces.join(''), script.text.join(''));
    checks.equal('ChatResponse', response, chatResponseOf(script));
    const { outcome, eventCount, contentCharacters, usage, outputTokens, timeToFirstEventMs = -1, timeToFirstContentMs = -1, durationMs = -1 } = metrics ?? {};
    checks.equal(
      'metrics',
      { outcome, eventCount, contentCharacters, usage, outputTokens },
      {
        outcome: 'complete',
        eventCount: chatV2Events(script).length,
        contentCharacters: script.text.join('').length,
        usage: script.usage,
        outputTokens: script.usage.tokens.output_tokens,
      },
    );
    checks.equal('metric times in order', 0 <= timeToFirstEventMs && timeToFirstEventMs <= timeToFirstContentMs && timeToFirstContentMs <= durationMs, true);
  },
};
