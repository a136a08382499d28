/**
 * Keeping secrets (the API key, credential headers) out of every error that carries wire text:
 * one redactor per request, applied to raw text before it is parsed and to every string of an
 * error (its message, stack, fields, issues and causes) after.
 *
 * @module
 * @internal
 */

/** What replaces a secret. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not redacted: they cannot be told apart from ordinary words. */
const SHORTEST_SECRET = 4;

/** How deep the walk through an error's causes and fields goes. */
const DEEPEST = 8;

/**
 * Replaces secrets in text and in errors.
 *
 * @internal
 */
export interface Redactor {
  /** The text with every occurrence of a secret replaced by `[redacted]`, in any of its escaped forms. */
  text(text: string): string;
  /**
   * The start of a text that was cut (an error body read up to a limit): redacted, and without
   * a piece of a secret the cut may have left at its end.
   */
  cutText(text: string): string;
  /**
   * How many characters at the end of a text {@link cutText} reads for the start of a secret:
   * whether a text's end may begin a secret depends on no more than its last `tailLength`
   * characters (0 without secrets).
   */
  readonly tailLength: number;
  /** The same error, every string it holds redacted in place (message, stack, fields, issues, causes). */
  error<T>(error: T): T;
}

/** A redactor with no secret: changes nothing. */
export const NO_SECRETS: Redactor = { text: (text) => text, cutText: (text) => text, tailLength: 0, error: (error) => error };

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** HTML's named references of the characters that have one in a key's alphabet. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = { '"': 'quot', '&': 'amp', "'": 'apos', '<': 'lt', '>': 'gt' };

/** Short JSON escapes, by character. */
const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\\\', '/': '/', '\b': 'b', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't' };

/**
 * A pattern for one character of a secret in any form a server may echo it in: as is, as a
 * JSON escape (`\u002d`, `\/`, also escaped again: `\\u002d`), a `\x2d` escape, percent-encoded
 * (`%2D`) or an HTML character reference (`&#45;`, `&#x2d;`, `&quot;`). Case is ignored (the
 * `i` flag).
 */
function charPattern(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const forms = [literal(char), `\\\\+u${hex(code, 4)}`, `&#0*${code};`, `&#x0*${hex(code, 1)};`];
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) forms.push(`\\\\+${literal(short)}`);
  const named = NAMED_REFERENCES[char];
  if (named !== undefined) forms.push(`&${named};`);
  const bytes = new TextEncoder().encode(char);
  forms.push([...bytes].map((byte) => `%${hex(byte, 2)}`).join(''));
  if (code < 0x100) forms.push(`\\\\+x${hex(code, 2)}`);
  return `(?:${forms.join('|')})`;
}

