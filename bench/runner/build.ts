/**
 * Builds what the measurement processes run, so no TypeScript is compiled inside a timed window:
 * the package itself with the project's tsup configuration (CommonJS and ES modules, the code
 * `require` and `import` users get) into `bench/.out/package/`, and the measurement process and
 * each consumer bundled with esbuild into `bench/.out/`. The consumers' imports of `lib/` entry
 * points become `require`s of the built package; node_modules stay external.
 */
import { join, relative, resolve } from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { build as tsup, type Options } from 'tsup';
import tsupConfig from '../../tsup.config';
import { AWS_CONSUMERS, HTTP_CONSUMERS } from './jobs';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');

/** Where the built files go (gitignored). */
export const OUT_DIR = join(ROOT, 'bench', '.out');

/** The built package. */
export const PACKAGE_DIR = join(OUT_DIR, 'package');

/** The root entry of the built package, as `require` and `import` load it. */
export const ROOT_ENTRY = { require: join(PACKAGE_DIR, 'index.js'), import: join(PACKAGE_DIR, 'index.mjs') } as const;

/** The package's entry points, by the source file they are built from. */
const ENTRY_POINTS: Readonly<Record<string, string>> = {
  'lib/index': 'index.js',
  'operators/index': 'operators.js',
  'lib/transport/bedrock/index': 'bedrock.js',
  'lib/transport/sagemaker/index': 'sagemaker.js',
};

/** Sends imports of the package's sources to the built package; anything but an entry point is refused. */
const builtPackage: Plugin = {
  name: 'built-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const source = relative(ROOT, resolve(args.resolveDir, args.path)).replace(/\.ts$/, '');
      if (!source.startsWith('lib/') && !source.startsWith('operators/')) return undefined;
      const entry = ENTRY_POINTS[source];
      if (entry === undefined) return { errors: [{ text: `${args.importer} imports ${source}: benchmark consumers import the package's entry points only` }] };
      return { path: join(PACKAGE_DIR, entry), external: true };
    });
  },
};

/**
 * Builds the package and the measurement scripts.
 *
 * @returns The path of the measurement process's script.
 */
export async function buildBench(): Promise<string> {
  if (typeof tsupConfig === 'function' || Array.isArray(tsupConfig)) throw new Error('tsup.config.ts must export one options object');
  // The project's options without its declarations and source maps.
  const options: Options = { ...tsupConfig, config: false, outDir: PACKAGE_DIR, format: ['cjs', 'esm'], dts: false, sourcemap: false, silent: true };
  await tsup(options);
  await esbuild({
    entryPoints: [
      join(ROOT, 'bench', 'runner', 'measure-process.ts'),
      ...[...HTTP_CONSUMERS, ...AWS_CONSUMERS].map((name) => join(ROOT, 'bench', 'consumers', `${name}.ts`)),
    ],
    outbase: join(ROOT, 'bench'),
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    plugins: [builtPackage],
    logLevel: 'error',
  });
  return join(OUT_DIR, 'runner', 'measure-process.js');
}
