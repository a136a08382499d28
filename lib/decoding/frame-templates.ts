/**
 * The most frequent frames read without `JSON.parse`: a text delta as Cohere writes it is a
 * fixed text around one string (and, for some families, one index). A template reads such a
 * frame with a few comparisons and builds the event `JSON.parse` would give, which the schema
 * would accept: the template is the check. A frame that differs from it in anything (member
 * order, white space, another member, a number that is not a small non-negative integer, a
 * string with a control character or an invalid escape) is left to `JSON.parse` and the schema.
 *
 * @module
 */

/** Where a template holds a non-negative integer (at most 9 digits, no leading zero). */
const INDEX = '\u0000index';
/** Where a template holds a JSON string. */
const TEXT = '\u0000text';

/**
 * The longest string taken with `slice`. V8 copies a slice this short, but keeps a longer one
 * as a view of the whole text it was cut from (here, the frame and the chunk the frame was cut
 * from): a text delta kept in an answer would keep its chunk alive. `JSON.parse` of the quoted
 * string makes a string of its own.
 */
const SHORT = 12;

/** A compiled template: literal texts between the index and string places. */
export interface FrameTemplate<E> {
  readonly parts: readonly string[];
  readonly build: (index: number, text: string) => E;
}

/**
 * Compiles a template written as the frame's JSON with `#` for the index and `$` for the string
 * (quotes included), e.g. `{"type":"content-delta","index":#,"delta":{"message":{"content":{"text":$}}}}`.
 *
 * @param source The frame's text with its places marked.
 * @param build Builds the event from the values read, with its members in the frame's order.
 * @returns The template.
 */
export function frameTemplate<E>(source: string, build: (index: number, text: string) => E): FrameTemplate<E> {
  const parts = source
    .split(/([#$])/)
    .map((part) => (part === '#' ? INDEX : part === '$' ? TEXT : part))
    .filter((part) => part !== '');
  return { parts, build };
}

/**
 * Reads a frame with the first template it matches exactly.
 *
 * @param frame The frame's text.
 * @param templates The family's templates.
 * @returns The event `JSON.parse` would give, or `undefined` when no template matches.
 */
export function readTemplated<E>(frame: string, templates: readonly FrameTemplate<E>[]): E | undefined {
  for (const template of templates) {
    const event = readWith(frame, template);
    if (event !== undefined) return event;
  }
  return undefined;
}

function readWith<E>(frame: string, { parts, build }: FrameTemplate<E>): E | undefined {
  let at = 0;
  let index = 0;
  let text = '';
  for (const part of parts) {
    if (part === INDEX) {
      const end = digitsEnd(frame, at);
      if (end === at || end - at > 9 || (frame.charCodeAt(at) === 0x30 && end - at > 1)) return undefined;
      index = Number(frame.slice(at, end));
      at = end;
    } else if (part === TEXT) {
      const end = stringEnd(frame, at);
      if (end === 0) return undefined;
      const read = end > 0 && end - at - 2 <= SHORT ? frame.slice(at + 1, end - 1) : stringWithEscapes(frame, at, Math.abs(end));
      if (read === undefined) return undefined;
      text = read;
      at = Math.abs(end);
    } else {
      if (!frame.startsWith(part, at)) return undefined;
      at += part.length;
    }
  }
  return at === frame.length ? build(index, text) : undefined;
}

/** Where the digits starting at `at` end. */
function digitsEnd(frame: string, at: number): number {
  let end = at;
  for (let code = frame.charCodeAt(end); code >= 0x30 && code <= 0x39; code = frame.charCodeAt(++end));
  return end;
}

/**
 * Scans the JSON string starting at `at` (its opening quote).
 *
 * @returns The index after its closing quote, negated when the string holds an escape; `0`
 *   when there is no string there, it is not closed, or it holds a control character.
 */
function stringEnd(frame: string, at: number): number {
  if (frame.charCodeAt(at) !== 0x22) return 0;
  let escaped = false;
  for (let i = at + 1; i < frame.length; i++) {
    const code = frame.charCodeAt(i);
    if (code === 0x22) return escaped ? -(i + 1) : i + 1;
    if (code < 0x20) return 0;
    if (code === 0x5c) {
      escaped = true;
      i++;
    }
  }
  return 0;
}

/** A string read by `JSON.parse` (a copy of its own, its escapes read); `undefined` when an escape is invalid. */
function stringWithEscapes(frame: string, at: number, end: number): string | undefined {
  try {
    return JSON.parse(frame.slice(at, end)) as string;
  } catch {
    return undefined;
  }
}
