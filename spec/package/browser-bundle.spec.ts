import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatV2Events, sseStream, startMockCohereServer } from '../../lib/testing/index';
import { browserViolations, bundleForBrowser, PEERS, type BrowserBundle } from './browser-bundle';
import { runScript } from './packed-package';

/**
 * The globals Node has and browsers do not. Declared `undefined` at the top of a bundle, they
 * hide Node's for the bundle's code only: what reads them then behaves as in a browser.
 */
const NODE_ONLY_GLOBALS = ['process', 'Buffer', 'global', 'setImmediate', 'clearImmediate'];

/** Streams a V2 chat from the bundle, with no key given, and reports the final response. */
const STREAM_FROM_BUNDLE = `
  const { accumulateChat, chatStream } = await load('./root-bundle.mjs');
  const body = { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] };
  const chat = await new Promise((resolve, reject) =>
    chatStream(body, { baseUrl: JSON.parse(process.argv[2]) }).pipe(accumulateChat()).subscribe({ next: resolve, error: reject }),
  );
  process.stdout.write(JSON.stringify({ finish_reason: chat.finish_reason, content: chat.message.content }));
`;

let withPeers: BrowserBundle;
let rootOnly: BrowserBundle;

beforeAll(async () => {
  withPeers = await bundleForBrowser([]);
  rootOnly = await bundleForBrowser(PEERS);
}, 120_000);

describe('the root entry in a browser bundle', () => {
  test('reaches no Node built-in, no AWS SDK or smithy module, with or without its peers bundled', () => {
    expect(browserViolations(withPeers)).toEqual([]);
    expect(browserViolations(rootOnly)).toEqual([]);
    for (const pkg of PEERS) expect(withPeers.inputs.some((input) => input.startsWith(`node_modules/${pkg}/`))).toBe(true);
    expect(rootOnly.inputs.filter((input) => /^node_modules\/(rxjs|zod)\//.test(input))).toEqual([]);
    expect(rootOnly.imports).toEqual(expect.arrayContaining([...PEERS]));
  });

  test("takes zod's schemas and its English messages, not its other locales", () => {
    const locales = withPeers.contributing.filter((input) => input.includes('/locales/'));
    expect(locales.length).toBeGreaterThan(0);
    expect(locales.filter((input) => !/\/locales\/en\.[cm]?js$/.test(input))).toEqual([]);
  });

  test('runs where Node-only globals do not exist: streams a chat, and reads no key from the environment', async () => {
    const server = await startMockCohereServer();
    const dir = mkdtempSync(join(tmpdir(), 'cohere-rx-browser-'));
    try {
      const banner = `const ${NODE_ONLY_GLOBALS.map((name) => `${name} = undefined`).join(', ')};`;
      writeFileSync(join(dir, 'root-bundle.mjs'), (await bundleForBrowser([], { banner: { js: banner } })).code);
      server.reply(sseStream(chatV2Events({ text: ['Hello', ' from a browser bundle'] })));
      const chat = await runScript(dir, 'esm', 'stream-from-bundle', STREAM_FROM_BUNDLE, server.baseUrl, { CO_API_KEY: 'key-a-browser-cannot-read' });
      expect(chat).toEqual({ finish_reason: 'COMPLETE', content: [{ type: 'text', text: 'Hello from a browser bundle' }] });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.headers['authorization']).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  }, 60_000);
});
