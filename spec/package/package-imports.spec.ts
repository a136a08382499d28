import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { V1_REQUEST_SCHEMAS } from '../helpers/entry-exports';
import {
  ANGULAR_PEERS,
  AWS_CLIENT_OF,
  declaredPackages,
  entries,
  installConsumer,
  loadEntries,
  manifest,
  packPackage,
  ROOT,
  runScript,
  type LoadResult,
  type PackedPackage,
} from './packed-package';

/**
 * Takes the root, /operators, /bedrock and /sagemaker with the two AWS clients, sends an invalid
 * body through each AWS entry (rejected before any request) and reports which classes and
 * functions the entries share.
 */
const CROSS_ENTRY = `
  const [root, operators, bedrock, sagemaker, bedrockSdk, sagemakerSdk] = await Promise.all(JSON.parse(process.argv[2]).map(load));
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
  const firstError = (stream) => new Promise((resolve) => stream.subscribe({ error: resolve, complete: () => resolve(undefined) }));
  // A body with \`model\` is invalid on AWS: the model is the model id or the endpoint.
  const body = { model: 'command-r', message: 'Hello' };
  const bedrockError = await firstError(
    bedrock.bedrockChatStream(new bedrockSdk.BedrockRuntimeClient({ region: 'us-east-1', credentials }), { modelId: 'cohere.command-r-v1:0', body }),
  );
  const sagemakerError = await firstError(
    sagemaker.sagemakerChatStream(new sagemakerSdk.SageMakerRuntimeClient({ region: 'us-east-1', credentials }), { endpointName: 'command-r', body }),
  );
  const classes = (error) => ({
    name: error && error.name,
    rootRequestValidationError: error instanceof root.RequestValidationError,
    rootCohereStreamError: error instanceof root.CohereStreamError,
  });
  process.stdout.write(JSON.stringify({
    operatorsNotTheRoots: Object.keys(operators).filter((name) => operators[name] !== root[name]),
    sameAwsStreamError: bedrock.AwsStreamError === sagemaker.AwsStreamError,
    awsStreamErrorExtendsRoots: bedrock.AwsStreamError.prototype instanceof root.StreamInterruptedError,
    bedrock: classes(bedrockError),
    sagemaker: classes(sagemakerError),
  }));
`;

interface CrossEntry {
  readonly operatorsNotTheRoots: string[];
  readonly sameAwsStreamError: boolean;
  readonly awsStreamErrorExtendsRoots: boolean;
  readonly bedrock: Record<string, unknown>;
  readonly sagemaker: Record<string, unknown>;
}

const SYSTEMS = ['esm', 'cjs'] as const;
const specifier = (subpath: string) => entries.find((entry) => entry.subpath === subpath)?.specifier ?? `missing entry ${subpath}`;
const exportsOf = (result: LoadResult | undefined) => (result !== undefined && 'exports' in result ? result.exports : {});

let packed: PackedPackage | undefined;
/** The consumer with every declared package, where the tarball's files are unpacked. */
let fullDir = '';
/** Load results per module system: with every declared package, and without the optional AWS peers. */
const full = { esm: {}, cjs: {} } as Record<(typeof SYSTEMS)[number], Readonly<Record<string, LoadResult>>>;
const bare = { esm: {}, cjs: {} } as Record<(typeof SYSTEMS)[number], Readonly<Record<string, LoadResult>>>;
const crossEntry = {} as Record<(typeof SYSTEMS)[number], CrossEntry>;

beforeAll(async () => {
  packed = packPackage();
  fullDir = installConsumer(packed, 'full', declaredPackages(true));
  const bareDir = installConsumer(packed, 'bare', declaredPackages(false));
  const crossInput = ['.', './operators', './bedrock', './sagemaker'].map(specifier).concat(Object.values(AWS_CLIENT_OF));
  await Promise.all(
    SYSTEMS.flatMap((system) => [
      loadEntries(fullDir, system).then((results) => (full[system] = results)),
      loadEntries(bareDir, system).then((results) => (bare[system] = results)),
      runScript<CrossEntry>(fullDir, system, 'cross-entry', CROSS_ENTRY, crossInput).then((result) => (crossEntry[system] = result)),
    ]),
  );
}, 180_000);

afterAll(() => packed?.remove());

