/**
 * `npm start -- --replay file.jsonl`: a recorded stream (a cassette, as `--live … --record`
 * or `recordCassette` wrote it) replayed with its timing through the pipelines of the live chat.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { asyncScheduler, lastValueFrom, subscribeOn, type Observable } from 'rxjs';
import {
  accumulateGenerate,
  chatV1,
  chatV2,
  decodeEvents,
  generate,
  jsonFrames,
  sseFrames,
  tapMetrics,
  InvalidOptionError,
  type CassetteHeader,
  type CassetteTake,
  type StreamMetrics,
} from '../lib/index';
import { readCassette, replayCassette } from '../lib/testing/index';
import { chatShownLive } from './scene';
import { printFailure, printMeta, printMetrics, printResponseSummary, startAnswer } from './summaries';
import type { Output, Terminal } from './terminal';

/** What `--replay` replays, and how fast. */
export interface ReplayRequest {
  /** The cassette's path. */
  readonly file: string;
  /**
   * How much faster than recorded (`Infinity`: at once).
   *
   * @defaultValue `1`
   */
  readonly speed?: number | undefined;
}

/**
 * The frames of a take's chunks, by the framing its header names. The replay starts on the next
 * turn of the event loop: at `speed: Infinity` it is synchronous, and the pipelines sharing it
 * must all be subscribed before its first chunk.
 */
function framesOf(chunks: Observable<Uint8Array>, header: CassetteHeader): Observable<string> {
  return chunks.pipe(subscribeOn(asyncScheduler), header.framing === 'sse' ? sseFrames() : jsonFrames());
}

/** Streams the replayed take as its family's scene does: the text as it arrives, then the summary. */
async function showTake(terminal: Terminal, header: CassetteHeader, chunks: Observable<Uint8Array>): Promise<void> {
  const frames = framesOf(chunks, header);
  if (header.protocol === 'chatV2') {
    startAnswer(terminal);
    let metrics: StreamMetrics | undefined;
    const events = frames.pipe(
      decodeEvents(chatV2),
      tapMetrics((reported) => (metrics = reported)),
    );
    const { final } = await chatShownLive(events, terminal);
    printResponseSummary(terminal, final);
    printMetrics(terminal, metrics);
  } else if (header.protocol === 'generate') {
    const end = await lastValueFrom(frames.pipe(decodeEvents(generate), accumulateGenerate()));
    for (const generation of end.generations ?? []) terminal.field(`[${generation.index ?? 0}]`, generation.text ?? '');
  } else {
    // V1 chat, and AWS answers recorded without their family (an answer in hand): Command R chat.
    startAnswer(terminal);
    const { final } = await chatShownLive(frames.pipe(decodeEvents(chatV1)), terminal);
    terminal.line();
    terminal.field('finish reason', terminal.paint.bold(final.finish_reason ?? '—'));
    printMeta(terminal, final.meta);
  }
}

/**
 * Replays a cassette: its take's header (what was called, when, how it answered), then its
 * chunks at their recorded times divided by `speed`, through the framing its header names,
 * `decodeEvents()` of its family and `accumulateChat()`, printing the text as it streams and
 * the summary, as `--live` does. A take recorded with an error status prints the status and
 * the body; a take that ended early fails as it did when recorded (an
 * `IncompleteStreamError` with its partial answer).
 *
 * @example
 * ```ts
 * const code = runReplay(createTerminal(process.stdout, process.env), process.stderr, { file: 'incident.jsonl', speed: 4 });
 * ```
 *
 * @param terminal Where the replay is printed.
 * @param errors Where a file that cannot be read, or is not a cassette, is reported.
 * @param request The file and the speed.
 * @returns The exit code: 0 when the replayed stream completed, 1 when it failed (as it did
 *   live), when its status was an error, or when the file is not a cassette; 2 for a bad speed.
 */
export async function runReplay(terminal: Terminal, errors: Output, request: ReplayRequest): Promise<number> {
  let text: string;
  try {
    text = readFileSync(request.file, 'utf8');
  } catch (error) {
    errors.write(`--replay could not read ${request.file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let take: CassetteTake;
  let chunks: Observable<Uint8Array>;
  try {
    take = readCassette(text);
    chunks = replayCassette(take, { speed: request.speed });
  } catch (error) {
    errors.write(`${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
    return error instanceof InvalidOptionError ? 2 : 1;
  }
  const { header } = take;
  const { paint } = terminal;
  terminal.line(
    `${paint.bold('cohere-rx replay')}  ${paint.dim(`${request.file}: POST /${header.endpoint} (${header.source}), recorded ${header.recordedAt}`)}`,
  );
  terminal.line();
  if (header.status >= 300) {
    const body: Uint8Array[] = [];
    await new Promise<void>((resolve) => chunks.subscribe({ next: (bytes) => body.push(bytes), complete: resolve, error: () => resolve() }));
    terminal.field('status', paint.bold(paint.red(String(header.status))));
    terminal.field('body', Buffer.concat(body).toString('utf8'));
    return 1;
  }
  try {
    await showTake(terminal, header, chunks);
    return 0;
  } catch (error) {
    return printFailure(terminal, error);
  }
}
