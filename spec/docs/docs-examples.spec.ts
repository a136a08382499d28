/**
 * Every TypeScript block of `README.md` and `docs/**` compiles against the sources, and every
 * example of the operator pages runs, so no example can rot.
 *
 * - Each ```` ```ts ```` (or ```` ```typescript ````) block is its own ECMAScript module; all are
 *   type-checked in one program with the root tsconfig's options, `cohere-rx`,
 *   `cohere-rx/operators`, `cohere-rx/bedrock`, `cohere-rx/sagemaker` and `cohere-rx/testing`
 *   mapped to their sources through `paths`. An error names the page and line.
 * - A block whose fence says ```` ```ts fragment ```` is deliberately a piece of a program and
 *   is neither compiled nor run. Keep such blocks rare.
 * - The TypeScript blocks of `docs/operators/*.md` are complete programs: each is compiled to
 *   CommonJS and run with `node` against the package built from the sources, must exit 0 and
 *   print something, and when the page's next block is a ```` ```text output ```` block, must
 *   print exactly that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as operators from '../../operators/index';
import { codeBlocks, docPages, FRAGMENT, isTypeScript, OUTPUT, pageBlocks, type CodeBlock } from './markdown-code';
import { exampleFailures, installPackage, type Example } from './run-examples';
import { typeCheck } from './type-check';

const pages = docPages();
const blocks = pageBlocks(pages);
const compiled = blocks.filter((block) => isTypeScript(block) && !block.flags.includes(FRAGMENT));

/** `accumulateChat` → `accumulate-chat`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
/** The operators: the functions `cohere-rx/operators` exports (its classes aside). */
const operatorNames = Object.entries(operators)
  .filter(([name, value]) => typeof value === 'function' && /^[a-z]/.test(name))
  .map(([name]) => name)
  .sort();

/** The runnable examples of the operator pages, each with the output its page shows, if any. */
const examples = blocks.flatMap((block, i): Example[] => {
  if (!block.page.startsWith('docs/operators/') || !compiled.includes(block)) return [];
  const next = blocks[i + 1];
  const output = next?.page === block.page && next.flags.includes(OUTPUT) ? next.code : undefined;
  return [{ block, output }];
});

/** A block that must not compile, checked alongside the pages: its error must name its page and line. */
const broken: CodeBlock = {
  page: 'docs/broken.md',
  line: 10,
  lang: 'ts',
  flags: [],
  code: "import { textDeltas } from 'cohere-rx';\n\nconst count: number = textDeltas();\nconsole.log(count);\n",
};

describe('the Markdown code blocks', () => {
  test('are read with their page, line, language and flags, also inside list items and tilde fences', () => {
    const markdown = ['# Title', '', '```ts fragment', 'a();', '```', '', '1. item', '   ~~~text output', '   b', '   ~~~', ''].join('\n');
    expect(codeBlocks('docs/x.md', markdown)).toEqual([
      { page: 'docs/x.md', line: 4, lang: 'ts', flags: ['fragment'], code: 'a();\n' },
      { page: 'docs/x.md', line: 9, lang: 'text', flags: ['output'], code: 'b\n' },
    ]);
  });

  test('cover README.md and the docs pages', () => {
    expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/index.md', 'docs/getting-started.md', 'docs/transports.md']));
    expect(compiled.length).toBeGreaterThan(20);
  });
});

describe('every TypeScript block of README.md and docs/', () => {
  let errors: string[];
  beforeAll(() => {
    errors = typeCheck([...compiled, broken]);
  }, 180_000);

  test('compiles against the sources with the project options', () => {
    expect(errors.filter((error) => !error.startsWith(broken.page))).toEqual([]);
  });

  test('names the page and line of an error', () => {
    expect(errors.filter((error) => error.startsWith(broken.page))).toEqual([
      expect.stringMatching(/^docs\/broken\.md:12:7 TS2322: Type 'OperatorFunction<.*' is not assignable to type 'number'\.$/),
    ]);
  });
});

describe('the operator pages', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cohere-rx-docs-'));
    installPackage(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(operatorNames)('%s has a page with a runnable example', (name) => {
    expect(examples.filter(({ block }) => block.page === `docs/operators/${kebab(name)}.md`)).not.toEqual([]);
  });

  test('every example exits 0 and prints what its page shows', async () => {
    expect(await exampleFailures(dir, examples)).toEqual([]);
  }, 180_000);

  test('a failing example is reported at its page and line', async () => {
    const page = 'docs/operators/failing.md';
    const failing: Example[] = [
      { block: { page, line: 3, lang: 'ts', flags: [], code: "throw new Error('boom');\n" }, output: undefined },
      { block: { page, line: 9, lang: 'ts', flags: [], code: '' }, output: undefined },
      { block: { page, line: 20, lang: 'ts', flags: [], code: "console.log('a');\n" }, output: 'b\n' },
    ];
    expect(await exampleFailures(dir, failing)).toEqual([
      expect.stringMatching(/^docs\/operators\/failing\.md:3: exited with 1\n[^]*boom/),
      'docs/operators/failing.md:9: printed nothing',
      'docs/operators/failing.md:20: printed\na\n\ninstead of what the page shows:\nb\n',
    ]);
  }, 60_000);
});
