import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './package-entries';

/**
 * The fence info word that excludes a TypeScript block from compiling and running: a block
 * that is deliberately a piece of a program (```` ```ts fragment ````). Keep such blocks rare.
 */
export const FRAGMENT = 'fragment';

/** The fence info word of a block holding what the TypeScript block just before it prints (```` ```text output ````). */
export const OUTPUT = 'output';

/** A fenced code block of a Markdown page. */
export interface CodeBlock {
  /** The page, relative to the repository root (`docs/operators/text-deltas.md`). */
  readonly page: string;
  /** The 1-based line of the block's first code line in the page. */
  readonly line: number;
  /** The fence's language (`ts`, `text`, …), lower-cased; `''` when the fence names none. */
  readonly lang: string;
  /** The words of the info string after the language (`fragment`, `output`). */
  readonly flags: readonly string[];
  /** The code, without the fences and without the fence's indentation. */
  readonly code: string;
}

/** The fenced code blocks of a Markdown text, in order (fences of backticks or tildes, at any indentation, as inside list items). */
export function codeBlocks(page: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const [, indent = '', fence = '', info = ''] = open;
    const [lang = '', ...flags] = info.trim().toLowerCase().split(/\s+/);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const text = lines[j] ?? '';
      const close = /^\s*(`{3,}|~{3,})\s*$/.exec(text);
      if (close?.[1] !== undefined && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart());
    }
    blocks.push({ page, line: i + 2, lang, flags: flags.filter((flag) => flag !== ''), code: `${body.join('\n')}\n` });
    i = j;
  }
  return blocks;
}

/** Whether a block is TypeScript (```` ```ts ```` or ```` ```typescript ````). */
export function isTypeScript(block: CodeBlock): boolean {
  return block.lang === 'ts' || block.lang === 'typescript';
}

/** The Markdown pages whose code the suite checks: `README.md` and every page under `docs/` (the generated `docs/api/` aside). */
export function docPages(): string[] {
  const pages = ['README.md'];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) pages.push(path);
    }
  };
  walk('docs');
  return pages.sort();
}

/** Every fenced block of the pages. */
export function pageBlocks(pages: readonly string[]): CodeBlock[] {
  return pages.flatMap((page) => codeBlocks(page, readFileSync(join(ROOT, page), 'utf8')));
}

/** `page:line`, as an editor opens it. */
export function where(block: CodeBlock, lineInBlock = 1): string {
  return `${block.page}:${block.line + lineInBlock - 1}`;
}
