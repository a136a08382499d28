import type { Config } from 'jest';
import { createDefaultPreset } from 'ts-jest';

/** What every project shares. */
const base: Config = {
  ...createDefaultPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  setupFiles: ['<rootDir>/spec/setup/quiet-aws-sdk.ts'],
  clearMocks: true,
  restoreMocks: true,
};

/**
 * The specs of `fromCohere` over HTTP, run a second time with the `fetch` option: in Node the
 * transport reads answers with `node:http`, and only `fetch` serves browsers, edge runtimes and
 * proxies set on undici.
 */
const OVER_FETCH = ['from-cohere', 'cancellation', 'retry-before-content', 'failures', 'hooks', 'request-check'].map(
  (name) => `<rootDir>/spec/transport/${name}.spec.ts`,
);

const config: Config = {
  collectCoverageFrom: ['lib/**/*.ts', 'operators/**/*.ts', '!**/index.ts'],
  projects: [
    { ...base, displayName: 'node', testMatch: ['**/*.spec.ts'] },
    {
      ...base,
      displayName: 'fetch',
      testMatch: [...OVER_FETCH, '<rootDir>/spec/hostile/deadlines.spec.ts', '<rootDir>/spec/hostile/framing.spec.ts'],
      setupFiles: [...(base.setupFiles ?? []), '<rootDir>/spec/setup/over-fetch.ts'],
    },
  ],
};

export default config;
