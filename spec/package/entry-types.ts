/**
 * What a consumer's TypeScript sees of the installed package: one small program per module
 * setting, with one file per entry point that imports it, compiled with the TypeScript compiler
 * (the API `tsc` runs) against the consumer's `node_modules`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import type { Entry } from './packed-package';

/** How a consumer compiles: its compiler options and the extensions of its files. */
export interface ConsumerSetup {
  /** A folder name for the setting's files. */
  readonly name: string;
  readonly compilerOptions: ts.CompilerOptions;
  /** `.mts` files load the `import` condition under Node16/NodeNext, `.cts` files the `require` one; `.ts` follows `module`. */
  readonly extensions: readonly ('.mts' | '.cts' | '.ts')[];
}

/** What one file that imports one entry sees. */
export interface EntryView {
  readonly specifier: string;
  readonly extension: string;
  /** The declaration file the import resolved to, relative to the package (`dist/index.d.mts`). */
  readonly declarationFile: string | undefined;
  /** The exports that have a value, as the declarations say. */
  readonly values: readonly string[];
  /** Public types named within two steps of the entry's functions, classes and constants that the entry does not export. */
  readonly unexportedTypes: readonly string[];
}

/** The result of compiling one setting. */
export interface TypeCheck {
  /** Errors in the consumer's files and in the package's declaration files. */
  readonly diagnostics: readonly string[];
  /** Every file of the program, relative to the consumer folder. */
  readonly programFiles: readonly string[];
  readonly views: readonly EntryView[];
}

/** Formats a diagnostic with its file (relative to `dir`) and line. */
function describeDiagnostic(diagnostic: ts.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(dir, diagnostic.file.fileName)}:${line + 1}: ${message}`;
}

/**
 * Compiles one file per entry and extension in `<dir>/<setup.name>/`, each holding
 * `import * as entry from '<specifier>'`, and reads what each import gives.
 *
 * Two checks need the type checker rather than `tsc`'s exit code:
 * - `values`: the exports the declarations give a value, to compare with what `node` loads (a
 *   declaration bundler that drops `type` from a re-export turns a type into a phantom value);
 * - `unexportedTypes`: a type an entry's signature names (`decodeEvents(protocol: Protocol<E>,
 *   options?: DecodeOptions)`), or one step further (`FinalChat<E>` names `ChatResponse`), that
 *   another entry exports but this one does not. Base classes do not count: a subclass is used
 *   without naming its base, and the root entry exports every error class for `instanceof`.
 *   Types that no entry exports are internal and do not count either.
 *
 * @param dir The consumer folder, where the package is installed.
 * @param packageName The package's name.
 * @param entries The entries to import.
 * @param setup The compiler options and file extensions.
 * @returns Diagnostics, program files and one view per file.
 */
export function checkEntryTypes(dir: string, packageName: string, entries: readonly Entry[], setup: ConsumerSetup): TypeCheck {
  const folder = join(dir, setup.name);
  mkdirSync(folder, { recursive: true });
  const files = entries.flatMap((entry) =>
    setup.extensions.map((extension) => {
      const file = join(folder, `${entry.slug}${extension}`);
      writeFileSync(file, `import * as entry from '${entry.specifier}';\n\nexport type Entry = typeof entry;\n`);
      return { entry, extension, file };
    }),
  );
  const host = ts.createCompilerHost(setup.compilerOptions);
  host.getCurrentDirectory = () => dir;
  const program = ts.createProgram({ rootNames: files.map(({ file }) => file), options: setup.compilerOptions, host });
  const checker = program.getTypeChecker();
  const packageDir = join(dir, 'node_modules', packageName) + '/';
  const inPackage = (node: ts.Node) => node.getSourceFile().fileName.startsWith(packageDir);
  const checked = program.getSourceFiles().filter((file) => file.fileName.startsWith(packageDir) || files.some(({ file: own }) => own === file.fileName));
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ].map((diagnostic) => describeDiagnostic(diagnostic, dir));

  const target = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  /** The package's types that a declaration names, in its signatures and members. */
  const namedTypes = (symbol: ts.Symbol): ts.Symbol[] => {
    const named: ts.Symbol[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isHeritageClause(node) && ts.isClassDeclaration(node.parent)) return;
      const name = ts.isTypeReferenceNode(node) ? node.typeName : ts.isExpressionWithTypeArguments(node) ? node.expression : undefined;
      const referenced = name === undefined ? undefined : checker.getSymbolAtLocation(name);
      if (referenced !== undefined) {
        const type = target(referenced);
        if (!(type.flags & ts.SymbolFlags.TypeParameter) && (type.declarations ?? []).some(inPackage)) named.push(type);
      }
      ts.forEachChild(node, visit);
    };
    for (const declaration of symbol.declarations ?? []) if (inPackage(declaration)) visit(declaration);
    return named;
  };

  const modules = files.map(({ entry, extension, file }) => {
    const source = program.getSourceFile(file);
    const statement = source?.statements[0];
    const module = statement !== undefined && ts.isImportDeclaration(statement) ? checker.getSymbolAtLocation(statement.moduleSpecifier) : undefined;
    return { entry, extension, module, exports: module === undefined ? [] : checker.getExportsOfModule(module).map(target) };
  });
  const views = modules.map(({ entry, extension, module, exports }): EntryView => {
    const exported = new Set(exports);
    const isPublic = (symbol: ts.Symbol) => modules.some((other) => other.extension === extension && other.exports.includes(symbol));
    const stepOne = exports.filter((symbol) => symbol.flags & ts.SymbolFlags.Value).flatMap(namedTypes);
    const named = new Set([...stepOne, ...stepOne.flatMap(namedTypes)]);
    const declaration = module?.valueDeclaration?.getSourceFile().fileName;
    return {
      specifier: entry.specifier,
      extension,
      declarationFile: declaration === undefined ? undefined : relative(packageDir, declaration),
      values:
        module === undefined
          ? []
          : checker
              .getPropertiesOfType(checker.getTypeOfSymbol(module))
              .map((value) => value.getName())
              .sort(),
      unexportedTypes: [...named]
        .filter((symbol) => !exported.has(symbol) && isPublic(symbol))
        .map((symbol) => symbol.getName())
        .sort(),
    };
  });
  return { diagnostics, programFiles: program.getSourceFiles().map((file) => relative(dir, file.fileName)), views };
}
