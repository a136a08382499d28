import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'lib/index.ts',
    operators: 'operators/index.ts',
    bedrock: 'lib/transport/bedrock/index.ts',
    sagemaker: 'lib/transport/sagemaker/index.ts',
    testing: 'lib/testing/index.ts',
  },
  format: ['esm', 'cjs'],
  // One copy of the shared code (errors above all) for every entry, in CommonJS too: an error
  // thrown by cohere-rx/bedrock must be an `instanceof` the classes cohere-rx exports.
  splitting: true,
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  external: ['rxjs', 'zod', 'eventsource-parser', '@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-sagemaker-runtime'],
});
