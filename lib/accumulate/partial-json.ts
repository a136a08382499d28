/**
 * The beginning of a tool call's arguments text, as it streams, read into the object it holds
 * so far (`parsePartialToolArguments`): a scanner that cuts the text where it can be closed, and
 * closes it, then `JSON.parse`.
 *
 * @module
 */
import { isJsonObject, type JsonObject } from '../decoding/schemas/shared';

/**
 * Parses the beginning of a tool call's arguments text, as it streams, into the object it holds
 * so far: for progressive UIs that show the arguments while the model writes them.
 *
 * 1. The text is read up to its end; what is still open is closed: an open string value keeps
 *    the characters that arrived (an escape sequence cut in the middle is dropped), and open
 *    arrays and objects are closed, so `{"query": "weather in Par` gives
 *    `{ query: 'weather in Par' }` and `{"ids": [1, 2,` gives `{ ids: [1, 2] }`.
 * 2. What cannot be shown correctly yet is dropped: a key that is incomplete or has no value
 *    yet (`{"a": 1, "b` and `{"a": 1, "b":` give `{ a: 1 }`), a literal cut short (`tru`), and a
 *    number that reaches the end of the text, because more digits may follow (`{"n": 12` gives
 *    `{}`, since the number may be 120). So every key, number and literal shown is final: later
 *    text only makes the last string longer and adds members to open arrays and objects.
 * 3. For the complete text it gives exactly what `JSON.parse` gives (and what
 *    {@link parseToolArguments} gives), once the text is not empty.
 * 4. It never throws: it returns `undefined` when nothing can be shown yet (an empty text) and
 *    when the text is not the beginning of a JSON object (`[1`, `"a"`, `{"a" 1`, text after the
 *    closing brace). The complete parse reports the error.
 * 5. It is as safe as `JSON.parse`: the text is repaired (cut and closed) and then parsed by
 *    `JSON.parse`, so a `"__proto__"` member is a plain own data property and no prototype
 *    changes.
 *
 * Cost: one pass over the text and one `JSON.parse`, O(n) for n characters. Called after every
 * fragment of a long text, that would be O(n²) over a call: `partialToolCalls()` calls it after
 * every fragment only up to 4,096 characters, then each time the text has grown by a quarter.
 * Do the same in your own loops.
 *
 * @example
 * ```ts
 * import { parsePartialToolArguments } from 'cohere-rx';
 *
 * parsePartialToolArguments('{"location": "Tor'); // { location: 'Tor' }
 * parsePartialToolArguments('{"location": "Toronto", "days": 3'); // { location: 'Toronto' }
 * parsePartialToolArguments('{"location": "Toronto", "days": 3}'); // { location: 'Toronto', days: 3 }
 * parsePartialToolArguments(''); // undefined
 * ```
 *
 * @param text The arguments text received so far.
 * @returns The object so far, or `undefined` when there is none (yet).
 */
export function parsePartialToolArguments(text: string): JsonObject | undefined {
  const repaired = closeJsonPrefix(text);
  if (repaired === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(repaired);
    return isJsonObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** What the scanner expects next, outside strings. */
type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const LITERALS: Readonly<Record<string, string>> = { t: 'true', f: 'false', n: 'null' };
const NUMBER_START = /[-0-9]/;
const NUMBER_CHAR = /[-+0-9.eE]/;
const WHITESPACE = /[ \t\n\r]/;

/**
 * Cuts a JSON object text at the last point where it can be closed, and closes it: the text of
 * the object so far. `undefined` when the text holds no object yet or is not the beginning of
 * one. Values inside the cut are checked by the `JSON.parse` that follows.
 */
function closeJsonPrefix(text: string): string | undefined {
  const closers: string[] = [];
  // Widened on purpose: afterValue() and open() change it, which narrowing does not see.
  let expect = 'value' as Expect;
  // text.slice(0, safeEnd) followed by the first safeDepth closers (innermost last) is valid.
  // The closers below safeDepth cannot change without a close, which moves the safe point.
  let safeEnd = -1;
  let safeDepth = 0;
  let i = 0;
  const closed = (end: number, depth: number) => `${text.slice(0, end)}${closers.slice(0, depth).reverse().join('')}`;
  const afterValue = () => {
    expect = closers.length === 0 ? 'end' : 'comma-or-close';
    safeEnd = i;
    safeDepth = closers.length;
  };
  const open = (closer: string, next: Expect) => {
    closers.push(closer);
    i++;
    expect = next;
    safeEnd = i;
    safeDepth = closers.length;
  };

  while (i < text.length) {
    const c = text.charAt(i);
    if (WHITESPACE.test(c)) {
      i++;
      continue;
    }
    switch (expect) {
      case 'end':
        return undefined;
      case 'colon':
        if (c !== ':') return undefined;
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close':
        if (c === ',') {
          i++;
          expect = closers.at(-1) === '}' ? 'key' : 'value';
          continue;
        }
        if (c !== closers.at(-1)) return undefined;
        closers.pop();
        i++;
        afterValue();
        continue;
      case 'key':
      case 'key-or-close': {
        if (c === '}' && expect === 'key-or-close') {
          closers.pop();
          i++;
          afterValue();
          continue;
        }
        if (c !== '"') return undefined;
        const end = scanString(text, i);
        if (end < 0) return closed(safeEnd, safeDepth); // an incomplete key is dropped
        i = end;
        expect = 'colon';
        continue;
      }
      case 'value':
      case 'value-or-close': {
        if (c === ']' && expect === 'value-or-close') {
          closers.pop();
          i++;
          afterValue();
          continue;
        }
        if (closers.length === 0 && c !== '{') return undefined;
        if (c === '{') {
          open('}', 'key-or-close');
          continue;
        }
        if (c === '[') {
          open(']', 'value-or-close');
          continue;
        }
        if (c === '"') {
          const end = scanString(text, i);
          if (end < 0) return `${text.slice(0, -end - 1)}"${closers.slice().reverse().join('')}`;
          i = end;
          afterValue();
          continue;
        }
        const literal = LITERALS[c];
        if (literal !== undefined) {
          const rest = text.slice(i, i + literal.length);
          if (rest === literal) {
            i += literal.length;
            afterValue();
            continue;
          }
          if (i + rest.length === text.length && literal.startsWith(rest)) break; // cut short: dropped
          return undefined;
        }
        if (!NUMBER_START.test(c)) return undefined;
        let end = i + 1;
        while (end < text.length && NUMBER_CHAR.test(text.charAt(end))) end++;
        if (end === text.length) break; // may go on: dropped
        i = end;
        afterValue();
        continue;
      }
    }
    break;
  }
  return safeEnd < 0 ? undefined : closed(safeEnd, safeDepth);
}

/**
 * Scans the string that opens at `start` (a `"`): the index after its closing quote, or, when
 * the text ends inside it, `-(cut + 1)` where `cut` is where its content can be cut (the end,
 * or before an escape sequence the end cuts short).
 */
function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '"') return i + 1;
    if (c === '\\') {
      const length = text.charAt(i + 1) === 'u' ? 6 : 2;
      if (i + length > text.length) return -(i + 1);
      i += length;
    } else {
      i++;
    }
  }
  return -(text.length + 1);
}
