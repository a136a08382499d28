/**
 * Cold start: the time to load the built package's root entry in a fresh Node process, with
 * `require` (CommonJS) and with `import` (ES modules), split into the packages it loads. Two
 * kinds of process, interleaved, each timing its loads with `performance.now()`:
 *
 * - alone: loads the root entry, and so everything it loads: the whole cold start;
 * - split: loads an empty module first (the module loader's own start-up, which would otherwise
 *   be charged to whichever package comes first), then each package the root entry loads (by
 *   the specifiers the entry's files name, in the order the entry loads them), then the root
 *   entry: each package's share, and what is left, cohere-rx's own share.
 *
 * Which packages the root entry loads is read from `require.cache` after a `require` of it, so
 * a dependency the entry loads only when first used is not charged to the cold start.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { BenchContext } from '../runner/bench-context';
import { OUT_DIR, PACKAGE_DIR, ROOT, ROOT_ENTRY } from '../runner/build';
import { barChart } from '../runner/charts';
import { fixed, table } from '../runner/markdown';
import { median } from '../runner/stats';

/** How a process loads modules. */
export const LOADERS = ['require', 'import'] as const;

/** A way of loading modules. */
export type Loader = (typeof LOADERS)[number];

/** The name cohere-rx's own share goes by. */
export const OWN_SHARE = 'cohere-rx';

/** The name the module loader's start-up goes by. */
export const LOADER_START = 'module loader';

/** Fresh processes of each kind and loader, per repetition of the run. */
const PROCESSES_PER_REP = 5;

/** A package the root entry loads, and the specifiers its files name it by. */
export interface LoadedPackage {
  readonly name: string;
  readonly specifiers: readonly string[];
}

/** One process's loads: what it loaded, step by step, and how long each step took. */
export interface ColdStartRun {
  readonly loader: Loader;
  readonly kind: 'alone' | 'split';
  /** The steps: {@link LOADER_START}, a package's name, or {@link OWN_SHARE} for the root entry. */
  readonly steps: readonly string[];
  readonly ms: readonly number[];
}

/** What the cold-start section measured. */
export interface ColdStart {
  /** The packages the root entry loads, in load order. */
  readonly packages: readonly LoadedPackage[];
  readonly runs: readonly ColdStartRun[];
}

const run = promisify(execFile);

/** The package a `node_modules` path or a bare specifier belongs to (`@scope/name` or `name`). */
const packageOf = (path: string): string => {
  const parts = path.split('/');
  return (parts[0]?.startsWith('@') === true ? parts.slice(0, 2) : parts.slice(0, 1)).join('/');
};

/** The bare specifiers `require`d or statically `import`ed by a built file and the files of the build it loads. */
function bareSpecifiers(entry: string): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const patterns = [/\brequire\(["']([^"']+)["']\)/g, /(?:^|[;\n])\s*(?:import|export)\b(?!\s*\()[^;"']*?["']([^"']+)["']/g];
    for (const pattern of patterns) {
      for (const [, specifier = ''] of code.matchAll(pattern)) {
        if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier));
        else if (!specifier.startsWith('node:')) found.add(specifier);
      }
    }
  };
  visit(entry);
  return found;
}

