import ts from 'typescript';
import { checkEntryTypes, type ConsumerSetup, type EntryView, type TypeCheck } from './entry-types';
import { declaredPackages, entries, installConsumer, loadEntries, manifest, packPackage, type LoadResult, type PackedPackage } from './packed-package';

/** A strict consumer: the settings cohere-rx itself compiles with. */
const STRICT: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  target: ts.ScriptTarget.ES2022,
  skipLibCheck: false,
  noEmit: true,
};

const BUNDLER: ts.CompilerOptions = {
  ...STRICT,
  module: ts.ModuleKind.Preserve,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
};

/** Node (ES modules and CommonJS) with @types/node, and bundlers (an app with DOM and Node types). */
const SETUPS: readonly ConsumerSetup[] = [
  {
    name: 'nodenext',
    compilerOptions: {
      ...STRICT,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
    },
    extensions: ['.mts', '.cts'],
  },
  { name: 'bundler', compilerOptions: { ...BUNDLER, types: ['node'] }, extensions: ['.ts'] },
];

/** A browser app: bundler resolution, DOM types, no @types/node; for the entries meant for browsers. */
const BROWSER: ConsumerSetup = { name: 'browser', compilerOptions: { ...BUNDLER, types: [] }, extensions: ['.ts'] };
const BROWSER_ENTRIES = entries.filter((entry) => ['.', './operators', './angular'].includes(entry.subpath));

let packed: PackedPackage | undefined;
const checks = new Map<string, TypeCheck>();
const loaded = { esm: {}, cjs: {} } as Record<'esm' | 'cjs', Readonly<Record<string, LoadResult>>>;

beforeAll(async () => {
  packed = packPackage();
  const dir = installConsumer(packed, 'typed', [...declaredPackages(true), '@types/node']);
  [loaded.esm, loaded.cjs] = await Promise.all([loadEntries(dir, 'esm'), loadEntries(dir, 'cjs')]);
  for (const setup of SETUPS) checks.set(setup.name, checkEntryTypes(dir, manifest.name, entries, setup));
  checks.set(BROWSER.name, checkEntryTypes(dir, manifest.name, BROWSER_ENTRIES, BROWSER));
}, 300_000);

afterAll(() => packed?.remove());

const viewsOf = (name: string): readonly EntryView[] => checks.get(name)?.views ?? [];
const allViews = () => [...SETUPS, BROWSER].flatMap((setup) => viewsOf(setup.name).map((view) => ({ setup: setup.name, ...view })));

describe("the packed package's types", () => {
  test.each([...SETUPS, BROWSER].map((setup) => setup.name))('compile without errors under %s, with every entry imported', (name) => {
    expect(checks.get(name)?.diagnostics).toEqual([]);
    expect(viewsOf(name).length).toBeGreaterThanOrEqual(name === BROWSER.name ? 3 : entries.length);
  });

  test('each import resolves to the declaration file of its condition', () => {
    for (const view of allViews()) {
      const entry = entries.find((candidate) => candidate.specifier === view.specifier);
      const expected = view.extension === '.cts' ? entry?.requireTypes : entry?.importTypes;
      expect({ [`${view.setup} ${view.specifier} ${view.extension}`]: view.declarationFile }).toEqual({
        [`${view.setup} ${view.specifier} ${view.extension}`]: expected,
      });
    }
  });

  test('each entry exports the public types its functions, classes and constants name', () => {
    const gaps = allViews().filter((view) => view.unexportedTypes.length > 0);
    expect(gaps.map((view) => `${view.setup} ${view.specifier}${view.extension}: ${view.unexportedTypes.join(', ')}`)).toEqual([]);
  });

  // A value the declarations have and node does not is most often a name that is a type and a
  // value (a schema, `Chat`, a class) re-exported with `export type`: the declaration bundle drops
  // `type` from re-exports. Export such a name as a value.
  test('the values the declarations export are the ones node loads, from ESM and from CommonJS', () => {
    for (const view of allViews()) {
      const result = loaded[view.extension === '.cts' ? 'cjs' : 'esm'][view.specifier];
      const runtime = result !== undefined && 'exports' in result ? Object.keys(result.exports).sort() : [];
      expect({ [`${view.setup} ${view.specifier} ${view.extension}`]: view.values }).toEqual({
        [`${view.setup} ${view.specifier} ${view.extension}`]: runtime,
      });
    }
  });

  test('the root, operators and angular types need no Node types', () => {
    expect(checks.get(BROWSER.name)?.programFiles.filter((file) => file.includes('@types/node'))).toEqual([]);
  });
});
