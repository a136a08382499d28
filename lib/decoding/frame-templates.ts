/**
 * The most frequent frames read without `JSON.parse` of the whole frame: a text delta as Cohere
 * writes it is a fixed text around one string (and, for some families, one index). A template
 * reads such a frame with a few comparisons and `JSON.parse` of the string alone, and builds the
 * event `JSON.parse` would give, which the schema would accept: the template is the check. A frame that differs from it in anything (member
 * order, white space, another member, a number that is not a small non-negative integer, a
 * string with a control character or an invalid escape) is left to `JSON.parse` and the schema.
 *
 * @module
 */

/** Where a template holds a non-negative integer (at most 9 digits, no leading zero). */
const INDEX = '\u0000index';
/** Where a template holds a JSON string. */
const TEXT = '\u0000text';

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
      const read = end === 0 ? undefined : jsonString(frame.slice(at, end));
      if (read === undefined) return undefined;
      text = read;
      at = end;
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
 * Finds the end of the JSON string starting at `at` (its opening quote), stepping over escapes.
 *
 * @returns The index after its closing quote; `0` when there is no string there or it is not closed.
 */
function stringEnd(frame: string, at: number): number {
  if (frame.charCodeAt(at) !== 0x22) return 0;
  for (let i = at + 1; i < frame.length; i++) {
    const code = frame.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) i++;
  }
  return 0;
}

/**
 * A JSON string literal read by `JSON.parse`, which checks it (control characters, escapes) and
 * makes the string `JSON.parse` of the whole frame would: a string of its own, never a view of
 * the frame and the chunk it was cut from, and one shared copy of a short string that recurs
 * (a token), as V8 keeps it. `undefined` when the literal is not valid.
 */
function jsonString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}
