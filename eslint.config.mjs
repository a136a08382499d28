// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import rxjsX from 'eslint-plugin-rxjs-x';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // The Angular example is its own project (its own package.json, node_modules and TypeScript
  // 5.9): `ng build` type-checks it, templates included, when the browser specs build it.
  globalIgnores(['dist/', 'docs/api/', 'coverage/', 'bench/.out/', 'bench/results/', 'examples/angular/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  rxjsX.configs.recommended,
  {
    name: 'cohere-rx/type-information',
    languageOptions: {
      parserOptions: {
        // Each file is checked with the root tsconfig.json (lib, operators, spec, bench, demo,
        // jest.config.ts, tsup.config.ts). This file is in none.
        projectService: { allowDefaultProject: ['eslint.config.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    name: 'cohere-rx/all',
    rules: {
      // tsc's noUnusedLocals and noUnusedParameters report these already, and know `_` names and {@link} uses.
      '@typescript-eslint/no-unused-vars': 'off',
      'rxjs-x/no-subject-value': 'error',
    },
  },
  {
    name: 'cohere-rx/library',
    files: ['lib/**/*.ts', 'operators/**/*.ts'],
    rules: {
      // What a library must not do to its users' subscriptions; specs, benchmarks and the demo may.
      'rxjs-x/no-ignored-subscription': 'error',
      'rxjs-x/no-ignored-subscribe': 'error',
      'rxjs-x/no-ignored-error': 'error',
      'rxjs-x/no-floating-observables': 'error',
      'rxjs-x/no-misused-observables': 'error',
      'rxjs-x/no-exposed-subjects': 'error',
      'rxjs-x/no-ignored-default-value': 'error',
      'rxjs-x/no-sharereplay-before-takeuntil': 'error',
    },
  },
  {
    name: 'cohere-rx/not-shipped',
    files: ['spec/**/*.ts', 'bench/**/*.ts', 'demo/**/*.ts', 'examples/**/*.ts'],
    rules: {
      // ANSI escapes (\x1b) in the terminal output and its specs.
      'no-control-regex': 'off',
      // Printing an unknown value with String() is what these programs mean to do.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    name: 'cohere-rx/specs',
    files: ['spec/**/*.ts'],
    rules: {
      // JSON fixtures, jest mocks and the TypeScript compiler API hand back `any`; the assertions check the values.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Specs rethrow whatever a stream failed with.
      '@typescript-eslint/only-throw-error': 'off',
      // Specs take methods off objects to wrap or spy on them (host.fileExists.call(host, ...)).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
