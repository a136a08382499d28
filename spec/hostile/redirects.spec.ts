/**
 * Redirects are never followed silently: not by default (a RedirectError naming the status and
 * the Location), and with `redirects: 'follow-same-origin'` only to the origin of `baseUrl`, with
 * the same POST.
 */
import { inspect } from 'node:util';
import type { Observable } from 'rxjs';
import { chatStream, fromCohere, InvalidOptionError, MAX_REDIRECTS, RedirectError, type FromCohereOptions } from '../../lib/index';
import { fails, streams, toSseText, type MockCohereServer, type MockHandler } from '../../lib/testing/index';
import { startTestServer, useMockServer } from '../helpers/mock-server';
import { chatBody, END, outcome, START } from '../helpers/http-stream';

const TOKEN = 'sk-REDIRECTKEY-42';
const PROXY_KEY = 'pk-PROXYREDIRECT-7';

const server = useMockServer();
/** Another origin: another port of 127.0.0.1. */
let elsewhere: MockCohereServer;
beforeAll(async () => {
  elsewhere = await startTestServer();
});
afterAll(() => elsewhere.close());
beforeEach(() => elsewhere.reset());

const options = (extra: FromCohereOptions = {}): FromCohereOptions => ({
  token: TOKEN,
  headers: { 'X-Api-Key': PROXY_KEY, 'X-Trace': 'spec' },
  baseUrl: server.baseUrl,
  retry: { count: 2, baseDelayMs: 5, maxDelayMs: 20 },
  timeouts: { headersMs: 5000, firstFrameMs: 5000, idleMs: 5000 },
  ...extra,
});
const settle = <T>(source: Observable<T>) => outcome(source);
const redirect = (status: number, location: string): MockHandler => fails(status, `<a href="${location}">moved</a>`, { location, 'content-type': 'text/html' });
const answer = () => streams(toSseText([START, END]));

describe('by default, no redirect is followed', () => {
  test.each([301, 302, 303, 307, 308])(
    '%i to another origin: a RedirectError naming the status and the Location; nothing reaches the target',
    async (status) => {
      const location = `${elsewhere.baseUrl}/v2/chat`;
      server.reply(redirect(status, location));
      elsewhere.reply(answer());
      const { values, error } = await settle(chatStream(chatBody, options()));
      expect(values).toEqual([]);
      expect(error).toBeInstanceOf(RedirectError);
      expect(error).toMatchObject({ name: 'RedirectError', status, location, reason: 'not-followed', endpoint: 'v2/chat' });
      expect((error as Error).message).toContain(String(status));
      expect((error as Error).message).toContain(location);
      expect((error as Error).message).toContain("redirects: 'follow-same-origin'");
      // Not retried, not followed, not turned into a GET.
      expect(server.requests).toHaveLength(1);
      expect(elsewhere.requests).toHaveLength(0);
    },
  );

  test('a redirect to the same origin is not followed either', async () => {
    server.reply(redirect(307, '/v2/chat-moved'), answer());
    const { error } = await settle(fromCohere('v2/chat', chatBody, options()));
    expect(error).toMatchObject({ name: 'RedirectError', status: 307, location: '/v2/chat-moved', reason: 'not-followed' });
    expect(server.requests).toHaveLength(1);
  });

  test('a Location that carries a credential has it redacted', async () => {
    const location = `${elsewhere.baseUrl}/v2/chat?key=${encodeURIComponent(TOKEN)}&proxy=${PROXY_KEY}`;
    server.reply(redirect(308, location));
    const { error } = await settle(chatStream(chatBody, options()));
    expect(error).toBeInstanceOf(RedirectError);
    for (const text of [inspect(error), JSON.stringify(error), String(error)]) {
      expect(text).not.toContain('REDIRECTKEY');
      expect(text).not.toContain('PROXYREDIRECT');
    }
    expect((error as RedirectError).location).toContain('[redacted]');
  });
});

