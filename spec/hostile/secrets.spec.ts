/**
 * The API key and credential headers never leave in an error, whatever a server echoes and
 * however it escapes it: error bodies, status texts, headers, frames, schema issues and causes,
 * read through every way an error is shown.
 */
import { inspect } from 'node:util';
import type { Observable } from 'rxjs';
import {
  accumulateChat,
  chatStream,
  chatStreamV1,
  CohereHttpError,
  CohereStreamError,
  ConnectionError,
  DecodeError,
  fromCohere,
  generateStream,
  IncompleteStreamError,
  SchemaError,
  type FromCohereOptions,
} from '../../lib/index';
import { fails, JSON_LINES_CONTENT_TYPE, streams, toSseText } from '../../lib/testing/index';
import { useMockServer } from '../helpers/mock-server';
import { chatBody, delta, outcome, START } from '../helpers/http-stream';

const server = useMockServer();

/** The secrets: each has a part no message could contain by chance. */
const TOKEN = 'sk-KEYPART-123/aB"c';
const PROXY_KEY = 'pk-PROXYPART-456';
const SESSION = 'SESSIONPART-789';
const MARKERS = ['KEYPART', 'PROXYPART', 'SESSIONPART'];

const options = (extra: FromCohereOptions = {}): FromCohereOptions => ({
  token: TOKEN,
  headers: { 'X-Api-Key': PROXY_KEY, Cookie: `lang=en; session=${SESSION}` },
  baseUrl: server.baseUrl,
  retry: { count: 0 },
  timeouts: { headersMs: 5000, firstFrameMs: 5000, idleMs: 5000 },
  ...extra,
});