/** The start of an escape cut off at the end of a text (`\u00`, `%2`, `&#x`). */
const CUT_ESCAPE = /(?:\\+(?:u[0-9a-f]{0,3}|x[0-9a-f]?)?|%[0-9a-f]?|&#?x?[0-9a-f]*)$/i;

/** One character of a text as a server may have escaped it (see {@link charPattern}), or a character as is. */
const ESCAPED_CHAR =
  /\\+u([0-9a-f]{4})|\\+x([0-9a-f]{2})|\\+(["\\/bfnrt])|%([0-9a-f]{2})|&#x0*([0-9a-f]{1,6});|&#0*([0-9]{1,7});|&(quot|amp|apos|lt|gt);|[\s\S]/gi;

const SHORT_UNESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NAMED_UNESCAPES: Readonly<Record<string, string>> = { quot: '"', amp: '&', apos: "'", lt: '<', gt: '>' };

/** The characters a text stands for, each with the position in the text where its form starts. */
function unescape(text: string): { chars: string[]; starts: number[] } {
  const chars: string[] = [];
  const starts: number[] = [];
  for (const match of text.matchAll(ESCAPED_CHAR)) {
    const [form, u, x, short, percent, hexRef, decimalRef, named] = match;
    const code = u ?? x ?? percent ?? hexRef;
    let char = form;
    if (code !== undefined) char = String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff));
    else if (decimalRef !== undefined) char = String.fromCodePoint(Math.min(parseInt(decimalRef, 10), 0x10ffff));
    else if (short !== undefined) char = SHORT_UNESCAPES[short] ?? short;
    else if (named !== undefined) char = NAMED_UNESCAPES[named.toLowerCase()] ?? form;
    chars.push(char.toLowerCase());
    starts.push(match.index);
  }
  return { chars, starts };
}

/** How much of the end of a cut text is looked at for the start of a secret. */
const TAIL_FACTOR = 16;

/**
 * A redactor of `secrets` (the API key, credential header values). Secrets shorter than four
 * characters are left alone. Its pattern is built the first time it is needed: a request that
 * fails with nothing to redact never pays for it.
 *
 * @internal
 */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const kept = [...new Set(secrets.filter((secret): secret is string => secret !== undefined && secret.length >= SHORTEST_SECRET))].sort(
    (a, b) => b.length - a.length,
  );
  if (kept.length === 0) return NO_SECRETS;
  let whole: RegExp | undefined;
  const text = (value: string): string => {
    whole ??= new RegExp(kept.map((secret) => Array.from(secret, charPattern).join('')).join('|'), 'gi');
    return value.replace(whole, REDACTED);
  };
  const lowered = kept.map((secret) => Array.from(secret.toLowerCase()));
  const longest = kept[0]?.length ?? 0;
  const cutText = (value: string): string => {
    const redacted = text(value).replace(CUT_ESCAPE, '');
    // The end of the text may be the first characters of a secret, in any of its forms.
    const tailStart = Math.max(0, redacted.length - TAIL_FACTOR * longest);
    const { chars, starts } = unescape(redacted.slice(tailStart));
    let cut = redacted.length;
    for (const secret of lowered) {
      for (let k = Math.min(secret.length, chars.length); k > 0; k--) {
        const from = chars.length - k;
        if (secret.slice(0, k).every((char, i) => chars[from + i] === char)) {
          cut = Math.min(cut, tailStart + (starts[from] ?? 0));
          break;
        }
      }
    }
    return redacted.slice(0, cut);
  };
  return { text, cutText, tailLength: TAIL_FACTOR * longest, error: (error) => redactIn(error, text) };
}

/** Whether a value is an object the walk goes into: an error, an array or a plain object. */
function walkable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Error || Array.isArray(value)) return true;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null || (typeof (value as { message?: unknown }).message === 'string' && 'stack' in value);
}

/** Redacts every string data property of `value` and of the errors, arrays and plain objects under it. */
function redactIn<T>(value: T, text: (value: string) => string): T {
  const seen = new Set<object>();
  const walk = (target: Record<string, unknown>, depth: number): void => {
    if (depth > DEEPEST || seen.has(target)) return;
    seen.add(target);
    for (const key of Object.getOwnPropertyNames(target)) {
      const descriptor = Object.getOwnPropertyDescriptor(target, key);
      if (descriptor === undefined || !('value' in descriptor)) continue;
      const member: unknown = descriptor.value;
      if (typeof member === 'string') {
        const redacted = text(member);
        if (redacted !== member) replace(target, key, descriptor, redacted);
      } else if (walkable(member)) {
        walk(member, depth + 1);
      }
    }
  };
  if (walkable(value)) walk(value, 0);
  return value;
}

/** Sets a property to its redacted value, also when it is read-only (a frozen object keeps it). */
function replace(target: Record<string, unknown>, key: string, descriptor: PropertyDescriptor, value: string): void {
  try {
    if (descriptor.writable === true) target[key] = value;
    else if (descriptor.configurable === true) Object.defineProperty(target, key, { ...descriptor, value });
  } catch {
    // A frozen object from elsewhere: nothing can change it.
  }
}
