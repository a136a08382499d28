import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { compilerOptions } from '../docs/type-check';
import { ROOT } from '../docs/package-entries';

const ACCEPTED = 'spec/requests/types/accepted-bodies.ts';
const REJECTED = 'spec/requests/types/rejected-bodies.ts';

/** The marker of a line that must not compile, and the words TypeScript's message must hold after it. */
const MARKER = /\/\/ @ts-expect-error (.*)$/;

/** A diagnostic: its file (from the root), 1-based line and whole message (the chain flattened). */
interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Compiles both files in one program with the project's options, the rejected one without its
 * markers (so that each marked line reports its error): their diagnostics.
 */
function compile(): Diagnostic[] {
  const texts = new Map(
    [ACCEPTED, REJECTED].map((file) => [join(ROOT, file), readFileSync(join(ROOT, file), 'utf8').replace(/\/\/ @ts-expect-error .*$/gm, '//')]),
  );
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile } = host;
  host.getSourceFile = (name, language, onError, create) => {
    const text = texts.get(name);
    return text === undefined ? getSourceFile.call(host, name, language, onError, create) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...texts.keys()], options, host });
  return [...texts.keys()].flatMap((path) => {
    const source = program.getSourceFile(path);
    if (source === undefined) throw new Error(`${path} was not compiled`);
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((diagnostic) => ({
      file: path.slice(ROOT.length + 1),
      line: source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'),
    }));
  });
}

/** The line after each marker, and the words its message must hold: each quoted word, or the whole text when it starts with none. */
function markedLines(file: string): Map<number, string[]> {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  return new Map(
    lines.flatMap((line, index) => {
      const expectation = MARKER.exec(line)?.[1];
      if (expectation === undefined) return [];
      const words = expectation.startsWith("'V2ChatRequest'") ? (expectation.match(/'[^']*'/g) ?? []) : [expectation];
      return [[index + 2, words] as const];
    }),
  );
}

describe('the request types (tsc on files that must and must not compile)', () => {
  let diagnostics: readonly Diagnostic[] = [];
  beforeAll(() => {
    diagnostics = compile();
  }, 120_000);
  const of = (file: string) => diagnostics.filter((diagnostic) => diagnostic.file === file);

  test('accepted-bodies.ts compiles: bodies inline and in typed variables, every endpoint, and unknownFields: "send"', () => {
    expect(of(ACCEPTED)).toEqual([]);
  });

  test('every marked line of rejected-bodies.ts fails, and nothing else does', () => {
    const failing = [...new Set(of(REJECTED).map((diagnostic) => diagnostic.line))].sort((a, b) => a - b);
    expect(failing).toEqual([...markedLines(REJECTED).keys()].sort((a, b) => a - b));
  });

  test.each([...markedLines(REJECTED)])('line %i is told in names: %j', (line, words) => {
    const message = of(REJECTED)
      .filter((diagnostic) => diagnostic.line === line)
      .map((diagnostic) => diagnostic.message)
      .join('\n');
    for (const word of words) expect(message).toContain(word);
    // The expanded zod shape this replaces ran to about 900 characters.
    expect(message.length).toBeLessThan(600);
  });
});
