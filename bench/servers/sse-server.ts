/**
 * The loopback SSE server of the benchmark: a V2 chat stream of any number of content deltas on
 * 127.0.0.1, rendered once per (deltas, pause) and written in 16 KiB slices.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { v2ChatSse } from './bodies';
import { writeSlices } from './slices';

/** A rendered stream: what is sent before the pause, and after it. */
interface RenderedStream {
  readonly head: Buffer;
  readonly rest: Buffer;
}

/** A running server. */
export interface SseServer {
  /**
   * Renders the stream (once) and returns the base URL that serves it: a V2 chat client appends
   * `/v2/chat` to it.
   *
   * @param events How many content deltas.
   * @param pauseMs How long to pause after the first content delta (0: no pause).
   */
  baseUrl(events: number, pauseMs?: number): string;
  /**
   * Renders the stream (once) and returns the length of its body.
   *
   * @param events How many content deltas.
   * @param pauseMs How long to pause after the first content delta (0: no pause).
   */
  bodyBytes(events: number, pauseMs?: number): number;
  /** Closes the server and every connection. */
  close(): Promise<void>;
}

/** The stream of `events` deltas, cut after the first delta when there is a pause. */
function render(events: number, pauseMs: number): RenderedStream {
  const body = v2ChatSse(events, false);
  if (pauseMs === 0) return { head: body, rest: Buffer.alloc(0) };
  const firstDelta = body.indexOf('event: content-delta\n');
  const cut = body.indexOf('\n\n', firstDelta) + 2;
  return { head: body.subarray(0, cut), rest: body.subarray(cut) };
}

/**
 * Starts the server on 127.0.0.1, on an ephemeral port. It answers `POST
 * /b/<events>/<pauseMs>/v2/chat` with `content-type: text/event-stream` (chunked, keep-alive):
 * `message-start`, `content-start`, the deltas, `content-end`, `message-end` with usage.
 *
 * @returns The running server.
 */
export async function startSseServer(): Promise<SseServer> {
  const rendered = new Map<string, RenderedStream>();
  const server = createServer((req, res) => {
    req.resume();
    const match = /^\/b\/(\d+)\/(\d+)\/v2\/chat$/.exec(req.url ?? '');
    const stream = match === null ? undefined : rendered.get(`${match[1]}/${match[2]}`);
    if (req.method !== 'POST' || stream === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown stream');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    void (async () => {
      await writeSlices(res, stream.head);
      if (stream.rest.length > 0) {
        await delay(Number(match?.[2]));
        await writeSlices(res, stream.rest);
      }
      res.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, resolve));
  const { port } = server.address() as AddressInfo;
  const renderedKey = (events: number, pauseMs: number) => {
    const key = `${events}/${pauseMs}`;
    if (!rendered.has(key)) rendered.set(key, render(events, pauseMs));
    return key;
  };
  return {
    baseUrl: (events, pauseMs = 0) => `http://127.0.0.1:${port}/b/${renderedKey(events, pauseMs)}`,
    bodyBytes(events, pauseMs = 0) {
      const stream = rendered.get(renderedKey(events, pauseMs));
      return (stream?.head.length ?? 0) + (stream?.rest.length ?? 0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
