import type { Config } from 'jest';
import { createDefaultPreset } from 'ts-jest';

const config: Config = {
  ...createDefaultPreset({ tsconfig: 'tsconfig.json' }),
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.spec.ts'],
  setupFiles: ['<rootDir>/spec/setup/quiet-aws-sdk.ts'],
  collectCoverageFrom: ['lib/**/*.ts', 'operators/**/*.ts', '!**/index.ts'],
  clearMocks: true,
  restoreMocks: true,
};

export default config;
