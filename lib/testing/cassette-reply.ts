/**
 * `cassetteReply`: the mock server answers a request with a recorded take, as the service sent
 * it: its status, its headers, its chunks at their times, and its ending.
 *
 * @module
 */
import { toBase64 } from '../cassettes/base64';
import type { CassetteChunk, CassetteTake } from '../cassettes/format';
import { takeOf, type CassetteInput } from '../cassettes/read-cassette';
import { replayTimes, speedOption, type ReplayOptions } from '../cassettes/replay-cassette';
import { bedrockPayloadMessage, exceptionMessage, payloadPartMessage } from './event-stream-encoder';
import type { MockHandler, MockReply } from './mock-exchange';
import { awsError, EVENT_STREAM_CONTENT_TYPE, finish, MOCK_REQUEST_ID } from './mock-replies';

/**
 * The headers a replayed answer does not send as recorded: those of the connection (HTTP/2
 * forbids them), and the body's length and encoding (the recorded bytes are the body decoded,
 * and the server writes them chunk by chunk).
 */
const NOT_REPLAYED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
  'content-encoding',
]);

/** The bytes the server writes for a chunk: as recorded, or inside the AWS event-stream message that carried it. */
function wireChunk(take: CassetteTake, chunk: CassetteChunk): Uint8Array {
  if (take.header.source === 'bedrock') return bedrockPayloadMessage(JSON.stringify({ bytes: toBase64(chunk.bytes) }));
  if (take.header.source === 'sagemaker') return payloadPartMessage(chunk.bytes);
  return chunk.bytes;
}

/** The status line and headers of the replayed answer. */
function headOf(take: CassetteTake): Record<string, string> {
  const kept = Object.entries(take.header.headers).filter(([name]) => !NOT_REPLAYED.has(name.toLowerCase()));
  if (take.header.source === 'cohere') return Object.fromEntries(kept);
  return { 'x-amzn-requestid': MOCK_REQUEST_ID, ...Object.fromEntries(kept), 'content-type': EVENT_STREAM_CONTENT_TYPE };
}

/**
 * Ends the replayed answer as its take ended: cleanly; with an AWS exception message; with the
 * connection dropped (a source that failed); or not at all (a reader that stopped: the
 * client's own timeout, abort or error stops it again).
 */
function endAsRecorded(reply: MockReply, take: CassetteTake): void {
  const { ending } = take;
  if (ending.end === 'complete') return reply.end();
  if (ending.end === 'stopped') return undefined;
  const exceptionType = ending.error?.exceptionType;
  if (take.header.source !== 'cohere' && exceptionType !== undefined) return reply.end(exceptionMessage(exceptionType, { message: ending.error?.awsMessage }));
  return finish(reply, 'drop');
}

/**
 * A handler that answers with a recorded take (see `recordCassette`): the recorded status and
 * headers, each chunk at its recorded time divided by `speed`, and the recorded ending, so a
 * client (`fetch`, the AWS SDK clients) meets the service's answer again.
 *
 * - **api.cohere.com** answers go as recorded: the status, the headers (but those of the
 *   connection and the body's length and encoding: the bytes recorded are the body decoded),
 *   the bytes of each chunk.
 * - **Bedrock and SageMaker** answers are AWS event streams again: each chunk in a Bedrock
 *   `chunk` message (its exact bytes in base64) or a SageMaker `PayloadPart`; an error answer
 *   before the stream (a status from 300) is the recorded exception as an AWS JSON error.
 * - **The ending.** `complete` ends the reply; `error` drops the connection (a cut the client
 *   meets as its own error), or sends the AWS exception message that ended an AWS stream;
 *   `stopped` leaves the connection open with nothing more, as the server did when the
 *   recording's reader gave up: the client's own timeout (or abort) ends it again.
 * - **Timing.** As `replayCassette`: gaps over a minute are cut to a minute, then divided by
 *   `speed`; `Infinity` writes every chunk at once. The network may join or split chunks on
 *   the way: `replayCassette` keeps their boundaries, the server keeps their bytes and times.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { lastValueFrom } from 'rxjs';
 * import { accumulateChat, chatStream } from 'cohere-rx';
 * import { cassetteReply, startMockCohereServer } from 'cohere-rx/testing';
 *
 * const server = await startMockCohereServer();
 * try {
 *   server.reply(cassetteReply(readFileSync('incident.cassette.jsonl', 'utf8'), { speed: 10 }));
 *   const body = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hello' }] };
 *   await lastValueFrom(chatStream(body, { baseUrl: server.baseUrl, token: 'test' }).pipe(accumulateChat()));
 * } finally {
 *   await server.close();
 * }
 * ```
 *
 * @param cassette The cassette's text, its lines, or a take `readCassette` read.
 * @param options `speed` and `take`.
 * @returns The handler, for `server.reply()` or `server.route()` (it can answer any number of requests).
 * @throws `CassetteFormatError` and `InvalidOptionError` at the call, as `replayCassette`.
 */
export function cassetteReply(cassette: CassetteInput, options: ReplayOptions = {}): MockHandler {
  const speed = speedOption(options.speed);
  const take = takeOf(cassette, options.take);
  const times = replayTimes(take, speed);
  const { header, ending } = take;
  if (header.source !== 'cohere' && header.status >= 300) {
    const error = ending.end === 'complete' ? undefined : ending.error;
    return awsError(header.status, error?.exceptionType ?? 'ServiceException', error?.awsMessage ?? error?.message ?? '', {
      requestId: header.headers['x-amzn-requestid'],
    });
  }
  return async (reply, request) => {
    const started = performance.now();
    // Each wait ends early when the client goes away: no timer outlives the exchange.
    const until = (due: number) => (due <= 0 ? undefined : waitUnlessClosed(Math.max(0, started + due - performance.now()), request.closed));
    reply.head(header.status, headOf(take));
    for (const [position, chunk] of take.chunks.entries()) {
      await until(times.chunks[position] ?? 0);
      if (reply.isClosed()) return;
      await reply.write(wireChunk(take, chunk));
    }
    await until(times.ending);
    if (!reply.isClosed()) endAsRecorded(reply, take);
  };
}

/** Waits `ms`, or less when `closed` resolves first; the timer is cleared either way. */
function waitUnlessClosed(ms: number, closed: Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
