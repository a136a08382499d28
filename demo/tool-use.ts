/**
 * Scene: a tool-use turn, its plan streaming, then each tool call with its parsed arguments.
 *
 * @module
 */
import { inspect } from 'node:util';
import { filter, ignoreElements, merge, tap, type Observable } from 'rxjs';
import { accumulateChat, chatStream, collectToolCalls, type ChatV2Event, type CompletedToolCall, type ToolPlanDeltaEvent } from '../lib/index';
import { chatResponseOf, chatV2Events, sseStream } from '../lib/testing/index';
import { finalAndLive, type Scene } from './scene';
import { CHAT_MODEL, WEATHER_TOOL, WEATHER_TOOL_TURN } from './scripts';
import { printQuestion, printResponseSummary, startAnswer } from './summaries';
import { INDENT, type Terminal } from './terminal';

const isPlanDelta = (event: ChatV2Event): event is ToolPlanDeltaEvent => event.type === 'tool-plan-delta';

/** Prints a tool call: its position, name and id, then its parsed arguments object. */
function printCall(terminal: Terminal, call: CompletedToolCall): void {
  const { paint } = terminal;
  terminal.line(`${INDENT}${paint.bold(paint.magenta(`call ${call.index + 1}`.padEnd(7)))}${paint.bold(call.name)}  ${paint.dim(`id ${call.id ?? '—'}`)}`);
  terminal.line(`${INDENT}${' '.repeat(7)}${inspect(call.parsed, { colors: terminal.colors, breakLength: Number.POSITIVE_INFINITY })}`);
}

/**
 * The tool-use scene: a V2 chat offering a weather tool; the tool plan streams, each call is
 * printed as `collectToolCalls()` completes it (name, id, parsed arguments), and the turn ends
 * with `TOOL_CALL`. Checked against the scripted plan, calls and response.
 */
export const toolUse: Scene = {
  name: 'tool-use',
  title: 'Tool use: the plan, then each call with its arguments',
  pipeline: 'chatStream(body with tools).pipe(share()) → tool plan as it streams, collectToolCalls() as each call ends, accumulateChat()',
  async run({ server, terminal, checks, cohere, gapMs }) {
    const { question, script } = WEATHER_TOOL_TURN;
    server.reply(sseStream(chatV2Events(script), { gapMs: Math.round(gapMs / 2) }));
    printQuestion(terminal, question);
    startAnswer(terminal, 'plan');
    const body = { model: CHAT_MODEL, messages: [{ role: 'user' as const, content: question }], tools: [WEATHER_TOOL] };
    const { final: response, live: calls } = await finalAndLive(chatStream(body, cohere), accumulateChat(), (events: Observable<ChatV2Event>) =>
      merge(
        events.pipe(
          filter(isPlanDelta),
          tap((event) => terminal.flow(event.delta?.message?.tool_plan ?? '')),
          ignoreElements(),
        ),
        events.pipe(
          collectToolCalls(),
          tap((call) => printCall(terminal, call)),
        ),
      ),
    );
    printResponseSummary(terminal, response);

    checks.equal('tool plan', response.message.tool_plan, script.toolPlan.join(''));
    checks.equal(
      'tool calls',
      calls.map(({ index, id, name, parsed }) => ({ index, id, name, parsed })),
      script.toolCalls.map(({ id, name, arguments: parsed }, index) => ({ index, id, name, parsed })),
    );
    checks.equal('finish reason', response.finish_reason, 'TOOL_CALL');
    checks.equal('ChatResponse', response, chatResponseOf(script));
  },
};
