/**
 * The root entry as a browser app's bundler sees it: esbuild bundles the built `dist/index.mjs`
 * for `platform: 'browser'`, minified, and lists from its metafile every file it took and every
 * import it met.
 */
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, stop, type BuildOptions } from 'esbuild';

/** The repository's root. */
const ROOT = join(__dirname, '..', '..');

/** The root entry's ES module build. */
export const ROOT_ENTRY = join(ROOT, 'dist', 'index.mjs');

/** The required peers: left out of the bundle for the figure of cohere-rx's own code. */
export const PEERS = ['rxjs', 'zod'] as const;

/** A minified browser bundle of the root entry. */
export interface BrowserBundle {
  /** The bundle's code. */
  readonly code: string;
  /** Its size in bytes, minified. */
  readonly bytes: number;
  /** Its size in bytes, minified then gzipped (zlib's default level). */
  readonly gzipBytes: number;
  /** The files bundled, relative to the repository (`node_modules/rxjs/…`, `dist/…`). */
  readonly inputs: readonly string[];
  /** Those of `inputs` that left code in the bundle once unused exports were shaken off. */
  readonly contributing: readonly string[];
  /** Every import path met, bundled or left external (`rxjs`, `./chunk-….mjs`, `node:zlib`…). */
  readonly imports: readonly string[];
}

/**
 * Bundles the root entry for browsers.
 *
 * @param external Packages to leave out (nothing else is: a Node built-in fails the build).
 * @param options More esbuild options (such as a `banner`).
 * @returns The bundle, its sizes and what went in.
 * @throws Error when `dist/` has not been built, and esbuild's error when the bundle fails
 *   (an import of a Node built-in cannot be resolved for browsers).
 */
export async function bundleForBrowser(external: readonly string[], options: BuildOptions = {}): Promise<BrowserBundle> {
  if (!existsSync(ROOT_ENTRY)) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  try {
    const result = await build({
      ...options,
      entryPoints: [ROOT_ENTRY],
      absWorkingDir: ROOT,
      bundle: true,
      minify: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      external: [...external],
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (output === undefined) throw new Error('esbuild wrote no bundle');
    const fromRoot = (input: string) => relative(ROOT, join(ROOT, input));
    const inputs = Object.keys(result.metafile.inputs).map(fromRoot);
    const contributing = Object.values(result.metafile.outputs)
      .flatMap((built) => Object.entries(built.inputs))
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => fromRoot(path));
    const imports = [...new Set(Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((imported) => imported.original ?? imported.path)))];
    return {
      code: output.text,
      bytes: output.contents.byteLength,
      gzipBytes: gzipSync(output.contents).byteLength,
      inputs: inputs.sort(),
      contributing: contributing.sort(),
      imports: imports.sort(),
    };
  } finally {
    await stop();
  }
}

/** Whether a module is a Node built-in (`node:zlib`, `zlib`, `fs/promises`…). */
const isNodeBuiltin = (path: string) => path.startsWith('node:') || builtinModules.includes(path) || builtinModules.includes(path.split('/')[0] ?? path);

/** Whether a path is a Node-only module or one of the AWS packages that only `/bedrock` and `/sagemaker` may load. */
const isForbidden = (path: string) => isNodeBuiltin(path) || /(^|node_modules\/)@(aws-sdk|smithy)\//.test(path) || path.startsWith('(disabled):');

/**
 * The files and imports of a bundle that a browser bundle must not have: Node built-ins, the
 * AWS SDK and smithy, and modules a package's `browser` field disabled.
 *
 * @param bundle The bundle.
 * @returns The offending paths.
 */
export function browserViolations(bundle: BrowserBundle): string[] {
  return [...bundle.inputs, ...bundle.imports].filter(isForbidden);
}

/** Formats bytes as KiB with one decimal. */
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
