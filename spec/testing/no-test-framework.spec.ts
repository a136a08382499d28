import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const TESTING = join(ROOT, 'lib/testing');

/**
 * Runs in a plain Node process, without jest (TypeScript through ts-node): makes every test
 * framework unresolvable, logs each module the kit asks for, loads the kit, uses it, then starts
 * and closes the mock server. Prints what happened as JSON.
 */
const PROBE = `
const Module = require('node:module');
const load = Module._load;
const asked = [];
Module._load = function (request, ...rest) {
  asked.push(request);
  if (/^(jest|@jest\\/|expect$|vitest|jasmine|mocha|chai)/.test(request)) throw new Error('a test framework was loaded: ' + request);
  return load.call(this, request, ...rest);
};
(async () => {
  const kit = require('./lib/testing/index.ts');
  const atImport = asked.filter((request) => request.startsWith('node:') || !request.startsWith('.'));
  let compared = 0;
  kit.createMarbleScheduler((actual, expected) => {
    compared++;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error('marbles differ');
  }).run(({ cold, expectObservable }) => expectObservable(kit.coldFrames(cold, ['a', 'b'])).toBe('ab|', { a: 'a', b: 'b' }));
  const server = await kit.startMockCohereServer();
  const answer = await fetch(server.baseUrl + '/v2/chat', { method: 'POST', body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], stream: true }) });
  const body = await answer.text();
  await server.close();
  const frameworks = Object.keys(require.cache).filter((key) => /node_modules\\/(jest|@jest|expect|vitest|jasmine|mocha|chai)\\b/.test(key));
  process.stdout.write(JSON.stringify({
    atImport,
    globals: ['jest', 'expect', 'describe', 'test', 'vi'].filter((name) => name in globalThis),
    compared,
    streamed: body.includes('event: message-end') && body.endsWith('data: [DONE]\\n\\n'),
    frameworks,
  }));
})().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error && error.stack) }));
});
`;

interface ProbeResult {
  readonly atImport: string[];
  readonly globals: string[];
  readonly compared: number;
  readonly streamed: boolean;
  readonly frameworks: string[];
  readonly error?: string;
}

describe('cohere-rx/testing imports no test framework', () => {
  let probe: ProbeResult;
  beforeAll(() => {
    const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', PROBE], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), NODE_NO_WARNINGS: '1' },
      timeout: 60_000,
    });
    probe = JSON.parse(output) as ProbeResult;
  }, 60_000);

  test('in a process without jest, with every test framework unresolvable, the kit loads, runs marbles and serves a stream', () => {
    expect(probe.error).toBeUndefined();
    expect(probe.globals).toEqual([]);
    expect(probe.frameworks).toEqual([]);
    expect(probe.compared).toBeGreaterThan(0);
    expect(probe.streamed).toBe(true);
  });

  test("importing it loads only its peers (rxjs, zod): none of Node's modules, which the mock server loads when it starts", () => {
    expect(probe.atImport.length).toBeGreaterThan(0);
    expect([...new Set(probe.atImport)].filter((request) => !/^(rxjs|zod)(\/|$)/.test(request))).toEqual([]);
  });

  test('its sources import nothing but their own modules and rxjs at runtime (type-only imports aside)', () => {
    const runtimeImports = readdirSync(TESTING)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        [...readFileSync(join(TESTING, name), 'utf8').matchAll(/^(?:import|export) (?!type )[^;]*? from '([^']+)';/gms)].map((match) => match[1] ?? ''),
      );
    expect(runtimeImports.length).toBeGreaterThan(10);
    expect(runtimeImports.filter((specifier) => !specifier.startsWith('./') && !specifier.startsWith('../') && !/^rxjs(\/testing)?$/.test(specifier))).toEqual(
      [],
    );
  });
});
