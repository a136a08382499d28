/**
 * The transport's Node client: in Node, `fromCohere` reads answers with `node:http`, unless the
 * `fetch` option is given or a custom global dispatcher is set for `fetch`. A plain node:http
 * server on 127.0.0.1 shows what the client sends and how it reads.
 */
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { lastValueFrom } from 'rxjs';
import { accumulateChat, chatStream, ConnectionError, fromCohere, responseText } from '../../lib/index';
import { chatV2Events, toSseText } from '../../lib/testing/index';
import { chatBody, outcome } from '../helpers/http-stream';

/** What the server saw of a request. */
interface Seen {
  readonly headers: IncomingHttpHeaders;
  readonly remotePort: number | undefined;
}

const sseOf = (text: readonly string[]) => toSseText(chatV2Events({ text }).map((event) => JSON.stringify(event)));
const SSE = sseOf(['Hello', ' there']);

let server: Server;
let baseUrl = '';
const seen: Seen[] = [];
/** How the next requests are answered, in order. */
let answers: ((response: ServerResponse) => void)[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push({ headers: request.headers, remotePort: request.socket.remotePort });
    request.resume();
    request.on('end', () => (answers.shift() ?? ((r: ServerResponse) => r.writeHead(500).end('unscripted')))(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  answers = [];
});

const sse = (response: ServerResponse) => response.writeHead(200, { 'content-type': 'text/event-stream' }).end(SSE);
const text = (extra = {}) => lastValueFrom(chatStream(chatBody, { baseUrl, token: 'node-http-token', ...extra }).pipe(accumulateChat())).then(responseText);

describe('the Node client', () => {
  test('sends the request with node:http: no user agent, no compression asked, the body with its length', async () => {
    answers = [sse];
    expect(await text()).toBe('Hello there');
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer node-http-token', accept: 'text/event-stream', 'content-type': 'application/json' });
    expect(seen[0]?.headers['user-agent']).toBeUndefined();
    expect(seen[0]?.headers['accept-encoding']).toBeUndefined();
    expect(Number(seen[0]?.headers['content-length'])).toBeGreaterThan(0);
  });

  test('an answer read to its end gives its connection back: the next request reuses it, and nothing is thrown after the end', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      answers = [sse, sse];
      await text();
      await text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toHaveLength(2);
      expect(seen[1]?.remotePort).toBe(seen[0]?.remotePort);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });

  test('a streamed answer that ends at data: [DONE], its last chunk written after it, gives its connection back too', async () => {
    // Chunked, written piece by piece: the framer ends the stream at [DONE] while the response's
    // end (the last chunk) is parsed after it.
    const streamed = (response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(SSE);
      response.write('data: [DONE]\n\n');
      response.end();
    };
    answers = [streamed, streamed, streamed];
    for (let i = 0; i < 3; i++) expect(await text()).toBe('Hello there');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((request) => request.remotePort)).size).toBe(1);
  });

  test('a base URL whose scheme is written in capitals is still https: the request speaks TLS', async () => {
    // The loopback server speaks plain HTTP, so a TLS client fails its handshake; plain HTTP sent
    // to an https URL would fail earlier, with ERR_INVALID_PROTOCOL.
    const result = await outcome(fromCohere('v2/chat', chatBody, { baseUrl: baseUrl.replace(/^http:/, 'HTTPS:'), retry: { count: 0 } }));
    expect(result.error).toBeInstanceOf(ConnectionError);
    expect((result.error as ConnectionError).cause).not.toMatchObject({ code: 'ERR_INVALID_PROTOCOL' });
  });

  test.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ])('a body a server compressed anyway (%s) is decompressed, as fetch would', async (coding, compress) => {
    answers = [(response) => response.writeHead(200, { 'content-type': 'text/event-stream', 'content-encoding': coding }).end(compress(Buffer.from(SSE)))];
    expect(await text()).toBe('Hello there');
  });

  test('a body cut mid-stream is a ConnectionError after the frames before the cut', async () => {
    answers = [
      (response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.write(sseOf(['Hel', 'lo']).split('\n\n').slice(0, 3).join('\n\n') + '\n\n');
        setTimeout(() => response.socket?.destroy(), 20);
      },
    ];
    const result = await outcome(fromCohere('v2/chat', chatBody, { baseUrl, retry: { count: 0 } }));
    expect(result.values).toHaveLength(3);
    expect(result.error).toBeInstanceOf(ConnectionError);
  });

  test('the fetch option is used when given: its requests carry undici’s user agent', async () => {
    answers = [sse];
    expect(await text({ fetch: (input: string, init: RequestInit) => fetch(input, init) })).toBe('Hello there');
    expect(seen[0]?.headers['user-agent']).toBe('node');
  });

  test('a custom global dispatcher for fetch (a proxy, TLS options) sends the requests through fetch; the plain one fetch makes for itself does not', async () => {
    // undici keeps its dispatcher on the process's real global, which a spec's sandbox does not
    // share: a child process shows the real thing.
    answers = [sse, sse, sse];
    const script = `
      const { lastValueFrom } = require('rxjs');
      const { chatStream } = require('./lib/index');
      const key = Symbol.for('undici.globalDispatcher.1');
      const chat = () => lastValueFrom(chatStream(${JSON.stringify(chatBody)}, { baseUrl: process.argv[1] }));
      (async () => {
        await fetch(process.argv[1] + '/warm-up').then((response) => response.text());
        await chat();
        globalThis[key] = new globalThis[key].constructor({ connections: 4 });
        await chat();
      })().catch((error) => { console.error(error); process.exitCode = 1; });
    `;
    await promisify(execFile)(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script, baseUrl], {
      cwd: join(__dirname, '..', '..'),
      timeout: 60_000,
    });
    expect(seen.map((request) => request.headers['user-agent'])).toEqual(['node', undefined, 'node']);
  }, 60_000);
});
