import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'lib/index.ts',
    operators: 'operators/index.ts',
    bedrock: 'lib/transport/bedrock/index.ts',
    sagemaker: 'lib/transport/sagemaker/index.ts',
    testing: 'lib/testing/index.ts',
    angular: 'lib/transport/angular/index.ts',
  },
  outDir: 'dist',
  format: ['esm', 'cjs'],
  // One copy of the shared code (errors above all) for every entry, in CommonJS too: an error
  // thrown by cohere-rx/bedrock must be an `instanceof` the classes cohere-rx exports.
  splitting: true,
  // Rollup writes the chunks (in both formats): the CommonJS keeps the sources' optional
  // chaining (the ES-module-to-CommonJS pass tsup otherwise applies rewrites each `?.` into a
  // helper call that costs on every event) and its source maps name files relative to the map.
  treeshake: true,
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  external: ['rxjs', 'zod', '@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-sagemaker-runtime', /^@angular\//],
});
