import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { AWS_SHARED_EXPORTS } from '../helpers/entry-exports';

const ROOT = resolve(__dirname, '../..');

/**
 * Runs in a child process (TypeScript through ts-node): for each case, makes the modules whose
 * name matches `blocked` unresolvable, requires `entry` from a fresh module registry, and
 * reports whether it loaded, what it exports and which AWS / smithy files got loaded.
 */
const PROBE = `
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
let blocked = /$^/;
Module._resolveFilename = function (request, ...rest) {
  if (blocked.test(request)) {
    const error = new Error("Cannot find module '" + request + "' (made unresolvable by the test)");
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return resolveFilename.call(this, request, ...rest);
};
const results = [];
for (const [entry, pattern] of JSON.parse(process.argv[1])) {
  for (const key of Object.keys(require.cache)) if (!key.includes('node_modules/ts-node') && !key.includes('node_modules/typescript')) delete require.cache[key];
  blocked = new RegExp(pattern);
  try {
    const exports = require(entry);
    const aws = Object.keys(require.cache).filter((key) => /node_modules\\/@(aws-sdk|smithy)\\//.test(key));
    results.push({ entry, loaded: true, exports: Object.keys(exports).sort(), aws: aws.length });
  } catch (error) {
    results.push({ entry, loaded: false, error: String(error && error.message).split('\\n')[0] });
  }
}
process.stdout.write(JSON.stringify(results));
`;

interface ProbeResult {
  readonly entry: string;
  readonly loaded: boolean;
  readonly exports?: string[];
  readonly aws?: number;
  readonly error?: string;
}

let results: ProbeResult[];
beforeAll(() => {
  const cases = [
    ['./lib/index.ts', '^@(aws-sdk|smithy)/'],
    ['./operators/index.ts', '^@(aws-sdk|smithy)/'],
    ['./lib/transport/bedrock/index.ts', '^@(aws-sdk|smithy)/'],
    ['./lib/transport/sagemaker/index.ts', '^@(aws-sdk|smithy)/'],
    ['./lib/transport/bedrock/index.ts', '^@aws-sdk/client-sagemaker-runtime$'],
    ['./lib/transport/sagemaker/index.ts', '^@aws-sdk/client-bedrock-runtime$'],
  ];
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', PROBE, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_PROJECT: resolve(ROOT, 'tsconfig.json'), NODE_NO_WARNINGS: '1' },
    timeout: 60_000,
  });
  results = JSON.parse(output) as ProbeResult[];
}, 60_000);

describe('entry points and the optional AWS peers', () => {
  test('the root entry loads with @aws-sdk/* and @smithy/* unresolvable, and loads none of them', () => {
    const [root, operators] = results;
    expect(root).toMatchObject({ loaded: true, aws: 0 });
    expect(root?.exports).toEqual(expect.arrayContaining(['fromCohere', 'decodeEvents', 'accumulateChat', 'CohereStreamError', 'Mode', 'streamingChat']));
    expect(root?.exports).not.toContain('fromBedrock');
    expect(operators).toMatchObject({ loaded: true, aws: 0 });
  });

  test('cohere-rx/bedrock and cohere-rx/sagemaker need their AWS client', () => {
    const [, , bedrock, sagemaker] = results;
    expect(bedrock).toMatchObject({ loaded: false });
    expect(bedrock?.error).toContain("Cannot find module '@aws-sdk/client-bedrock-runtime'");
    expect(sagemaker).toMatchObject({ loaded: false });
    expect(sagemaker?.error).toContain("Cannot find module '@aws-sdk/client-sagemaker-runtime'");
  });

  test('each AWS entry needs only its own client', () => {
    const [, , , , bedrock, sagemaker] = results;
    expect(bedrock).toMatchObject({ loaded: true });
    expect(bedrock?.exports).toEqual(
      [...AWS_SHARED_EXPORTS, 'bedrockChatStream', 'bedrockGenerateStream', 'createBedrock', 'fromBedrock', 'fromBedrockResponse'].sort(),
    );
    expect(sagemaker).toMatchObject({ loaded: true });
    expect(sagemaker?.exports).toEqual(
      [...AWS_SHARED_EXPORTS, 'createSageMaker', 'fromSageMaker', 'fromSageMakerResponse', 'sagemakerChatStream', 'sagemakerGenerateStream'].sort(),
    );
  });
});