/** Runs one fresh process that loads `steps` (each a list of specifiers) in order and reports each step's milliseconds. */
async function timeLoads(loader: Loader, steps: readonly (readonly string[])[]): Promise<number[]> {
  const load = loader === 'require' ? 'require(specifier)' : 'await import(specifier)';
  const code = `const ms = [];
for (const step of ${JSON.stringify(steps)}) {
  const start = performance.now();
  for (const specifier of step) ${load};
  ms.push(performance.now() - start);
}
process.stdout.write(JSON.stringify(ms));`;
  const args = loader === 'require' ? ['-e', code] : ['--input-type=module', '-e', code];
  const { stdout } = await run(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(stdout) as number[];
}

/**
 * The packages the root entry loads when it is `require`d, in load order, with the specifiers
 * the build names them by.
 *
 * @returns The packages.
 */
async function loadedPackages(): Promise<LoadedPackage[]> {
  const code = `require(${JSON.stringify(ROOT_ENTRY.require)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await run(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' });
  const marker = `${sep}node_modules${sep}`;
  const names = (JSON.parse(stdout) as string[])
    .filter((path) => !path.startsWith(PACKAGE_DIR) && path.includes(marker))
    .map((path) =>
      packageOf(
        path
          .slice(path.lastIndexOf(marker) + marker.length)
          .split(sep)
          .join('/'),
      ),
    );
  const specifiers = [...bareSpecifiers(ROOT_ENTRY.require), ...bareSpecifiers(ROOT_ENTRY.import)];
  return [...new Set(names)].map((name) => ({ name, specifiers: [...new Set(specifiers.filter((specifier) => packageOf(specifier) === name))] }));
}

/** Writes an empty module for each loader; returns what loads it. */
function emptyModules(): Record<Loader, string> {
  const dir = join(OUT_DIR, 'cold-start');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'empty.cjs'), '');
  writeFileSync(join(dir, 'empty.mjs'), '');
  return { require: join(dir, 'empty.cjs'), import: pathToFileURL(join(dir, 'empty.mjs')).href };
}

/**
 * Measures the cold start, interleaving the kinds of process and the loaders.
 *
 * @param bench The runner.
 * @returns The packages the root entry loads, and every process's loads.
 */
export async function measureColdStart(bench: BenchContext): Promise<ColdStart> {
  const packages = await loadedPackages();
  const entry = { require: ROOT_ENTRY.require, import: pathToFileURL(ROOT_ENTRY.import).href };
  const empty = emptyModules();
  const runs: ColdStartRun[] = [];
  for (let rep = 0; rep < bench.reps * PROCESSES_PER_REP; rep++) {
    const figures: string[] = [];
    for (const loader of LOADERS) {
      const alone = await timeLoads(loader, [[entry[loader]]]);
      runs.push({ loader, kind: 'alone', steps: [OWN_SHARE], ms: alone });
      const split = await timeLoads(loader, [[empty[loader]], ...packages.map(({ specifiers }) => specifiers), [entry[loader]]]);
      runs.push({ loader, kind: 'split', steps: [LOADER_START, ...packages.map(({ name }) => name), OWN_SHARE], ms: split });
      figures.push(`${loader} ${fixed(alone[0] ?? NaN, 0)} ms (own ${fixed(split[split.length - 1] ?? NaN, 1)} ms)`);
    }
    bench.progress(`  cold start: ${figures.join(', ')}`);
  }
  return { packages, runs };
}

/** The medians of one loader's cold start. */
export interface ColdStartMedians {
  readonly processes: number;
  /** The module loader's start-up ({@link LOADER_START}), each package's share by name, and {@link OWN_SHARE}'s. */
  readonly shares: ReadonlyMap<string, number>;
  /** The root entry loaded alone: the whole cold start. */
  readonly aloneMs: number;
}

/**
 * The medians of one loader's cold start.
 *
 * @param coldStart What the section measured.
 * @param loader The loader.
 * @returns Its medians, or `undefined` when it was not measured.
 */
export function coldStartMedians(coldStart: ColdStart, loader: Loader): ColdStartMedians | undefined {
  const alone = coldStart.runs.filter((r) => r.loader === loader && r.kind === 'alone');
  const split = coldStart.runs.filter((r) => r.loader === loader && r.kind === 'split');
  if (alone.length === 0 || split.length === 0) return undefined;
  const names = [LOADER_START, ...coldStart.packages.map(({ name }) => name), OWN_SHARE];
  const shares = new Map(names.map((name) => [name, median(split.map((r) => r.ms[r.steps.indexOf(name)] ?? NaN))]));
  return { processes: split.length, shares, aloneMs: median(alone.map((r) => r.ms[0] ?? NaN)) };
}

/**
 * The cold-start table: one row per loader, the module loader's start-up, the packages' shares,
 * cohere-rx's own, their sum and the root entry loaded alone.
 *
 * @param coldStart What the section measured.
 * @returns A Markdown table.
 */
export function coldStartTable(coldStart: ColdStart): string {
  const names = [LOADER_START, ...coldStart.packages.map(({ name }) => name), OWN_SHARE];
  const rows = LOADERS.flatMap((loader) => {
    const m = coldStartMedians(coldStart, loader);
    if (m === undefined) return [];
    const shares = names.map((name) => m.shares.get(name) ?? NaN);
    return [[`\`${loader}\``, String(m.processes), ...shares.map((ms) => fixed(ms)), fixed(shares.reduce((sum, ms) => sum + ms, 0)), fixed(m.aloneMs)]];
  });
  return table(['loader', 'processes', ...names.map((name) => (name === OWN_SHARE ? `${name} own ms` : `${name} ms`)), 'sum ms', 'root entry alone ms'], rows);
}

/**
 * The cold-start chart: each share and the whole, with `require` and with `import`.
 *
 * @param coldStart What the section measured.
 * @returns An SVG document.
 */
export function coldStartChart(coldStart: ColdStart): string {
  const names = [LOADER_START, ...coldStart.packages.map(({ name }) => name), OWN_SHARE];
  const medians = LOADERS.map((loader) => coldStartMedians(coldStart, loader));
  return barChart({
    title: 'Cold start: loading the root entry in a fresh process (median)',
    valueLabel: 'ms',
    categories: [...names.map((name) => (name === OWN_SHARE ? `${name} (own share)` : name)), 'root entry, whole'],
    series: LOADERS.map((loader, index) => ({
      name: loader,
      values: [...names.map((name) => medians[index]?.shares.get(name) ?? NaN), medians[index]?.aloneMs ?? NaN],
    })),
  });
}
