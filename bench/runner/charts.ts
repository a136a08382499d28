/**
 * The benchmark's charts, hand-written SVG: a line chart (a figure by stream size, one line per
 * consumer) and a horizontal bar chart (a figure per consumer, one bar per series). Both have a
 * white background, titled axes with their values and a legend, so they read the same in a
 * browser and on GitHub in light and dark mode. The same input gives the same bytes: no date,
 * no random id, coordinates rounded to a tenth of a pixel.
 */

/** One line, or one bar per category. */
export interface Series {
  readonly name: string;
  /** One value per x (line chart) or per category (bar chart); `NaN` where there is none. */
  readonly values: readonly number[];
  /** The colour; by default the palette's, by the series' position. */
  readonly color?: string;
  /** A dashed line (line chart only). */
  readonly dashed?: boolean;
}

/** A line chart over stream sizes, on a logarithmic x axis. */
export interface LineChart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** The sizes, positive, in any order. */
  readonly x: readonly number[];
  readonly series: readonly Series[];
  /** Sizes to mark with a dashed vertical line and a short label (for instance `server-bound`). */
  readonly marks?: readonly { readonly x: number; readonly label: string }[];
}

/** A horizontal bar chart: one group of bars per category, one bar per series. */
export interface BarChart {
  readonly title: string;
  /** The value axis' title, with its unit. */
  readonly valueLabel: string;
  readonly categories: readonly string[];
  readonly series: readonly Series[];
}

/** Ten distinct colours (Tableau 10), readable on white. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#7f7f7f'] as const;

/** The palette's colour at `index` (wrapping around): a series' default colour. */
const seriesColor = (index: number): string => PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] ?? '#000';

const WIDTH = 760;
const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"`;
const INK = '#222';
const GRID = '#e3e3e3';
const AXIS = '#888';

/** A coordinate, to a tenth of a pixel. */
const at = (value: number): string => String(Math.round(value * 10) / 10);

/** Text made safe for XML. */
const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A `<text>` element. */
function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${at(x)}" y="${at(y)}"${attributes === '' ? '' : ` ${attributes}`}>${escape(content)}</text>`;
}

/** A number short enough for an axis: `2.5k`, `1.5M`, `0.25`. */
export function compact(value: number): string {
  const trim = (n: number) => String(Number(n.toFixed(2)));
  if (Math.abs(value) >= 1e6) return `${trim(value / 1e6)}M`;
  if (Math.abs(value) >= 1e3) return `${trim(value / 1e3)}k`;
  return trim(value);
}

/** A figure as a bar's label: whole numbers with separators from 100, else one or two decimals. */
function figure(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(value >= 10 ? 1 : 2);
}

