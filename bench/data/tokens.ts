/**
 * The deterministic tokens of every benchmark stream: short words with a leading space
 * (about 4.2 characters on average), about 8 % of them multi-byte in UTF-8 (2-, 3- and 4-byte
 * characters and sequences such as 👍🏽 and 🇨🇦), a few with a `\n` or a `"` that JSON escapes.
 */

/** Plain ASCII words. */
const WORDS = [
  ' the',
  ' of',
  ' and',
  ' to',
  ' a',
  ' in',
  ' is',
  ' it',
  ' that',
  ' for',
  ' on',
  ' was',
  ' with',
  ' as',
  ' at',
  ' by',
  ' we',
  ' an',
  ' or',
  ' be',
  ' so',
  ' up',
  ' no',
  ' do',
  ' if',
  ' my',
  ' one',
  ' all',
  ' can',
  ' has',
  ' its',
  ' not',
  ' stream',
  ' token',
  ' model',
  ' answer',
  ' events',
  ' every',
  ' chunk',
  ' reads',
  ' text',
  ' ice',
  ' cold',
  ' swim',
  ' penguins',
  ' live',
  ' near',
  ' water',
  ' they',
  ' fast',
  ' dive',
  ' deep',
  '.',
  ',',
];

/** Tokens with characters of 2, 3 and 4 bytes in UTF-8, and multi-code-point sequences. */
const MULTI_BYTE = [' café', ' naïve', ' über', ' 日本', ' データ', ' 東京', ' 🙂', ' 👍🏽', ' 🇨🇦', ' ça', ' señor', ' 🐧'];

/** Tokens that JSON escapes. */
const ESCAPED = [' line\nbreak', ' "quoted"', '\n\n', ' say "hi"'];

/** A small, fast, seeded pseudo-random generator (mulberry32): the same sequence on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The first `count` tokens of the benchmark text, always the same.
 *
 * @param count How many tokens.
 * @returns The tokens, in order.
 */
export function* tokens(count: number): Generator<string> {
  const next = random(0x5eed);
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)] ?? '';
  for (let i = 0; i < count; i++) {
    const roll = next();
    yield pick(roll < 0.08 ? MULTI_BYTE : roll < 0.1 ? ESCAPED : WORDS);
  }
}

/**
 * The text a consumer must return for a stream of `count` content deltas: its tokens joined.
 *
 * @param count How many content deltas the stream has.
 * @returns The concatenated tokens.
 */
export function expectedText(count: number): string {
  let text = '';
  for (const token of tokens(count)) text += token;
  return text;
}
