/**
 * The package as npm publishes it: `npm pack` of the built repository, installed into fresh
 * folders outside the repository with only what its manifest declares, and loaded by real
 * `node` processes.
 *
 * The installs need no network and no npm cache: the tarball is installed from its file, and
 * each declared dependency and peer is a `file:` link to the copy `npm ci` put in the
 * repository's `node_modules` (npm links folders instead of fetching them). npm still resolves
 * the tarball's dependency ranges against those links, so a range the installed copy does not
 * satisfy fails the install (npm would have to fetch, which `--offline` forbids), and a package
 * the build imports without declaring it is missing in the consumer's `node_modules`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** The repository's root. */
export const ROOT = resolve(__dirname, '..', '..');

/** The fields of `package.json` the package checks read. */
interface Manifest {
  readonly name: string;
  readonly exports: Readonly<Record<string, unknown>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
}

/** The repository's `package.json`. */
export const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** One entry point of the `exports` map, such as `./bedrock`. */
export interface Entry {
  /** The subpath in the `exports` map: `.`, `./operators`… */
  readonly subpath: string;
  /** What a consumer imports: `cohere-rx`, `cohere-rx/operators`… */
  readonly specifier: string;
  /** A file name for the entry: `index` for `.`, else the subpath without `./`. */
  readonly slug: string;
  /** The declaration file of the `import` condition, relative to the package (`dist/operators.d.mts`). */
  readonly importTypes: string;
  /** The declaration file of the `require` condition, relative to the package (`dist/operators.d.ts`). */
  readonly requireTypes: string;
}