describe("redirects: 'follow-same-origin'", () => {
  const follow = (extra: FromCohereOptions = {}) => options({ redirects: 'follow-same-origin', ...extra });

  test.each([301, 302, 307, 308])('%i to the same origin is followed with the same POST, body and headers', async (status) => {
    server.reply(redirect(status, '/v2/chat-moved'), answer());
    const { values, error } = await settle(fromCohere('v2/chat', chatBody, follow()));
    expect(error).toBeUndefined();
    expect(values).toEqual([START, END]);
    const [first, second] = server.requests;
    expect(second?.path).toBe('/v2/chat-moved');
    expect(second?.method).toBe('POST');
    expect(second?.body).toBe(first?.body);
    expect(second?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(second?.headers['x-api-key']).toBe(PROXY_KEY);
    expect(second?.headers['x-trace']).toBe('spec');
  });

  test('an absolute Location on the same origin is followed too', async () => {
    server.reply(redirect(307, `${server.baseUrl}/v2/chat?region=eu`), answer());
    expect((await settle(fromCohere('v2/chat', chatBody, follow()))).values).toEqual([START, END]);
    expect(server.requests[1]?.path).toBe('/v2/chat?region=eu');
  });

  test.each([301, 302, 307, 308])('%i to another origin is a RedirectError, and neither the prompt nor a credential reaches it', async (status) => {
    server.reply(redirect(status, `${elsewhere.baseUrl}/v2/chat`));
    elsewhere.reply(answer());
    const { error } = await settle(chatStream(chatBody, follow()));
    expect(error).toMatchObject({ name: 'RedirectError', status, reason: 'cross-origin' });
    expect(elsewhere.requests).toHaveLength(0);
  });

  test('another scheme or port on the same host is another origin', async () => {
    const port = new URL(server.baseUrl).port;
    for (const location of [`https://127.0.0.1:${port}/v2/chat`, `http://localhost:${port}/v2/chat`, `${elsewhere.baseUrl}/v2/chat`]) {
      server.reply(redirect(307, location));
      const { error } = await settle(fromCohere('v2/chat', chatBody, follow()));
      expect(error).toMatchObject({ name: 'RedirectError', reason: 'cross-origin', location });
    }
    expect(elsewhere.requests).toHaveLength(0);
  });

  test('a 303, which asks for a GET, is a RedirectError: its answer cannot be the stream', async () => {
    server.reply(redirect(303, '/v2/result'), answer());
    const { error } = await settle(fromCohere('v2/chat', chatBody, follow()));
    expect(error).toMatchObject({ name: 'RedirectError', status: 303, reason: 'changes-method' });
    expect(server.requests).toHaveLength(1);
  });

  test('a redirect without a Location, or with one that is not a URL, is a RedirectError', async () => {
    server.reply(fails(307, 'moved'), redirect(307, 'http://[not-a-host/'));
    expect((await settle(fromCohere('v2/chat', chatBody, follow()))).error).toMatchObject({ name: 'RedirectError', reason: 'no-target', location: undefined });
    expect((await settle(fromCohere('v2/chat', chatBody, follow()))).error).toMatchObject({ name: 'RedirectError', reason: 'no-target' });
  });

  test(`a loop is cut after ${MAX_REDIRECTS} redirects`, async () => {
    server.route(/^\/v2\/chat/, redirect(307, '/v2/chat'));
    const { error } = await settle(fromCohere('v2/chat', chatBody, follow()));
    expect(error).toMatchObject({ name: 'RedirectError', reason: 'too-many' });
    expect(server.requests).toHaveLength(MAX_REDIRECTS + 1);
  });

  test("a browser's opaque redirect (status 0, no Location) is a RedirectError", async () => {
    // What a browser's fetch gives for a redirect with `redirect: 'manual'`: Node's cannot make one.
    const browserFetch: FromCohereOptions['fetch'] = (_url, init) => {
      expect(init.redirect).toBe('manual');
      return Promise.resolve({ type: 'opaqueredirect', status: 0, ok: false, headers: new Headers(), body: null } as unknown as Response);
    };
    for (const redirects of ['error', 'follow-same-origin'] as const) {
      const { error } = await settle(fromCohere('v2/chat', chatBody, options({ fetch: browserFetch, redirects })));
      expect(error).toMatchObject({ name: 'RedirectError', status: 0, location: undefined, reason: redirects === 'error' ? 'not-followed' : 'no-target' });
      expect((error as Error).message).toContain('a redirect the browser hides');
    }
  });
});

test('redirects takes only its two values, checked at the call', () => {
  for (const value of ['follow', true, 'manual']) {
    expect(() => fromCohere('v2/chat', chatBody, { redirects: value as 'error' })).toThrow(InvalidOptionError);
  }
  expect(() => chatStream(chatBody, { redirects: 'follow' as 'error' })).toThrow("The option redirects accepts 'error' or 'follow-same-origin'");
});
