/**
 * The API reference builds from the TSDoc with no warning: `typedoc.json` treats warnings as
 * errors (an export whose signature names a type the docs leave out, a broken `{@link}`, an
 * unknown tag), and this runs it as `npm run docs` does, into a temporary directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presentEntries, ROOT } from './package-entries';

interface TypedocConfig {
  readonly entryPoints: readonly string[];
  readonly treatWarningsAsErrors: boolean;
}

const config = JSON.parse(readFileSync(join(ROOT, 'typedoc.json'), 'utf8')) as TypedocConfig;

test('the API reference covers every entry point of the package', () => {
  expect([...config.entryPoints].sort()).toEqual(
    presentEntries()
      .map(([, source]) => source)
      .sort(),
  );
  expect(config.treatWarningsAsErrors).toBe(true);
});

test('the API reference builds without a warning', async () => {
  const out = mkdtempSync(join(tmpdir(), 'cohere-rx-api-'));
  try {
    // TypeDoc is an ES module: it runs in its own process.
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'node_modules/typedoc/bin/typedoc'), '--out', out], { cwd: ROOT, timeout: 170_000 }, (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          // Without its colours.
          output: (stdout + stderr).replace(/\u001b\[\d+m/g, ''),
        }),
      );
    });
    expect(output).not.toMatch(/\[(warning|error)\]/);
    expect(code).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);