/** A text with every escape a server could have used undone (several times over, for escapes of escapes). */
function unescapeAll(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    current = current
      .replace(/\\+u([0-9a-f]{4})/gi, (_m, code: string) => String.fromCharCode(parseInt(code, 16)))
      .replace(/\\+x([0-9a-f]{2})/gi, (_m, code: string) => String.fromCharCode(parseInt(code, 16)))
      .replace(/%([0-9a-f]{2})/gi, (_m, code: string) => String.fromCharCode(parseInt(code, 16)))
      .replace(/&#x0*([0-9a-f]+);/gi, (_m, code: string) => String.fromCharCode(parseInt(code, 16)))
      .replace(/&#0*([0-9]+);/g, (_m, code: string) => String.fromCharCode(parseInt(code, 10)))
      .replace(/\\+\//g, '/');
  }
  return current.toUpperCase();
}

/** Every way an error is shown: no secret in any, escaped or not. */
function expectNoSecret(error: unknown): void {
  expect(error).toBeInstanceOf(CohereStreamError);
  const shown = [
    String(error),
    (error as Error).message,
    (error as Error).stack ?? '',
    inspect(error, { depth: 20 }),
    inspect(error, { depth: 20, showHidden: true }),
    JSON.stringify(error),
  ];
  for (let cause = (error as Error).cause; cause !== undefined && cause !== null; cause = (cause as Error).cause) shown.push(inspect(cause, { depth: 20 }));
  for (const text of shown) for (const marker of MARKERS) expect(unescapeAll(text)).not.toContain(marker);
}

const settle = <T>(source: Observable<T>) => outcome(source);

/** The forms a server may echo a secret in. */
const forms = (secret: string): readonly [string, string][] => [
  ['as is', secret],
  ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ['every character \\u-escaped', Array.from(secret, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
  ['hyphens as \\u002d, slashes as \\/', secret.replace(/-/g, '\\u002d').replace(/\//g, '\\/').replace(/"/g, '\\"')],
  ['escaped twice', JSON.stringify(JSON.stringify(secret)).slice(3, -3)],
  ['upper-case hex escapes', secret.replace(/-/g, '\\u002D')],
  ['percent-encoded', encodeURIComponent(secret)],
  ['HTML character references', Array.from(secret, (c) => (/[a-z0-9]/i.test(c) ? c : `&#x${c.charCodeAt(0).toString(16)};`)).join('')],
];

describe('an error status whose body echoes a secret', () => {
  describe.each([
    ['the token', TOKEN],
    ['an X-Api-Key header', PROXY_KEY],
    ['a cookie', SESSION],
  ])('%s', (_name, secret) => {
    test.each(forms(secret))('%s: no trace in cohereMessage, message, stack, String, inspect or JSON', async (_form, echoed) => {
      server.reply(fails(401, `{"message":"invalid api token: Bearer ${echoed}","echo":"${echoed}"}`));
      const { error } = await settle(chatStream(chatBody, options()));
      expect(error).toBeInstanceOf(CohereHttpError);
      expect((error as CohereHttpError).cohereMessage).toContain('[redacted]');
      expectNoSecret(error);
    });
  });

  test('a status text and kept headers that echo a secret escaped', async () => {
    const escaped = TOKEN.replace(/-/g, '\\u002d');
    server.reply((reply) => {
      reply.head(
        429,
        { 'content-type': 'text/plain', 'x-request-id': `r-${encodeURIComponent(PROXY_KEY)}`, 'retry-after': escaped },
        { statusText: `Slow ${encodeURIComponent(TOKEN)}` },
      );
      reply.end(`nope ${escaped}`);
    });
    const { error } = await settle(fromCohere('v2/chat', chatBody, options()));
    expect(error).toMatchObject({ status: 429 });
    expectNoSecret(error);
  });

  test.each([
    ['as is', TOKEN],
    ['escaped', TOKEN.replace(/-/g, '\\u002d').replace(/\//g, '\\/').replace(/"/g, '\\"')],
  ])('a long body echoing the token %s across the length limit keeps no piece of it, wherever the cut falls', async (_form, echoed) => {
    for (let shift = 0; shift < echoed.length + 2; shift += 3) {
      server.reply(fails(500, `${'x'.repeat(4096 - shift)}${echoed}${'y'.repeat(2000)}`, { 'content-type': 'text/html' }));
      const { error } = await settle(fromCohere('v2/chat', chatBody, options()));
      expect(error).toMatchObject({ status: 500, bodyTruncated: true });
      // The first characters of the key are enough to be a leak.
      expect(unescapeAll((error as CohereHttpError).body)).not.toContain(unescapeAll(TOKEN.slice(0, 5)));
      expectNoSecret(error);
    }
  });

  test('the key from CO_API_KEY is redacted as well', async () => {
    const saved = process.env['CO_API_KEY'];
    process.env['CO_API_KEY'] = TOKEN;
    try {
      server.reply(fails(401, `{"message":"bad key ${TOKEN.replace(/-/g, '\\u002d')}"}`));
      const { error } = await settle(chatStream(chatBody, { ...options(), token: undefined }));
      expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
      expectNoSecret(error);
    } finally {
      if (saved === undefined) delete process.env['CO_API_KEY'];
      else process.env['CO_API_KEY'] = saved;
    }
  });
});

describe('a 200 answer whose frames echo a secret', () => {
  test('a frame that is not JSON: the DecodeError frame and message hold no secret', async () => {
    server.reply(streams(toSseText([START, `{"broken": Bearer ${TOKEN.replace(/-/g, '\\u002d')}`])));
    const { values, error } = await settle(chatStream(chatBody, options()));
    expect(values).toHaveLength(1);
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).frame).toContain('[redacted]');
    expectNoSecret(error);
  });

  test('a member of the wrong type: the SchemaError message, received, issues and frame hold no secret', async () => {
    server.reply(streams(toSseText([START, JSON.stringify({ type: 'content-delta', index: `key ${TOKEN}`, delta: { message: { content: { text: 'x' } } } })])));
    const { error } = await settle(chatStream(chatBody, options()));
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).received).toContain('[redacted]');
    expectNoSecret(error);
  });

  test('V1 chat and generate too (JSON lines), with a proxy key echoed percent-encoded', async () => {
    const line = `{"event_type":"text-generation","text":7,"note":"${encodeURIComponent(PROXY_KEY)}"}\n`;
    server.reply(
      streams(line, { contentType: JSON_LINES_CONTENT_TYPE }),
      streams(`{"event_type":"text-generation","text":"${PROXY_KEY}`, { contentType: JSON_LINES_CONTENT_TYPE }),
    );
    expectNoSecret((await settle(chatStreamV1({ message: 'Hi' }, options()))).error);
    const truncated = (await settle(generateStream({ prompt: 'Hi' }, options()))).error;
    expect(truncated).toMatchObject({ name: 'DecodeError', reason: 'truncated' });
    expectNoSecret(truncated);
  });

  test('fromCohere alone redacts its framing errors (a truncated frame quoting the key)', async () => {
    server.reply(streams(`data: {"type":"message-start","id":"${TOKEN.replace(/"/g, '\\"')}`));
    const { error } = await settle(fromCohere('v2/chat', chatBody, options()));
    expect(error).toMatchObject({ name: 'DecodeError', reason: 'truncated' });
    expectNoSecret(error);
  });

  test('after events, the IncompleteStreamError of accumulateChat() quotes a redacted cause', async () => {
    const contentStart = JSON.stringify({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    server.reply(streams(toSseText([START, contentStart, delta('Hel'), `{"oops":"${TOKEN.replace(/\//g, '\\/').replace(/"/g, '\\"')}"`])));
    const { error } = await settle(chatStream(chatBody, options()).pipe(accumulateChat()));
    expect(error).toBeInstanceOf(IncompleteStreamError);
    expectNoSecret(error);
  });
});

describe('causes', () => {
  test('a fetch whose failure quotes the request headers: the ConnectionError and its cause chain hold no secret', async () => {
    const leaky: FromCohereOptions['fetch'] = (url, init) => {
      const headers = JSON.stringify([...new Headers(init.headers).entries()]);
      return Promise.reject(new TypeError(`fetch failed for ${url}`, { cause: new Error(`proxy refused ${headers}`) }));
    };
    const { error } = await settle(chatStream(chatBody, options({ fetch: leaky })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 20 })).toContain('[redacted]');
    expectNoSecret(error);
  });
});