describe('the packed package', () => {
  test('holds the build, README.md, LICENSE and package.json, nothing else', () => {
    expect(packed?.files.filter((file) => !/^(dist\/.+|README\.md|LICENSE|package\.json)$/.test(file))).toEqual([]);
    expect(packed?.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.mjs']));
  });

  test("every source map names its files relative to itself, never by the build machine's paths", () => {
    const maps = (packed?.files ?? []).filter((file) => file.endsWith('.map'));
    expect(maps.filter((file) => file.endsWith('.js.map')).length).toBeGreaterThan(0);
    expect(maps.filter((file) => file.endsWith('.mjs.map')).length).toBeGreaterThan(0);
    for (const file of maps) {
      const text = readFileSync(join(fullDir, 'node_modules', manifest.name, file), 'utf8');
      const map = JSON.parse(text) as { file?: string; sources: string[] };
      const paths = [...(map.file === undefined ? [] : [map.file]), ...map.sources];
      expect({ [file]: paths.filter((path) => isAbsolute(path) || /^[a-z]+:/i.test(path)) }).toEqual({ [file]: [] });
      expect({ [file]: text.includes(ROOT) }).toEqual({ [file]: false });
      if (map.file !== undefined) expect(map.file).toBe(basename(file, '.map'));
    }
  });

  test.each(SYSTEMS)('every entry of the exports map loads with %s', (system) => {
    expect(entries.map((entry) => entry.subpath)).toEqual(expect.arrayContaining(['.', './operators', './bedrock', './sagemaker']));
    for (const entry of entries) {
      expect({ [entry.specifier]: full[system][entry.specifier] }).toEqual({ [entry.specifier]: { exports: expect.any(Object) } });
      expect(Object.keys(exportsOf(full[system][entry.specifier])).length).toBeGreaterThan(0);
    }
  });

  test('import and require give each entry the same exports, of the same kinds', () => {
    for (const entry of entries) expect({ [entry.specifier]: full.esm[entry.specifier] }).toEqual({ [entry.specifier]: full.cjs[entry.specifier] });
  });

  test('the exports are functions and classes where they should be', () => {
    const kinds = (subpath: string, names: readonly string[]) => Object.fromEntries(names.map((name) => [name, exportsOf(full.cjs[specifier(subpath)])[name]]));
    const functions = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 'function']));
    const root = ['fromCohere', 'chatStream', 'decodeEvents', 'accumulateChat', 'CohereStreamError', 'RequestValidationError', 'StreamInterruptedError'];
    expect(kinds('.', root)).toEqual(functions(root));
    expect(kinds('./operators', ['decodeEvents', 'sseFrames', 'accumulateChat', 'ToolCallArgumentsError'])).toEqual(
      functions(['decodeEvents', 'sseFrames', 'accumulateChat', 'ToolCallArgumentsError']),
    );
    expect(kinds('./bedrock', ['fromBedrock', 'bedrockChatStream', 'AwsStreamError'])).toEqual(
      functions(['fromBedrock', 'bedrockChatStream', 'AwsStreamError']),
    );
    expect(kinds('./sagemaker', ['fromSageMaker', 'sagemakerChatStream', 'AwsStreamError'])).toEqual(
      functions(['fromSageMaker', 'sagemakerChatStream', 'AwsStreamError']),
    );
    expect(Object.keys(exportsOf(full.cjs[specifier('.')]))).toEqual(expect.arrayContaining(Object.keys(exportsOf(full.cjs[specifier('./operators')]))));
  });

  test.each(SYSTEMS)('with %s, the entries share one copy of each class and function', (system) => {
    expect(crossEntry[system]).toEqual({
      operatorsNotTheRoots: [],
      sameAwsStreamError: true,
      awsStreamErrorExtendsRoots: true,
      bedrock: { name: 'RequestValidationError', rootRequestValidationError: true, rootCohereStreamError: true },
      sagemaker: { name: 'RequestValidationError', rootRequestValidationError: true, rootCohereStreamError: true },
    });
  });

  test.each(SYSTEMS)('without the optional peers installed, every entry but the AWS ones loads with %s (cohere-rx/angular too)', (system) => {
    // The functions, and the schemas of the request bodies their signatures name (the same objects as cohere-rx's).
    const schemas = [
      'Citation',
      'GenerateRequest',
      'JsonObject',
      'ToolCallV2',
      ...V1_REQUEST_SCHEMAS,
      'V2AssistantContent',
      'V2AssistantMessage',
      'V2ChatMessage',
      'V2ChatRequest',
      'V2CitationOptions',
      'V2Document',
      'V2DocumentContent',
      'V2ImageUrl',
      'V2ImageUrlContent',
      'V2JsonResponseFormat',
      'V2ResponseFormat',
      'V2SystemMessage',
      'V2TextContent',
      'V2TextResponseFormat',
      'V2Thinking',
      'V2ThinkingContent',
      'V2Tool',
      'V2ToolContent',
      'V2ToolFunction',
      'V2ToolMessage',
      'V2UserContent',
      'V2UserMessage',
    ];
    expect(bare[system][specifier('./angular')]).toEqual({
      exports: { fromHttpClient: 'function', httpClientChatStream: 'function', ...Object.fromEntries(schemas.map((name) => [name, 'object'])) },
    });
    for (const entry of entries) {
      const client = AWS_CLIENT_OF[entry.subpath];
      if (client === undefined) {
        expect({ [entry.specifier]: bare[system][entry.specifier] }).toEqual({ [entry.specifier]: full[system][entry.specifier] });
      } else {
        expect(bare[system][entry.specifier]).toEqual({ error: expect.stringMatching(/MODULE_NOT_FOUND: Cannot find (module|package) '@aws-sdk\//) });
        expect(bare[system][entry.specifier]).toEqual({ error: expect.stringContaining(`'${client}'`) });
      }
    }
    expect(manifest.peerDependenciesMeta).toEqual(
      Object.fromEntries([...Object.values(AWS_CLIENT_OF), ...ANGULAR_PEERS].map((peer) => [peer, { optional: true }])),
    );
  });
});
