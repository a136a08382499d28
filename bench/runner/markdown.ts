/** Markdown tables and the number formats they use. */

/**
 * A Markdown table: the first `textColumns` columns left-aligned, the others right-aligned.
 *
 * @param header The column titles.
 * @param rows The cells, row by row.
 * @param textColumns How many leading columns hold text.
 * @returns The table, one line per row.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const rule = header.map((_, column) => (column < textColumns ? '---' : '---:'));
  return [line(header), line(rule), ...rows.map(line)].join('\n');
}

/** A whole number with thousands separators: `1,234,567`. */
export const int = (value: number): string => (Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : '–');

/** A number with `digits` decimals and thousands separators. */
export const fixed = (value: number, digits = 1): string =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';

/** A ratio: `0.85×`. */
export const times = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');

/** A range of milliseconds: `1,893–2,416`, or empty for a single run. */
export const span = (min: number, max: number, digits = 0): string => (min === max ? '' : `${fixed(min, digits)}–${fixed(max, digits)}`);

/** A signed difference in milliseconds: `+1.3`. */
export const delta = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(1)}` : '–');
