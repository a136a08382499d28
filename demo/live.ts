/**
 * `npm start -- --live "your prompt" [--record file.jsonl]`: the first scene's pipeline against
 * the real api.cohere.com, with the key from `CO_API_KEY` or `COHERE_API_KEY`; `--record`
 * writes the answer to a cassette as it streams.
 *
 * @module
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { chatStream, recordCassette, tapMetrics, type CohereStreamOptions, type StreamMetrics } from '../lib/index';
import { chatShownLive } from './scene';
import { CHAT_MODEL } from './scripts';
import { printFailure, printMetrics, printQuestion, printResponseSummary, startAnswer } from './summaries';
import type { Output, Terminal } from './terminal';

/** What `--live` sends. */
export interface LiveRequest {
  /** The user's prompt. */
  readonly prompt: string;
  /**
   * The V2 chat model.
   *
   * @defaultValue `'command-a-03-2025'`
   */
  readonly model?: string | undefined;
  /** A file to record the answer to, as a cassette (`--record`): `npm start -- --replay <file>` replays it. */
  readonly record?: string | undefined;
}

/** The message printed when `--live` has no key. */
export const NO_KEY_MESSAGE =
  '--live streams from api.cohere.com and needs an API key: set CO_API_KEY (or COHERE_API_KEY), for instance\n' +
  '  CO_API_KEY=<your key> npm start -- --live "your prompt"\n' +
  'Without --live, npm start runs the scripted demo, which needs no key and no network.\n';

/**
 * Streams a chat from api.cohere.com: the tokens as they arrive, then the `ChatResponse`
 * summary (finish reason, usage) and what `tapMetrics()` measured (the times to the first event
 * and token, the output tokens per second). The transport reads the key from the environment itself.
 *
 * @example
 * ```ts
 * const code = await runLive(createTerminal(process.stdout, process.env), process.stderr, process.env, { prompt: 'Write a haiku about rivers' });
 * ```
 *
 * @param terminal Where the conversation is printed.
 * @param errors Where the missing-key message goes, and a file `--record` cannot open.
 * @param env The environment the key is looked up in.
 * @param request The prompt, the model, and the file to record the answer to.
 * @param transport The transport's options (by default none: api.cohere.com, the key from the environment).
 * @returns The exit code: 0 when the answer completed, 1 when the request or stream failed
 *   (the error's class and message are printed), 2 without a key.
 */
export async function runLive(
  terminal: Terminal,
  errors: Output,
  env: Readonly<Record<string, string | undefined>>,
  request: LiveRequest,
  transport: CohereStreamOptions = {},
): Promise<number> {
  if (!env['CO_API_KEY'] && !env['COHERE_API_KEY']) {
    errors.write(NO_KEY_MESSAGE);
    return 2;
  }
  const model = request.model ?? CHAT_MODEL;
  const { paint } = terminal;
  terminal.line(`${paint.bold('cohere-rx live')}  ${paint.dim(`${model} at api.cohere.com`)}`);
  terminal.line();
  printQuestion(terminal, request.prompt);
  startAnswer(terminal);
  let metrics: StreamMetrics | undefined;
  // Each line of the cassette is written as it comes: a stream cut short is on disk up to its cut.
  let file: number | undefined;
  try {
    file = request.record === undefined ? undefined : openSync(request.record, 'w');
  } catch (error) {
    errors.write(`--record could not open ${request.record ?? ''}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const options = file === undefined ? transport : { ...transport, record: recordCassette((line) => writeSync(file, line)) };
  const events = chatStream({ model, messages: [{ role: 'user', content: request.prompt }] }, options).pipe(tapMetrics((reported) => (metrics = reported)));
  try {
    const { final: response } = await chatShownLive(events, terminal);
    printResponseSummary(terminal, response);
    printMetrics(terminal, metrics);
    return 0;
  } catch (error) {
    return printFailure(terminal, error);
  } finally {
    if (file !== undefined) {
      closeSync(file);
      terminal.field('recorded', `${request.record ?? ''} (replay it: npm start -- --replay ${request.record ?? ''})`);
    }
  }
}
