import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { where, type CodeBlock } from './markdown-code';
import { presentEntries, ROOT } from './package-entries';

/** What running an example gave. */
export interface ExampleRun {
  /** The exit code (`null` when a signal or the time limit ended it). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** How long one example may run. */
const EXAMPLE_TIME_LIMIT_MS = 30_000;

/** TypeScript to CommonJS JavaScript, one file on its own (no type information, as isolatedModules allows). */
function toCommonJs(source: string, fileName: string): string {
  return ts.transpileModule(source, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

/** Every `.ts` file under a directory of the repository, relative to the root. */
function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.isFile() && entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Installs the package, compiled from its sources to CommonJS, as `node_modules/cohere-rx` in
 * `dir`, with an `exports` map of its entry points: an example placed in `dir` requires
 * `cohere-rx` (and `cohere-rx/operators`, …) as a user's program would.
 */
export function installPackage(dir: string): void {
  const packageDir = join(dir, 'node_modules', 'cohere-rx');
  for (const source of [...sources('lib'), ...sources('operators')]) {
    const target = join(packageDir, source.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, toCommonJs(readFileSync(join(ROOT, source), 'utf8'), source));
  }
  const exports = Object.fromEntries(presentEntries().map(([name, source]) => [name.replace(/^cohere-rx/, '.'), `./${source.replace(/\.ts$/, '.js')}`]));
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: 'cohere-rx', type: 'commonjs', exports }));
}

/**
 * Compiles a block to CommonJS and runs it with `node` in `dir` (where {@link installPackage}
 * put the package); other packages come from the repository's `node_modules`.
 */
export function runExample(dir: string, block: CodeBlock): Promise<ExampleRun> {
  const file = join(dir, `${block.page.replace(/[/.]/g, '_')}_${block.line}.js`);
  writeFileSync(file, toCommonJs(block.code, file));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file],
      { cwd: dir, timeout: EXAMPLE_TIME_LIMIT_MS, env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A runnable example: its block, and what it must print when its page shows it. */
export interface Example {
  readonly block: CodeBlock;
  readonly output: string | undefined;
}

/**
 * Runs the examples, two at a time (the suite shares two cores with other suites), and lists
 * what went wrong, each at its page and line: a non-zero exit, no output, or an output that is
 * not the one its page shows.
 */
export async function exampleFailures(dir: string, examples: readonly Example[]): Promise<string[]> {
  const failures: string[] = [];
  for (let i = 0; i < examples.length; i += 2) {
    const runs = await Promise.all(examples.slice(i, i + 2).map(async (example) => ({ ...example, run: await runExample(dir, example.block) })));
    for (const { block, output, run } of runs) {
      if (run.code !== 0) failures.push(`${where(block)}: exited with ${String(run.code)}\n${run.stderr}`);
      else if (run.stdout.trim() === '') failures.push(`${where(block)}: printed nothing`);
      else if (output !== undefined && run.stdout.trimEnd() !== output.trimEnd()) {
        failures.push(`${where(block)}: printed\n${run.stdout}\ninstead of what the page shows:\n${output}`);
      }
    }
  }
  return failures;
}