/** Reads `types` from one condition of an `exports` entry. */
function typesOf(target: unknown, condition: 'import' | 'require', subpath: string): string {
  const types = (target as Record<string, { types?: unknown } | undefined>)[condition]?.types;
  if (typeof types !== 'string') throw new Error(`exports["${subpath}"].${condition}.types is missing`);
  return types.replace(/^\.\//, '');
}

/** Every code entry of the `exports` map (all but `./package.json`), read when the checks run. */
export const entries: readonly Entry[] = Object.entries(manifest.exports)
  .filter(([, target]) => typeof target === 'object' && target !== null)
  .map(([subpath, target]) => ({
    subpath,
    specifier: subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`,
    slug: subpath === '.' ? 'index' : subpath.slice(2),
    importTypes: typesOf(target, 'import', subpath),
    requireTypes: typesOf(target, 'require', subpath),
  }));

/** The entries that load an optional AWS peer, with the peer each one needs. */
export const AWS_CLIENT_OF: Readonly<Record<string, string>> = {
  './bedrock': '@aws-sdk/client-bedrock-runtime',
  './sagemaker': '@aws-sdk/client-sagemaker-runtime',
};

/** The optional peers of `cohere-rx/angular`: its declarations name their types; its code loads none of them. */
export const ANGULAR_PEERS: readonly string[] = ['@angular/common', '@angular/core'];

/**
 * The packages a consumer installs beside cohere-rx: its dependencies and its peers, the
 * optional ones (the AWS clients) only when asked.
 *
 * @param optionalPeers Whether to include the optional peers.
 * @returns Package names.
 */
export function declaredPackages(optionalPeers: boolean): string[] {
  const optional = (name: string) => manifest.peerDependenciesMeta?.[name]?.optional === true;
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => optionalPeers || !optional(name));
  return [...Object.keys(manifest.dependencies ?? {}), ...peers];
}

/** The environment of child processes: this one's, without what `npm run` and Node options add. */
export function childEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_OPTIONS' && name !== 'NODE_PATH'));
}

/** Runs npm in a folder and returns what it printed on stdout. */
function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** A packed tarball in its own temporary folder, where the consumers are installed too. */
export interface PackedPackage {
  /** The temporary folder. */
  readonly dir: string;
  /** The tarball's path. */
  readonly tarball: string;
  /** The files in the tarball, relative to the package. */
  readonly files: readonly string[];
  /** Deletes the folder, the tarball and every consumer. */
  remove(): void;
}

/**
 * Packs the repository as `npm publish` would (without lifecycle scripts), into a new temporary
 * folder.
 *
 * @returns The tarball and its file list.
 * @throws Error when `dist/` has not been built.
 */
export function packPackage(): PackedPackage {
  if (!existsSync(join(ROOT, 'dist', 'index.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  const dir = mkdtempSync(join(tmpdir(), 'cohere-rx-package-'));
  try {
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as [
      { readonly filename: string; readonly files: readonly { readonly path: string }[] },
    ];
    return {
      dir,
      tarball: join(dir, packed.filename),
      files: packed.files.map((file) => file.path),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Installs the tarball into a new folder beside it, with the given packages linked from the
 * repository's `node_modules`, offline and with an empty npm cache of its own.
 *
 * @param packed The packed package.
 * @param name The consumer folder's name.
 * @param packages The packages to install beside cohere-rx.
 * @returns The consumer folder.
 */
export function installConsumer(packed: PackedPackage, name: string, packages: readonly string[]): string {
  const dir = join(packed.dir, name);
  mkdirSync(dir);
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg, `file:${join(ROOT, 'node_modules', pkg)}`]));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `${name}-consumer`, version: '1.0.0', private: true, dependencies }, null, 2));
  const options = ['--offline', '--install-links=false', '--ignore-scripts', '--no-audit', '--no-fund', '--cache', join(packed.dir, 'npm-cache')];
  // The links first, then the tarball: npm 11 fails ("reading 'matches'") when it places a
  // package's peers on links it is creating in the same install.
  npm(['install', ...options], dir);
  npm(['install', ...options, packed.tarball], dir);
  return dir;
}

/** How a `node` process loads the package: `import` from an ES module, or `require` from CommonJS. */
export type ModuleSystem = 'esm' | 'cjs';

/** How `load(specifier)` is written in a script of each module system. */
const LOADERS: Readonly<Record<ModuleSystem, string>> = {
  esm: 'const load = (specifier) => import(specifier);',
  cjs: 'const load = async (specifier) => require(specifier);',
};

/**
 * Writes a script (`<name>.mjs` or `<name>.cjs`) whose body can `await load(specifier)`, runs it
 * with `node` in the consumer folder and parses the JSON it writes to stdout.
 *
 * @param dir The consumer folder.
 * @param system The module system.
 * @param name The script's name.
 * @param body The script's body (JavaScript; `process.argv[2]` is `input` as JSON).
 * @param input What the script reads.
 * @param env More environment variables for the script.
 * @returns The parsed output.
 */
export async function runScript<T>(
  dir: string,
  system: ModuleSystem,
  name: string,
  body: string,
  input: unknown = null,
  env: NodeJS.ProcessEnv = {},
): Promise<T> {
  const file = join(dir, `${name}.${system === 'esm' ? 'mjs' : 'cjs'}`);
  writeFileSync(file, `${LOADERS[system]}\n(async () => {\n${body}\n})().catch((error) => {\n  console.error(error);\n  process.exitCode = 1;\n});\n`);
  const { stdout } = await promisify(execFile)(process.execPath, [file, JSON.stringify(input)], { cwd: dir, env: { ...childEnv(), ...env }, timeout: 60_000 });
  return JSON.parse(stdout) as T;
}

/** What loading one entry gave: the type of each export, or the error. */
export type LoadResult = { readonly exports: Readonly<Record<string, string>> } | { readonly error: string };

/** Loads each specifier and reports its exports (name → `typeof`) or the error's code and first line. */
const LOAD_ENTRIES = `
  const results = {};
  for (const specifier of JSON.parse(process.argv[2])) {
    try {
      const exports = await load(specifier);
      results[specifier] = { exports: Object.fromEntries(Object.keys(exports).sort().map((name) => [name, typeof exports[name]])) };
    } catch (error) {
      results[specifier] = { error: error.code + ': ' + String(error.message).split('\\n')[0] };
    }
  }
  process.stdout.write(JSON.stringify(results));
`;

/**
 * Loads every entry from a `node` process in the consumer folder.
 *
 * @param dir The consumer folder.
 * @param system `import` from an ES module or `require` from CommonJS.
 * @returns The result for each entry's specifier.
 */
export function loadEntries(dir: string, system: ModuleSystem): Promise<Readonly<Record<string, LoadResult>>> {
  return runScript(
    dir,
    system,
    `load-entries-${system}`,
    LOAD_ENTRIES,
    entries.map((entry) => entry.specifier),
  );
}
