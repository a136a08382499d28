/**
 * The demo's output: text written as it streams, whole lines, colors only on a terminal that
 * wants them, and lines redrawn in place.
 *
 * @module
 */

/** Where the demo writes: `process.stdout`, or anything with its `write` (a test's buffer). */
export interface Output {
  /** Writes text as it is. */
  write(text: string): unknown;
  /** Whether the output is a terminal (lines can be redrawn in place). */
  readonly isTTY?: boolean | undefined;
  /** The terminal's width in characters. */
  readonly columns?: number | undefined;
}

/** Text styles: each wraps its text in ANSI codes when colors are on, and returns it as is otherwise. */
export interface Paint {
  /** Headings, finish reasons, speaker labels. */
  readonly bold: (text: string) => string;
  /** Labels, pipelines, ids. */
  readonly dim: (text: string) => string;
  /** Cited spans. */
  readonly underline: (text: string) => string;
  /** Errors and failed checks. */
  readonly red: (text: string) => string;
  /** Passed checks. */
  readonly green: (text: string) => string;
  /** Citation numbers. */
  readonly yellow: (text: string) => string;
  /** The model's label. */
  readonly cyan: (text: string) => string;
  /** Tool calls. */
  readonly magenta: (text: string) => string;
}

/** The demo's terminal: text as it streams, lines, styles and in-place redraws. */
export interface Terminal {
  /** Whether the output is a terminal, where lines can be redrawn in place. */
  readonly tty: boolean;
  /** Whether colors are on: a terminal, and `NO_COLOR` unset or empty. */
  readonly colors: boolean;
  /** The styles: ANSI codes when {@link Terminal.colors} is on, plain text otherwise. */
  readonly paint: Paint;
  /** Writes text where the cursor is (a streamed piece), leaving the line open. */
  write(text: string): void;
  /**
   * Starts a paragraph that streams in: writes `prefix` (such as a speaker's label), after which
   * {@link Terminal.flow} wraps the text under the column where the prefix ends.
   */
  startFlow(prefix: string): void;
  /**
   * Writes a streamed piece of a paragraph, wrapping between words at the terminal's width (80
   * when not a terminal, at most 100); a line break in the piece starts a new line under the prefix.
   */
  flow(piece: string): void;
  /** Ends an open line first, then writes `text` and a line break. */
  line(text?: string): void;
  /** Writes `label` dimmed and padded, then `value` wrapped under itself, as a line of a summary. */
  field(label: string, value: string): void;
  /**
   * Rewrites the last `lines.length` lines in place (a terminal only). The lines are plain text,
   * each cut to the terminal's width so that none wraps and the cursor returns to the same place.
   */
  redraw(lines: readonly string[]): void;
}

/** The ANSI code pair of each style. */
const STYLES: Readonly<Record<keyof Paint, readonly [number, number]>> = {
  bold: [1, 22],
  dim: [2, 22],
  underline: [4, 24],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  magenta: [35, 39],
};

/** The widest a streamed paragraph goes, even on a wider terminal. */
const MAX_WIDTH = 100;

/** An ANSI style code. */
const STYLE_CODE = /\x1b\[[0-9;]*m/g;

/** How many columns a text takes (its characters, without style codes). */
const widthOf = (text: string): number => Array.from(text.replace(STYLE_CODE, '')).length;

/** How wide the labels of {@link Terminal.field} are padded. */
const LABEL_WIDTH = 16;

/** The indent of every line under a scene's title. */
export const INDENT = '   ';

/**
 * Makes the demo's terminal on an output. Colors are on when the output is a terminal and
 * `NO_COLOR` is unset or empty (https://no-color.org); in-place redraws need a terminal.
 *
 * @example
 * ```ts
 * const terminal = createTerminal(process.stdout, process.env);
 * terminal.write('Hello');
 * terminal.line(terminal.paint.green(' ✓'));
 * ```
 *
 * @param output Where to write.
 * @param env The environment `NO_COLOR` is read from.
 * @returns The terminal.
 */
export function createTerminal(output: Output, env: Readonly<Record<string, string | undefined>>): Terminal {
  const tty = output.isTTY === true;
  const colors = tty && (env['NO_COLOR'] ?? '') === '';
  const paint = Object.fromEntries(
    Object.entries(STYLES).map(([name, [on, off]]) => [name, (text: string) => (colors ? `\x1b[${on}m${text}\x1b[${off}m` : text)]),
  ) as unknown as Paint;
  // A pseudo-terminal may report 0 columns: taken as unknown, as when not a terminal.
  const columns = output.columns || 80;
  const width = Math.min(MAX_WIDTH, columns) - 1;
  let column = 0;
  let hanging = 0;
  const write = (text: string) => {
    if (text === '') return;
    output.write(text);
    const lastBreak = text.lastIndexOf('\n');
    column = lastBreak < 0 ? column + widthOf(text) : widthOf(text.slice(lastBreak + 1));
  };
  const endLine = () => {
    if (column > 0) write('\n');
  };
  const line = (text = '') => {
    endLine();
    write(`${text}\n`);
  };
  const startFlow = (prefix: string) => {
    endLine();
    write(prefix);
    hanging = column;
  };
  const flow = (piece: string) => {
    piece.split('\n').forEach((part, at) => {
      if (at > 0) write(`\n${' '.repeat(hanging)}`);
      for (const token of part.match(/\s*\S+|\s+/g) ?? []) {
        const text = column === hanging ? token.trimStart() : token;
        if (column + widthOf(text) > width && column > hanging) write(`\n${' '.repeat(hanging)}${text.trimStart()}`);
        else write(text);
      }
    });
  };
  return {
    tty,
    colors,
    paint,
    write,
    line,
    startFlow,
    flow,
    field: (label, value) => {
      startFlow(`${INDENT}${paint.dim(label.padEnd(LABEL_WIDTH))}`);
      flow(value);
      endLine();
    },
    redraw: (lines) => {
      const room = columns - 1;
      const cut = (text: string) =>
        Array.from(text).length > room
          ? `${Array.from(text)
              .slice(0, room - 1)
              .join('')}…`
          : text;
      write(`\x1b[${lines.length}A\r${lines.map((text) => `\x1b[2K${cut(text)}\n`).join('')}`);
    },
  };
}