/** Round ticks from 0 to at least `max`: about five steps of 1, 2, 2.5 or 5 times a power of ten. */
function ticks(max: number): number[] {
  if (!(max > 0)) return [0, 0.25, 0.5, 0.75, 1];
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * power >= raw) ?? 10) * power;
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** The opening of an SVG document, its white background and its title. */
function open(height: number, title: string): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escape(title)}" ${FONT} font-size="12" fill="${INK}">`,
    `<title>${escape(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    text(WIDTH / 2, 26, title, 'text-anchor="middle" font-size="15" font-weight="600"'),
  ];
}

/** The finite values of every series. */
const finite = (series: readonly Series[]) => series.flatMap(({ values }) => values.filter(Number.isFinite));

/**
 * Draws a line chart.
 *
 * @param chart What to draw.
 * @returns The SVG document.
 */
export function lineChart(chart: LineChart): string {
  const height = 420;
  const legendWidth = Math.max(150, ...chart.series.map(({ name }) => name.length * 7 + 64));
  const plot = { left: 84, right: WIDTH - legendWidth, top: 48, bottom: height - 58 };
  const xs = [...new Set(chart.x)].sort((a, b) => a - b);
  const [low, high] = [Math.log10(xs[0] ?? 1), Math.log10(xs[xs.length - 1] ?? 1)];
  const inset = 24;
  const xOf = (x: number) =>
    high === low ? (plot.left + plot.right) / 2 : plot.left + inset + ((Math.log10(x) - low) / (high - low)) * (plot.right - plot.left - 2 * inset);
  const yTicks = ticks(Math.max(0, ...finite(chart.series)));
  const top = yTicks[yTicks.length - 1] ?? 1;
  const yOf = (y: number) => plot.bottom - (y / top) * (plot.bottom - plot.top);

  const svg = open(height, chart.title);
  for (const tick of yTicks) {
    svg.push(`<line x1="${plot.left}" y1="${at(yOf(tick))}" x2="${plot.right}" y2="${at(yOf(tick))}" stroke="${GRID}"/>`);
    svg.push(text(plot.left - 8, yOf(tick) + 4, compact(tick), 'text-anchor="end"'));
  }
  for (const x of xs) {
    svg.push(`<line x1="${at(xOf(x))}" y1="${plot.bottom}" x2="${at(xOf(x))}" y2="${plot.bottom + 5}" stroke="${AXIS}"/>`);
    svg.push(text(xOf(x), plot.bottom + 19, Math.round(x).toLocaleString('en-US'), 'text-anchor="middle"'));
  }
  svg.push(`<line x1="${plot.left}" y1="${plot.bottom}" x2="${plot.right}" y2="${plot.bottom}" stroke="${AXIS}"/>`);
  svg.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${plot.bottom}" stroke="${AXIS}"/>`);
  svg.push(text((plot.left + plot.right) / 2, height - 16, chart.xLabel, 'text-anchor="middle"'));
  const yMiddle = (plot.top + plot.bottom) / 2;
  svg.push(text(18, yMiddle, chart.yLabel, `text-anchor="middle" transform="rotate(-90 18 ${at(yMiddle)})"`));

  for (const mark of chart.marks ?? []) {
    const x = at(xOf(mark.x));
    svg.push(`<line x1="${x}" y1="${plot.top}" x2="${x}" y2="${plot.bottom}" stroke="#b22" stroke-dasharray="3 3"/>`);
    svg.push(text(xOf(mark.x), plot.top - 4, mark.label, 'text-anchor="middle" font-size="11" fill="#b22"'));
  }

  chart.series.forEach((series, index) => {
    const color = series.color ?? seriesColor(index);
    const points = chart.x.flatMap((x, i) => {
      const y = series.values[i] ?? NaN;
      return Number.isFinite(y) ? [[xOf(x), yOf(y)] as const] : [];
    });
    points.sort((a, b) => a[0] - b[0]);
    const dash = series.dashed === true ? ' stroke-dasharray="6 4"' : '';
    if (points.length > 1)
      svg.push(`<polyline points="${points.map(([x, y]) => `${at(x)},${at(y)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    for (const [x, y] of points) svg.push(`<circle cx="${at(x)}" cy="${at(y)}" r="3.5" fill="${color}"/>`);
    const legendY = plot.top + 8 + index * 22;
    svg.push(`<line x1="${plot.right + 20}" y1="${legendY}" x2="${plot.right + 44}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>`);
    svg.push(`<circle cx="${plot.right + 32}" cy="${legendY}" r="3.5" fill="${color}"/>`);
    svg.push(text(plot.right + 52, legendY + 4, series.name));
  });
  svg.push('</svg>');
  return `${svg.join('\n')}\n`;
}

/**
 * Draws a horizontal bar chart, each bar labelled with its value.
 *
 * @param chart What to draw.
 * @returns The SVG document.
 */
export function barChart(chart: BarChart): string {
  const bar = 16;
  const groupGap = 14;
  const group = chart.series.length * (bar + 2) - 2 + groupGap;
  const legendRow = chart.series.length > 1 ? 26 : 0;
  const labelWidth = Math.max(110, ...chart.categories.map((category) => category.length * 7 + 16));
  const plot = { left: labelWidth, right: WIDTH - 90, top: 48 + legendRow };
  const bottom = plot.top + chart.categories.length * group;
  const height = bottom + 58;
  const valueTicks = ticks(Math.max(0, ...finite(chart.series)));
  const top = valueTicks[valueTicks.length - 1] ?? 1;
  const xOf = (value: number) => plot.left + (value / top) * (plot.right - plot.left);

  const svg = open(height, chart.title);
  if (legendRow > 0) {
    let x = plot.left;
    chart.series.forEach((series, index) => {
      svg.push(`<rect x="${at(x)}" y="${plot.top - 30}" width="12" height="12" fill="${series.color ?? seriesColor(index)}"/>`);
      svg.push(text(x + 18, plot.top - 20, series.name));
      x += 18 + series.name.length * 7 + 24;
    });
  }
  for (const tick of valueTicks) {
    svg.push(`<line x1="${at(xOf(tick))}" y1="${plot.top}" x2="${at(xOf(tick))}" y2="${bottom}" stroke="${GRID}"/>`);
    svg.push(text(xOf(tick), bottom + 18, compact(tick), 'text-anchor="middle"'));
  }
  svg.push(`<line x1="${plot.left}" y1="${plot.top}" x2="${plot.left}" y2="${bottom}" stroke="${AXIS}"/>`);
  svg.push(`<line x1="${plot.left}" y1="${bottom}" x2="${plot.right}" y2="${bottom}" stroke="${AXIS}"/>`);
  svg.push(text((plot.left + plot.right) / 2, height - 16, chart.valueLabel, 'text-anchor="middle"'));

  chart.categories.forEach((category, row) => {
    const groupTop = plot.top + row * group + groupGap / 2;
    svg.push(text(plot.left - 10, groupTop + (group - groupGap) / 2 + 4, category, 'text-anchor="end"'));
    chart.series.forEach((series, index) => {
      const value = series.values[row] ?? NaN;
      if (!Number.isFinite(value)) return;
      const y = groupTop + index * (bar + 2);
      const width = Math.max(0, xOf(value) - plot.left);
      svg.push(`<rect x="${plot.left}" y="${at(y)}" width="${at(width)}" height="${bar}" fill="${series.color ?? seriesColor(index)}"/>`);
      svg.push(text(plot.left + width + 5, y + bar - 4, figure(value), 'font-size="11"'));
    });
  });
  svg.push('</svg>');
  return `${svg.join('\n')}\n`;
}
