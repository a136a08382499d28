import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(__dirname, '../..');

/** The package's entry points, as the docs import them, and the source file each one maps to. */
export const ENTRIES: Readonly<Record<string, string>> = {
  'cohere-rx': 'lib/index.ts',
  'cohere-rx/operators': 'operators/index.ts',
  'cohere-rx/bedrock': 'lib/transport/bedrock/index.ts',
  'cohere-rx/sagemaker': 'lib/transport/sagemaker/index.ts',
  'cohere-rx/testing': 'lib/testing/index.ts',
  'cohere-rx/angular': 'lib/transport/angular/index.ts',
};

/** The entries whose source file exists. */
export function presentEntries(): [string, string][] {
  return Object.entries(ENTRIES).filter(([, source]) => existsSync(join(ROOT, source)));
}
