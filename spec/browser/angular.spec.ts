import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  chatV2Event,
  chatV2Events,
  fails,
  sseStream,
  startMockCohereServer,
  streams,
  toSseText,
  type MockCohereServer,
  type MockHandler,
} from '../../lib/testing/index';
import { closedWithin } from '../helpers/mock-server';
import { ROOT } from '../package/packed-package';
import { buildAngularExample } from './angular-example';
import { describeInChromium, launchChromium } from './chromium';

/** Set to write the screenshot of the streamed answer into docs/ (a committed file: only when asked). */
const SCREENSHOT = process.env['UPDATE_SCREENSHOTS'] === '1' ? join(ROOT, 'docs', 'images', 'angular-chat.png') : undefined;

/** V2 chat events as Cohere frames them, without the closing `[DONE]`. */
const frames = (...events: object[]): string => toSseText(events, { done: false });

/** A promise the test opens when it has seen what it waits for. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describeInChromium('the Angular example, built with ng build (AOT), in Chromium', () => {
  let server: MockCohereServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const app = await buildAngularExample();
    // The app and its backend route on one origin, as in production; unscripted requests get a 599.
    server = await startMockCohereServer({ staticRoot: app, fallback: fails(599, 'no scenario queued', { 'content-type': 'text/plain' }) });
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    server.reset();
    page = await browser.newPage({ viewport: { width: 760, height: 400 } });
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector('input[name="prompt"]');
  });
  afterEach(() => page.close());

  /** Types a prompt and sends it, as a user does. */
  async function ask(prompt: string): Promise<void> {
    await page.fill('input[name="prompt"]', prompt);
    await page.click('button[type="submit"]');
  }

  const answerIs = (text: string) => page.waitForFunction((expected) => document.querySelector('.answer')?.textContent === expected, text);

  test('streams the answer into the page while the server is still sending, then shows the finish reason', async () => {
    const gates = [gate(), gate()];
    let ended = false;
    const answer: MockHandler = async (reply) => {
      reply.head(200, { 'content-type': 'text/event-stream' });
      await reply.write(frames(chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('The emperor penguin')));
      await gates[0]?.opened;
      await reply.write(frames(chatV2Event.text(' is the tallest')));
      await gates[1]?.opened;
      await reply.write(frames(chatV2Event.text(' of all penguins, up to 1.3 m.'), chatV2Event.contentEnd(), chatV2Event.end()) + 'data: [DONE]\n\n');
      ended = true;
      reply.end();
    };
    server.reply(answer);

    await ask('Which penguin is the tallest?');
    await answerIs('The emperor penguin');
    expect([await page.textContent('.status'), ended]).toEqual(['Streaming…', false]);
    gates[0]?.open();
    await answerIs('The emperor penguin is the tallest');
    expect([await page.textContent('.status'), ended]).toEqual(['Streaming…', false]);
    gates[1]?.open();
    await page.waitForSelector('.finish');

    expect(await page.textContent('.answer')).toBe('The emperor penguin is the tallest of all penguins, up to 1.3 m.');
    expect(await page.textContent('.finish')).toBe('Finished: COMPLETE');
    expect(await page.$('.status')).toBeNull();
    const [seen] = server.requests;
    expect(seen).toMatchObject({
      method: 'POST',
      path: '/api/chat',
      json: { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Which penguin is the tallest?' }], stream: true },
    });
    expect(seen?.headers.accept).toBe('text/event-stream');
    expect(seen?.headers['user-agent']).toMatch(/Chrome/);

    const png = await page.screenshot();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    if (SCREENSHOT !== undefined) writeFileSync(SCREENSHOT, png);
  }, 60_000);

  test('a second prompt aborts the answer still streaming: the server sees its connection close', async () => {
    server.reply(
      streams(frames(chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('A first answer that never ends')), { then: 'stall' }),
      sseStream(chatV2Events({ text: ['The second', ' answer.'] })),
    );

    await ask('first');
    await answerIs('A first answer that never ends');
    await ask('second');
    await page.waitForSelector('.finish');

    expect(await page.textContent('.answer')).toBe('The second answer.');
    expect(server.requests.map((request) => (request.json as { messages: { content: string }[] }).messages[0]?.content)).toEqual(['first', 'second']);
    await closedWithin(server.requests[0], 5000);
    expect(server.requests[0]?.closedEarly()).toBe(true);
  }, 60_000);

  test('a stream cut mid-answer shows the partial text and an error', async () => {
    const shown = gate();
    server.reply(async (reply) => {
      reply.head(200, { 'content-type': 'text/event-stream' });
      await reply.write(frames(chatV2Event.start(), chatV2Event.contentStart(), chatV2Event.text('Emperor penguins live in')));
      await shown.opened;
      reply.drop();
    });

    await ask('Where do emperor penguins live?');
    await answerIs('Emperor penguins live in');
    shown.open();
    await page.waitForSelector('.error');

    expect(await page.textContent('.answer')).toBe('Emperor penguins live in');
    expect(await page.textContent('.error')).toBe('The answer was cut off before its end; send the message again for a complete one.');
    expect(await page.getAttribute('.error', 'role')).toBe('alert');
    expect([await page.$('.finish'), await page.$('.status')]).toEqual([null, null]);
  }, 60_000);

  test('a 401 from the backend shows an error', async () => {
    server.reply(fails(401, { message: 'invalid api token' }));

    await ask('Hello');
    await page.waitForSelector('.error');

    expect(await page.textContent('.error')).toBe('The chat service answered 401: invalid api token.');
    expect(await page.textContent('.answer')).toBe('');
  }, 60_000);
});
