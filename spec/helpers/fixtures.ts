import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The recorded Cohere streams, read from `../shared/fixtures` beside the repository (never copied into it). */
export const FIXTURES_DIR = resolve(__dirname, '../../../shared/fixtures');

export const fixturesPresent = existsSync(FIXTURES_DIR);

/** `test` when the recorded fixtures are there, `test.skip` otherwise. */
export const fixtureTest = fixturesPresent ? test : test.skip;

/** Lists the fixture files, or prints once that they are skipped. */
export function fixtureFiles(): string[] {
  if (!fixturesPresent) {
    console.warn(`Recorded fixtures not found at ${FIXTURES_DIR}: the fixture-based tests are skipped.`);
    return [];
  }
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name !== 'SOURCES.md')
    .sort();
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES_DIR, name)));
}

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES_DIR, name), 'utf8');
}

/** The JSON documents of a JSON-lines text, blank lines skipped. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return linesOf(text).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The non-blank lines of a JSON-lines text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
