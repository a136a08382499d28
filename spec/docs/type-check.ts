import { join } from 'node:path';
import * as ts from 'typescript';
import { where, type CodeBlock } from './markdown-code';
import { ENTRIES, ROOT } from './package-entries';

/**
 * The root tsconfig's compiler options, with the package's entry points mapped to their
 * sources through `paths` (no `baseUrl`), and nothing emitted.
 */
export function compilerOptions(): ts.CompilerOptions {
  const configPath = join(ROOT, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error !== undefined) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const paths = Object.fromEntries(Object.entries(ENTRIES).map(([name, source]) => [name, [`./${source}`]]));
  const parsed = ts.parseJsonConfigFileContent(
    { ...config, compilerOptions: { ...config.compilerOptions, noEmit: true, paths } },
    ts.sys,
    ROOT,
    undefined,
    configPath,
  );
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'));
  return parsed.options;
}

/** The module a block becomes: beside its page, as ECMAScript module (`.mts`), so `await` works at the top level as in an ES module project. */
function moduleName(block: CodeBlock): string {
  return join(ROOT, `${block.page}.${block.line}.mts`);
}

/**
 * Type-checks every block as its own module, all in one program, against the sources: each
 * error is `page:line:column TScode: message`, at the page's own line.
 */
export function typeCheck(blocks: readonly CodeBlock[]): string[] {
  const options = compilerOptions();
  const modules = new Map(blocks.map((block) => [moduleName(block), block]));
  const host = ts.createCompilerHost(options, true);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (path) => modules.has(path) || fileExists.call(host, path);
  host.readFile = (path) => modules.get(path)?.code ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, create) => {
    const block = modules.get(path);
    return block === undefined ? getSourceFile.call(host, path, language, onError, create) : ts.createSourceFile(path, block.code, language, true);
  };
  const program = ts.createProgram({ rootNames: [...modules.keys()], options, host });
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...modules.keys()].flatMap((path) => {
      const file = program.getSourceFile(path);
      return file === undefined ? [] : [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
    }),
  ];
  return diagnostics.map((diagnostic) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const block = diagnostic.file === undefined ? undefined : modules.get(diagnostic.file.fileName);
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const place = block === undefined ? `${diagnostic.file.fileName}:${line + 1}` : where(block, line + 1);
    return `${place}:${character + 1} ${message}`;
  });
}
