/**
 * `npm start`: the cohere-rx demo. It starts an embedded server on 127.0.0.1 that speaks the
 * Cohere HTTP API and the AWS event-stream protocol (`startMockCohereServer` of
 * `cohere-rx/testing`), then runs real pipelines against it, through the real `fetch` and the
 * real AWS SDK clients, and checks each against the answer it scripted. No API key, no network.
 *
 * The demo imports the repository's sources (`../lib/index`…); an application imports the
 * same names from `cohere-rx`, `cohere-rx/bedrock`, `cohere-rx/sagemaker` and `cohere-rx/testing`.
 * `npm start` bundles this file with esbuild into `node_modules/.cache/cohere-rx-demo/` (a
 * fraction of a second, no build of the package) and runs the bundle with Node.
 *
 * ```sh
 * npm start                                                  # the scripted demo
 * CO_API_KEY=… npm start -- --live "your prompt" [--model m] # a chat with the real api.cohere.com
 * CO_API_KEY=… npm start -- --live "your prompt" --record incident.jsonl  # …recorded to a cassette
 * npm start -- --replay incident.jsonl [--speed 4]          # a cassette replayed, with its timing
 * npm start -- --help
 * ```
 *
 * Exit codes: 0 when every scene behaved as scripted (or the live answer completed); 1 when a
 * check failed (the scene is named) or the live request failed; 2 for a usage error, or
 * `--live` without a key. Colors only on a terminal, and never with `NO_COLOR` set.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { startMockCohereServer } from '../lib/testing/index';
import { awsStreams } from './aws';
import { chatLive } from './chat-live';
import { droppedStream } from './dropped-stream';
import { generateSideBySide } from './generate-side-by-side';
import { runLive } from './live';
import { runReplay } from './replay';
import { ragCitations } from './rag-citations';
import { createChecks, type Scene } from './scene';
import { CHAT_MODEL } from './scripts';
import { createTerminal, INDENT, type Output, type Terminal } from './terminal';
import { toolUse } from './tool-use';

/** The scenes, in the order they run. */
export const SCENES: readonly Scene[] = [chatLive, toolUse, ragCitations, generateSideBySide, awsStreams, droppedStream];

/** What the command line asks for. */
export type Command =
  | { readonly kind: 'demo' }
  | { readonly kind: 'live'; readonly prompt: string; readonly model: string; readonly record?: string }
  | { readonly kind: 'replay'; readonly file: string; readonly speed: number }
  | { readonly kind: 'help' }
  | { readonly kind: 'usage-error'; readonly message: string };

/** The usage text of `--help` and of a usage error. */
export const USAGE = `Usage:
  npm start                                         the scripted demo (no API key, no network)
  npm start -- --live "your prompt" [--model NAME]  a chat with api.cohere.com (needs CO_API_KEY or COHERE_API_KEY;
                                                    model ${CHAT_MODEL} unless --model says otherwise)
  npm start -- --live "your prompt" --record FILE   the same, the answer recorded to FILE (a cassette, JSON lines)
  npm start -- --replay FILE [--speed N]            a cassette replayed through the same pipelines, with its timing
                                                    (N times faster; Infinity: at once)
  npm start -- --help                               this text
`;

/**
 * Reads the command line (the arguments after `npm start --`).
 *
 * @example
 * ```ts
 * parseArguments(['--live', 'Write a haiku', '--model', 'command-r7b-12-2024']);
 * // { kind: 'live', prompt: 'Write a haiku', model: 'command-r7b-12-2024' }
 * ```
 *
 * @param args The arguments.
 * @returns What to run, or the usage error.
 */
export function parseArguments(args: readonly string[]): Command {
  let live = false;
  let model = CHAT_MODEL;
  const values: Partial<Record<'--record' | '--replay' | '--speed', string>> = {};
  const words: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--live') live = true;
    else if (arg === '--model') {
      const value = args[++at];
      if (value === undefined || value === '') return { kind: 'usage-error', message: '--model needs a model name' };
      model = value;
    } else if (arg === '--record' || arg === '--replay' || arg === '--speed') {
      const value = args[++at];
      if (value === undefined || value === '') return { kind: 'usage-error', message: `${arg} needs ${arg === '--speed' ? 'a number' : 'a file'}` };
      values[arg] = value;
    } else if (arg.startsWith('-')) return { kind: 'usage-error', message: `unknown option ${arg}` };
    else words.push(arg);
  }
  const { '--record': record, '--replay': replay, '--speed': speed } = values;
  if (replay !== undefined) {
    if (live || record !== undefined || words.length > 0) return { kind: 'usage-error', message: '--replay takes a file and --speed, nothing else' };
    return { kind: 'replay', file: replay, speed: speed === undefined ? 1 : Number(speed) };
  }
  if (speed !== undefined) return { kind: 'usage-error', message: '--speed is for --replay' };
  if (!live) {
    if (record !== undefined) return { kind: 'usage-error', message: '--record is for --live: --live "your prompt" --record FILE' };
    return words.length === 0 ? { kind: 'demo' } : { kind: 'usage-error', message: `a prompt is for --live: ${JSON.stringify(words.join(' '))}` };
  }
  const prompt = words.join(' ').trim();
  if (prompt === '') return { kind: 'usage-error', message: '--live needs a prompt: --live "your prompt"' };
  return record === undefined ? { kind: 'live', prompt, model } : { kind: 'live', prompt, model, record };
}

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /**
   * The scenes to run.
   *
   * @defaultValue {@link SCENES}
   */
  readonly scenes?: readonly Scene[] | undefined;
  /**
   * Milliseconds between the pieces the server writes.
   *
   * @defaultValue `25`: tokens visibly stream, and the whole demo takes a few seconds
   */
  readonly gapMs?: number | undefined;
}

