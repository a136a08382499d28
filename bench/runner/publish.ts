/**
 * What a run leaves behind besides its raw results: the Markdown report (printed section by
 * section, and written beside the raw results), one SVG chart per section, and on request the
 * results block of `docs/performance.md`, between {@link DOCS_MARKERS}.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A chart of a section: its file name, its alternative text, its SVG document. */
export interface Chart {
  readonly file: string;
  readonly alt: string;
  readonly svg: string;
}

/** A section of the report. */
export interface ReportSection {
  readonly title: string;
  /** The tables and notes, in Markdown. */
  readonly body: string;
  readonly chart?: Chart;
}

/** The comments around the results block of `docs/performance.md`. */
export const DOCS_MARKERS = { begin: '<!-- bench:begin -->', end: '<!-- bench:end -->' } as const;

/** The 1-minute load average above which a machine is not quiet. */
export const QUIET_LOAD = 0.5;

/**
 * A section in Markdown.
 *
 * @param section The section.
 * @param level The heading level (2: `##`).
 * @param images Where the charts are, relative to the Markdown file; `undefined` for no image.
 * @returns The Markdown.
 */
export function sectionMarkdown(section: ReportSection, level: number, images?: string): string {
  const image = section.chart === undefined || images === undefined ? '' : `![${section.chart.alt}](${images}/${section.chart.file})\n\n`;
  return `${'#'.repeat(level)} ${section.title}\n\n${image}${section.body}`;
}

/**
 * The report: a lead paragraph, then every section.
 *
 * @param lead The paragraphs about the run.
 * @param sections The sections.
 * @param level The sections' heading level.
 * @param images Where the charts are, relative to the Markdown file; `undefined` for no image.
 * @returns The Markdown.
 */
export const reportMarkdown = (lead: string, sections: readonly ReportSection[], level: number, images?: string): string =>
  [lead, ...sections.map((section) => sectionMarkdown(section, level, images))].join('\n\n');

/**
 * Writes each section's chart into `dir`.
 *
 * @param dir The folder (created if needed).
 * @param sections The sections.
 * @returns The files written.
 */
export function writeCharts(dir: string, sections: readonly ReportSection[]): string[] {
  mkdirSync(dir, { recursive: true });
  return sections.flatMap(({ chart }) => {
    if (chart === undefined) return [];
    const file = join(dir, chart.file);
    writeFileSync(file, chart.svg);
    return [file];
  });
}

/**
 * The path of `to` relative to the folder of `from`, with forward slashes (a Markdown link).
 *
 * @param from A file.
 * @param to A folder or a file.
 * @returns The relative path.
 */
export const linkPath = (from: string, to: string): string => relative(dirname(from), to).split('\\').join('/') || '.';

/**
 * Replaces what lies between the markers of `page` with `markdown`.
 *
 * @param page The Markdown page.
 * @param markdown The new block.
 * @throws Error when the page does not have the markers, once each and in order.
 */
export function replaceDocsBlock(page: string, markdown: string): void {
  const text = readFileSync(page, 'utf8');
  const begin = text.indexOf(DOCS_MARKERS.begin);
  const end = text.indexOf(DOCS_MARKERS.end);
  if (begin === -1 || end < begin || text.indexOf(DOCS_MARKERS.begin, begin + 1) !== -1 || text.indexOf(DOCS_MARKERS.end, end + 1) !== -1)
    throw new Error(`${page} must hold ${DOCS_MARKERS.begin} and then ${DOCS_MARKERS.end}, once each: the results block goes between them`);
  writeFileSync(page, `${text.slice(0, begin + DOCS_MARKERS.begin.length)}\n\n${markdown.trim()}\n\n${text.slice(end)}`);
}
