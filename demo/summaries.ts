/**
 * How the scenes print a conversation: the question, the answer as it streams, and the summary
 * of a final response.
 *
 * @module
 */
import type { ApiMeta, ChatResponse, StreamMetrics } from '../lib/index';
import { INDENT, type Terminal } from './terminal';

/** How wide the speaker labels are padded. */
const SPEAKER_WIDTH = 7;

/**
 * Prints the user's question.
 *
 * @example
 * ```ts
 * printQuestion(terminal, 'Why is the sky blue?'); //    you    Why is the sky blue?
 * ```
 *
 * @param terminal Where to print.
 * @param question The question.
 */
export function printQuestion(terminal: Terminal, question: string): void {
  terminal.line(`${INDENT}${terminal.paint.bold('you'.padEnd(SPEAKER_WIDTH))}${question}`);
}

/**
 * Starts the model's answer: the text that streams next flows after its label.
 *
 * @example
 * ```ts
 * startAnswer(terminal);
 * chatStream(body).pipe(textDeltas()).subscribe((piece) => terminal.flow(piece));
 * ```
 *
 * @param terminal Where to print.
 * @param label Who answers.
 */
export function startAnswer(terminal: Terminal, label = 'model'): void {
  terminal.startFlow(`${INDENT}${terminal.paint.bold(terminal.paint.cyan(label.padEnd(SPEAKER_WIDTH)))}`);
}

/**
 * Input and output token counts, as `12 in · 40 out`.
 *
 * @example
 * ```ts
 * inOut({ input_tokens: 12, output_tokens: 40 }); // '12 in · 40 out'
 * ```
 *
 * @param counts The counts.
 * @returns The text, or `—` without counts.
 */
export function inOut(
  counts: { readonly input_tokens?: number | null | undefined; readonly output_tokens?: number | null | undefined } | null | undefined,
): string {
  return counts == null ? '—' : `${counts.input_tokens ?? '?'} in · ${counts.output_tokens ?? '?'} out`;
}

/**
 * Prints the summary of a V2 `ChatResponse`: finish reason, billed units, tokens and id.
 *
 * @example
 * ```ts
 * printResponseSummary(terminal, await lastValueFrom(chatStream(body).pipe(accumulateChat())));
 * ```
 *
 * @param terminal Where to print.
 * @param response The final response.
 */
export function printResponseSummary(terminal: Terminal, response: ChatResponse): void {
  terminal.line();
  terminal.field('finish reason', terminal.paint.bold(response.finish_reason));
  terminal.field('billed units', inOut(response.usage?.billed_units));
  terminal.field('tokens', inOut(response.usage?.tokens));
  terminal.field('response id', terminal.paint.dim(response.id));
}

/**
 * Prints the usage of a V1 response (`meta`): billed units and tokens.
 *
 * @example
 * ```ts
 * printMeta(terminal, (await lastValueFrom(bedrockChatStream(client, input).pipe(accumulateChat()))).meta);
 * ```
 *
 * @param terminal Where to print.
 * @param meta The response's `meta`.
 */
export function printMeta(terminal: Terminal, meta: ApiMeta | null | undefined): void {
  terminal.field('billed units', inOut(meta?.billed_units));
  terminal.field('tokens', inOut(meta?.tokens));
}

/** Milliseconds, as `4.2 ms` or `163 ms`, or `—`. */
const ms = (value: number | undefined): string => (value === undefined ? '—' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);

/**
 * Prints what `tapMetrics()` reported of a stream: the times to the first event and the first
 * token, the total, the counts, and the output tokens per second.
 *
 * @example
 * ```ts
 * chatStream(body).pipe(tapMetrics((metrics) => printMetrics(terminal, metrics)), accumulateChat());
 * ```
 *
 * @param terminal Where to print.
 * @param metrics The metrics, or `undefined` when none were reported.
 */
export function printMetrics(terminal: Terminal, metrics: StreamMetrics | undefined): void {
  if (metrics === undefined) return terminal.field('metrics', '—');
  const rate = metrics.outputTokensPerSecond === undefined ? '—' : `${Math.round(metrics.outputTokensPerSecond)} tokens/s`;
  terminal.field(
    'metrics',
    `first event ${ms(metrics.timeToFirstEventMs)} · first token ${ms(metrics.timeToFirstContentMs)} · total ${ms(metrics.durationMs)}`,
  );
  terminal.field('', `${metrics.eventCount} events · ${metrics.contentCharacters} characters · ${metrics.outputTokens ?? '?'} output tokens · ${rate}`);
}

/**
 * Prints the error that ended a stream: its name and its message.
 *
 * @param terminal Where to print.
 * @param error What the stream failed with.
 * @returns 1, the exit code of a run that failed.
 */
export function printFailure(terminal: Terminal, error: unknown): 1 {
  const { paint } = terminal;
  terminal.line();
  terminal.field('error', paint.bold(paint.red(error instanceof Error ? error.name : 'Error')));
  terminal.field('message', error instanceof Error ? error.message : String(error));
  return 1;
}
