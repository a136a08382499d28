import { readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import { defineConfig } from 'tsup';

const OUT_DIR = 'dist';

/**
 * Makes the paths in the source maps relative to the map. tsup's CommonJS splitting turns each
 * ES module output into CommonJS with sucrase, which names the output by its absolute path:
 * the maps' `file` and their first source would hold the build machine's folders.
 */
async function relativeSourceMaps(): Promise<void> {
  const maps = (await readdir(OUT_DIR)).filter((name) => name.endsWith('.map'));
  await Promise.all(
    maps.map(async (name) => {
      const path = join(OUT_DIR, name);
      const map = JSON.parse(await readFile(path, 'utf8')) as { file?: string; sources?: string[] };
      const local = (source: string) => (isAbsolute(source) ? relative(OUT_DIR, source).split('\\').join('/') : source);
      const fixed = {
        ...map,
        ...(map.file === undefined ? {} : { file: basename(map.file) }),
        ...(map.sources === undefined ? {} : { sources: map.sources.map(local) }),
      };
      await writeFile(path, JSON.stringify(fixed));
    }),
  );
}

export default defineConfig({
  entry: {
    index: 'lib/index.ts',
    operators: 'operators/index.ts',
    bedrock: 'lib/transport/bedrock/index.ts',
    sagemaker: 'lib/transport/sagemaker/index.ts',
    testing: 'lib/testing/index.ts',
    angular: 'lib/transport/angular/index.ts',
  },
  outDir: OUT_DIR,
  format: ['esm', 'cjs'],
  // One copy of the shared code (errors above all) for every entry, in CommonJS too: an error
  // thrown by cohere-rx/bedrock must be an `instanceof` the classes cohere-rx exports.
  splitting: true,
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  external: ['rxjs', 'zod', '@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-sagemaker-runtime', /^@angular\//],
  onSuccess: relativeSourceMaps,
});