/** The class name and message of what a scene threw. */
const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * Runs the scripted demo: starts the embedded server, runs each scene (printing it and its
 * checks), prints the summary line and closes the server, also when a scene fails.
 *
 * @example
 * ```ts
 * const code = await runDemo(createTerminal(process.stdout, process.env));
 * ```
 *
 * @param terminal Where to print.
 * @param options The scenes and the pace.
 * @returns The exit code: 0 when every scene passed its checks, 1 otherwise.
 * @throws Error (as a rejection) when the server cannot start.
 */
export async function runDemo(terminal: Terminal, options: DemoOptions = {}): Promise<number> {
  const scenes = options.scenes ?? SCENES;
  const gapMs = options.gapMs ?? 25;
  const { paint } = terminal;
  const started = performance.now();
  const server = await startMockCohereServer();
  const failed: string[] = [];
  try {
    terminal.line(`${paint.bold('cohere-rx demo')}  real pipelines through real fetch and AWS SDK clients`);
    terminal.line(`against an embedded Cohere / Bedrock / SageMaker server at ${server.baseUrl}`);
    terminal.line(paint.dim('scripted answers · no API key · no network'));
    terminal.line(paint.dim('the real API: CO_API_KEY=… npm start -- --live "your prompt"'));
    const limits = { headersMs: 10_000, firstFrameMs: 10_000, idleMs: 10_000 };
    for (const [position, scene] of scenes.entries()) {
      server.reset();
      terminal.line();
      terminal.line(`${paint.bold(`${position + 1}/${scenes.length}`)}  ${paint.bold(scene.title)}`);
      terminal.field('pipeline', paint.dim(scene.pipeline));
      terminal.line();
      const checks = createChecks();
      try {
        await scene.run({
          server,
          terminal,
          checks,
          gapMs,
          cohere: { baseUrl: server.baseUrl, token: 'demo-key', timeouts: limits },
          aws: { timeouts: limits },
        });
      } catch (error) {
        checks.fail(`the pipeline failed: ${describeError(error)}`);
      }
      terminal.line();
      if (checks.failures.length === 0) {
        terminal.line(`${INDENT}${paint.green(`✓ ${scene.name}: ${checks.count} checks passed`)}`);
      } else {
        failed.push(scene.name);
        terminal.line(`${INDENT}${paint.red(`✗ ${scene.name}: ${checks.failures.length} of ${checks.count} checks failed`)}`);
        for (const failure of checks.failures) terminal.field('✗', paint.red(failure));
      }
    }
  } finally {
    await server.close();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  terminal.line();
  terminal.line(
    failed.length === 0
      ? paint.bold(paint.green(`✓ all ${scenes.length} scenes behaved as scripted (${seconds} s)`))
      : paint.bold(paint.red(`✗ ${failed.length} of ${scenes.length} scenes failed: ${failed.join(', ')}`)),
  );
  return failed.length === 0 ? 0 : 1;
}

/**
 * The command: reads the arguments and runs the demo, `--live` or `--help`.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['--live', 'Write a haiku'], process.stdout, process.stderr, process.env);
 * ```
 *
 * @param args The arguments after `npm start --`.
 * @param stdout Where the demo prints.
 * @param stderr Where usage errors and the missing-key message go.
 * @param env The environment (`NO_COLOR`, `CO_API_KEY`, `COHERE_API_KEY`).
 * @returns The exit code (see the module's documentation).
 */
export async function main(args: readonly string[], stdout: Output, stderr: Output, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const command = parseArguments(args);
  switch (command.kind) {
    case 'help':
      stdout.write(USAGE);
      return 0;
    case 'usage-error':
      stderr.write(`${command.message}\n\n${USAGE}`);
      return 2;
    case 'live':
      return runLive(createTerminal(stdout, env), stderr, env, command);
    case 'replay':
      return runReplay(createTerminal(stdout, env), stderr, command);
    case 'demo':
      try {
        return await runDemo(createTerminal(stdout, env));
      } catch (error) {
        stderr.write(`The demo could not run: ${describeError(error)}\n`);
        return 1;
      }
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process.stdout, process.stderr, process.env).then((code) => {
    process.exitCode = code;
  });
}
