import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'lib/index.ts', operators: 'operators/index.ts' },
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: true,
  clean: true,
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  external: ['rxjs', 'zod', 'eventsource-parser'],
});
