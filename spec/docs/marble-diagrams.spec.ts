import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeBlocks } from './markdown-code';
import { ROOT } from './package-entries';

/** The marble diagram of an operator's TSDoc: its first ```text block, without the comment's ` * `. */
function tsdocDiagram(source: string): string | undefined {
  const match = /^ \* ```text\n([\s\S]*?)^ \* ```$/m.exec(source);
  return match?.[1]?.replace(/^ \*( |$)/gm, '');
}

const operators = readdirSync(join(ROOT, 'operators'))
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.replace(/\.ts$/, ''));

describe('marble diagrams', () => {
  test.each(operators)('%s: its docs page shows the diagram of its TSDoc', (name) => {
    const fromTsdoc = tsdocDiagram(readFileSync(join(ROOT, 'operators', `${name}.ts`), 'utf8'));
    const page = `docs/operators/${name}.md`;
    const fromPage = codeBlocks(page, readFileSync(join(ROOT, page), 'utf8')).find((block) => block.lang === 'text' && block.flags.length === 0);
    expect(fromTsdoc).toBeDefined();
    expect(fromPage?.code).toBe(fromTsdoc);
  });

  test.each(operators)('%s: the result line ends at a column of the source line', (name) => {
    // The result's end (| or #) stands at a column where the source has an event or its own end
    // (| or #, an error passed through): an operator acts on what arrives, so its diagram cannot
    // end between two source frames.
    const diagram = tsdocDiagram(readFileSync(join(ROOT, 'operators', `${name}.ts`), 'utf8')) ?? '';
    const lines = diagram.split('\n');
    lines.forEach((line, i) => {
      if (!line.startsWith('result:')) return;
      const source =
        lines
          .slice(0, i)
          .reverse()
          .find((candidate) => candidate.startsWith('source:')) ?? '';
      const end = line.search(/[|#]\s*$/);
      expect(end).toBeGreaterThan(0);
      expect(source.charAt(end)).toMatch(/[a-z|#]/);
    });
  });
});
