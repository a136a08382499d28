import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, stop } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { ChatSnapshot, IncompleteStreamError } from '../../lib/index';
import { chatV2Event, chatV2Events, fails, sseStream, startMockCohereServer, toSseText, type MockCohereServer } from '../../lib/testing/index';
import { closedWithin } from '../helpers/mock-server';
import { ROOT } from '../package/packed-package';
import { ROOT_ENTRY } from '../package/browser-bundle';
import { describeInChromium, launchChromium } from './chromium';

/** The page's script: the built root entry (dist/index.mjs) and the rxjs functions the specs call, on `window`. */
const ENTRY = `
import * as cohereRx from ${JSON.stringify(ROOT_ENTRY)};
import { lastValueFrom, take, toArray } from 'rxjs';
globalThis.cohereRx = cohereRx;
globalThis.rx = { lastValueFrom, take, toArray };
`;

/** What the page's globals hold, for the functions `page.evaluate` runs there. */
declare const cohereRx: typeof import('../../lib/index');
declare const rx: Pick<typeof import('rxjs'), 'lastValueFrom' | 'take' | 'toArray'>;
declare function sawText(text: string): void;

const request = { model: 'command-a-03-2025', messages: [{ role: 'user' as const, content: 'Hi' }] };

describeInChromium("the root entry in Chromium: chatStream over the browser's own fetch", () => {
  let folder: string;
  let server: MockCohereServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'cohere-rx-browser-page-'));
    try {
      await build({
        stdin: { contents: ENTRY, resolveDir: ROOT, sourcefile: 'page.js', loader: 'js' },
        bundle: true,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        outfile: join(folder, 'page.js'),
        logLevel: 'silent',
      });
    } finally {
      await stop();
    }
    writeFileSync(
      join(folder, 'index.html'),
      '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>cohere-rx</title><script src="/page.js"></script>',
    );
    server = await startMockCohereServer({ staticRoot: folder, fallback: fails(599, 'no scenario queued', { 'content-type': 'text/plain' }) });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(async () => {
    server.reset();
    page = await browser.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForFunction(() => typeof cohereRx === 'object');
  });
  afterEach(() => page.close());

  test('streams a V2 chat from the same origin and accumulates the ChatResponse', async () => {
    server.reply(sseStream(chatV2Events({ text: ['Hello', ' from', ' Chromium 👋'] }), { pieceSize: 5 }));

    const response = await page.evaluate(async (body) => {
      const chat = await rx.lastValueFrom(cohereRx.chatStream(body, { baseUrl: location.origin, token: 'browser-key' }).pipe(cohereRx.accumulateChat()));
      return { finishReason: chat.finish_reason, content: chat.message.content };
    }, request);

    expect(response).toEqual({ finishReason: 'COMPLETE', content: [{ type: 'text', text: 'Hello from Chromium 👋' }] });
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/v2/chat', json: { ...request, stream: true } });
    expect(server.requests[0]?.headers).toMatchObject({
      authorization: 'Bearer browser-key',
      accept: 'text/event-stream',
      'user-agent': expect.stringMatching(/Chrome/),
    });
  }, 30_000);

  test('take(3) unsubscribes, and the browser closes the connection on the server', async () => {
    server.reply(sseStream(chatV2Events({ text: ['a', 'b', 'c'] }), { done: false, then: 'stall' }));

    const types = await page.evaluate(async (body) => {
      const events = await rx.lastValueFrom(cohereRx.chatStream(body, { baseUrl: location.origin }).pipe(rx.take(3), rx.toArray()));
      return events.map((event) => event.type);
    }, request);

    expect(types).toEqual(['message-start', 'content-start', 'content-delta']);
    await closedWithin(server.requests[0], 5000);
    expect(server.requests[0]?.closedEarly()).toBe(true);
  }, 30_000);

  test('a cut mid-answer is an IncompleteStreamError carrying the partial text, its cause a ConnectionError', async () => {
    let opened = (): void => undefined;
    const seen = new Promise<void>((resolve) => (opened = resolve));
    await page.exposeFunction('sawText', (text: string) => {
      if (text === 'Half an') opened();
    });
    server.reply(async (reply) => {
      reply.head(200, { 'content-type': 'text/event-stream' });
      await reply.write(toSseText([chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Half'), chatV2Event.text(' an')], { done: false }));
      await seen;
      reply.drop();
    });

    const failure = await page.evaluate(
      (body) =>
        new Promise((resolve) => {
          cohereRx
            .chatStream(body, { baseUrl: location.origin })
            .pipe(cohereRx.chatSnapshots())
            .subscribe({
              next: (snapshot) => sawText(snapshot.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join('')),
              error: (error: unknown) => {
                const incomplete = error instanceof cohereRx.IncompleteStreamError ? (error as IncompleteStreamError<ChatSnapshot>) : undefined;
                resolve({
                  name: (error as Error).name,
                  instance: incomplete !== undefined,
                  partial: incomplete?.partial.message.content.map((block) => (block?.type === 'text' ? block.text : '')).join(''),
                  cause: (incomplete?.cause as Error | undefined)?.name,
                });
              },
              complete: () => resolve('completed'),
            });
        }),
      request,
    );

    expect(failure).toEqual({ name: 'IncompleteStreamError', instance: true, partial: 'Half an', cause: 'ConnectionError' });
  }, 30_000);
});
