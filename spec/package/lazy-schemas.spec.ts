import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { childEnv, ROOT } from './packed-package';

/**
 * Loading the built package builds no zod schema: each schema is built the first time it is
 * used. A fresh `node` process loads zod, then counts the zod schemas created while it loads an
 * entry (every zod schema, whatever made it, defines its `_zod` member once), then while it uses
 * one exported schema: the second count shows that the probe sees schemas being built.
 */
const PROBE = `
  const built = { count: 0 };
  const defineProperty = Object.defineProperty;
  Object.defineProperty = function (target, key, descriptor) {
    if (key === '_zod') built.count++;
    return defineProperty.call(this, target, key, descriptor);
  };
  const entry = await load(process.argv[1]);
  const atLoad = built.count;
  const root = await load(process.argv[2]);
  const afterLoad = built.count;
  const parsed = root.TokenCounts.safeParse({ input_tokens: 1 }).success;
  process.stdout.write(JSON.stringify({ atLoad, rootAtLoad: afterLoad - atLoad, parsed, builtOnUse: built.count - afterLoad, exports: Object.keys(entry).length }));
`;

const SYSTEMS = {
  cjs: { args: ['-e'], prelude: `const load = async (file) => require(file); require('rxjs'); require('zod'); require('zod/v4/core');` },
  esm: {
    args: ['--input-type=module', '-e'],
    prelude: `const load = (file) => import(file); await import('rxjs'); await import('zod'); await import('zod/v4/core');`,
  },
} as const;

const ENTRIES = ['index', 'operators', 'bedrock', 'sagemaker', 'testing'] as const;

const CASES: readonly (readonly [keyof typeof SYSTEMS, string])[] = (['cjs', 'esm'] as const).flatMap((system) =>
  ENTRIES.map((entry) => [system, entry] as const),
);

const file = (system: keyof typeof SYSTEMS, entry: string) => {
  const path = join(ROOT, 'dist', `${entry}.${system === 'cjs' ? 'js' : 'mjs'}`);
  return system === 'cjs' ? path : pathToFileURL(path).href;
};

interface Probe {
  readonly atLoad: number;
  readonly rootAtLoad: number;
  readonly parsed: boolean;
  readonly builtOnUse: number;
  readonly exports: number;
}

async function probe(system: keyof typeof SYSTEMS, entry: string): Promise<Probe> {
  const { args, prelude } = SYSTEMS[system];
  const code = `${system === 'cjs' ? '(async () => {' : ''}${prelude}${PROBE}${system === 'cjs' ? '})();' : ''}`;
  const { stdout } = await promisify(execFile)(process.execPath, [...args, code, file(system, entry), file(system, 'index')], {
    cwd: ROOT,
    env: childEnv(),
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Probe;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
});

describe('loading the built package', () => {
  test.each(CASES)(
    'with %s, the %s entry builds no schema until one is used',
    async (system, entry) => {
      const result = await probe(system, entry);
      expect(result.exports).toBeGreaterThan(0);
      expect({ atLoad: result.atLoad, rootAtLoad: result.rootAtLoad, parsed: result.parsed }).toEqual({ atLoad: 0, rootAtLoad: 0, parsed: true });
      expect(result.builtOnUse).toBeGreaterThan(0);
    },
    60_000,
  );
});
