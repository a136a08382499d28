/**
 * Where a citation stands in its text: Cohere's `start`/`end` offsets read in the unit the API
 * counts in, checked against the citation's own `text`, and a search for that text when the
 * two disagree.
 *
 * **The unit.** Cohere counts `start` and `end` in Unicode code points, as Python indexes a
 * string, not in the UTF-16 code units a JavaScript string is indexed by; `end` is exclusive.
 * The API's parser of the model's citation markup, cohere-ai/melody, counts characters with
 * Rust's `chars()` (`src/parsing/citations_filter.rs`: a citation after `hello🌈` starts at 6,
 * where UTF-16 says 7) and, in its Go version, with `utf8.RuneCountInString`
 * (`parsing/citations_filter.go`); melody's README cites `emoji: 🌈` at 18–26 in
 * `This is a rainbow emoji: 🌈`. Cohere's Python cookbooks and langchain-cohere slice
 * `text[start:end]`, and every recorded stream agrees (byte offsets are ruled out by `24°C`).
 * The two units differ only when the text holds characters outside the Basic Multilingual
 * Plane (most emoji, some CJK): then every offset after such a character is smaller, by one per
 * character, than the JavaScript index.
 *
 * **Why the text is checked.** The offsets do not always select the citation's text: the Go
 * parser adds a byte offset within a buffered piece to a count in code points, so a non-ASCII
 * character just before a citation shifts it; in `citation_options: { mode: 'FAST' }` streamed
 * text may hold U+FFFD where a character was split between tokens (cohere-python #572).
 *
 * @module
 */

/** What the citation helpers read of a citation: V2's `Citation` and V1's `ChatCitation` both have it. */
export interface CitationOffsets {
  /** Where the cited span starts, in Unicode code points from the start of its text. */
  readonly start?: number | null | undefined;
  /** Where it ends (exclusive), in code points. */
  readonly end?: number | null | undefined;
  /** The cited span's text, as the API sent it. */
  readonly text?: string | null | undefined;
}

/**
 * How a citation was placed in its text:
 *
 * - `offsets`: `start` and `end`, read as code points, select the citation's `text` (the
 *   expected case);
 * - `utf-16-offsets`: they do not, but read as UTF-16 code units they do (a producer that
 *   counts as JavaScript does);
 * - `text`: neither does; the citation's `text` was found elsewhere, at the occurrence nearest
 *   to the offsets;
 * - `unverified`: the citation has no `text`, or its text is nowhere in the text (U+FFFD in fast
 *   mode, say): the code-point offsets as they are.
 */
export type CitationMatch = 'offsets' | 'utf-16-offsets' | 'text' | 'unverified';

/** Where a citation stands in its text, in JavaScript string indices. */
export interface CitationLocation {
  /** The index (UTF-16 code units, as `String.prototype.slice` takes it) where the span starts. */
  readonly start: number;
  /** The index where it ends (exclusive). */
  readonly end: number;
  /** How it was placed. */
  readonly match: CitationMatch;
}

/** An offset from the wire, if it is one: a non-negative safe integer. */
function offsetOf(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * One text, with the map from code-point offsets to string indices built once (in one pass, and
 * only when the text holds a surrogate pair), so that placing every citation of a response costs
 * one pass over its text plus the citations' own checks.
 *
 * @internal
 */
export class CitedText {
  /** The string index of each code point (and of the end), when the text has surrogate pairs. */
  private readonly indices: Uint32Array | undefined;
  /** How many code points the text has. */
  private readonly length: number;

  constructor(readonly text: string) {
    const indices = /[\ud800-\udbff][\udc00-\udfff]/.test(text) ? new Uint32Array(text.length + 1) : undefined;
    let points = text.length;
    if (indices !== undefined) {
      points = 0;
      for (let at = 0; at < text.length; at++) {
        indices[points++] = at;
        if (isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1))) at++;
      }
      indices[points] = text.length;
    }
    this.indices = indices;
    this.length = points;
  }

  /** The string index of a code-point offset, or `undefined` past the end. */
  private indexOf(offset: number): number | undefined {
    if (offset > this.length) return undefined;
    return this.indices === undefined ? offset : this.indices[offset];
  }

  /** Whether `cited` stands at string indices `start` to `end`. */
  private holds(cited: string, start: number, end: number): boolean {
    return end - start === cited.length && this.text.startsWith(cited, start);
  }

  /** The occurrence of `cited` nearest to string index `near` (the earlier on a tie), if any. */
  private nearest(cited: string, near: number): number | undefined {
    const before = this.text.lastIndexOf(cited, near);
    const after = this.text.indexOf(cited, near);
    if (before === -1) return after === -1 ? undefined : after;
    return after !== -1 && after - near < near - before ? after : before;
  }

  /**
   * Where a citation stands; `undefined` when neither its offsets (missing, negative, reversed
   * or past the end) nor its text (missing, empty, or not found) place it.
   */
  locate(citation: CitationOffsets): CitationLocation | undefined {
    const cited = citation.text ?? undefined;
    let start = offsetOf(citation.start);
    let end = offsetOf(citation.end);
    if (start !== undefined && end !== undefined && start > end) start = end = undefined;
    const from = start === undefined ? undefined : this.indexOf(start);
    const to = end === undefined ? undefined : this.indexOf(end);
    if (from !== undefined && to !== undefined) {
      if (cited === undefined) return { start: from, end: to, match: 'unverified' };
      if (this.holds(cited, from, to)) return { start: from, end: to, match: 'offsets' };
    }
    if (cited !== undefined && start !== undefined && end !== undefined && this.indices !== undefined && this.holds(cited, start, end)) {
      return { start, end, match: 'utf-16-offsets' };
    }
    if (cited !== undefined && cited !== '') {
      const near = from ?? (start === undefined ? 0 : this.text.length);
      const found = this.nearest(cited, near);
      if (found !== undefined) return { start: found, end: found + cited.length, match: 'text' };
    }
    return from !== undefined && to !== undefined ? { start: from, end: to, match: 'unverified' } : undefined;
  }
}

/**
 * Where a citation stands in a text, in JavaScript string indices: its `start`/`end` read as
 * the Unicode code points Cohere counts in, checked against its `text`; when they do not select
 * that text, the offsets read as UTF-16 code units, then the occurrence of the text nearest to
 * them (see {@link CitationMatch}).
 *
 * <span class="informal">The offsets of a V2 citation count in its content block's text
 * (`content_index`); pass that block's text.</span>
 *
 * @example
 * ```ts
 * import { locateCitation } from 'cohere-rx';
 *
 * const text = 'Penguins 🐧 breed on sea ice.';
 * const location = locateCitation(text, { start: 20, end: 27, text: 'sea ice' });
 * console.log(location, text.slice(location?.start, location?.end)); // { start: 21, end: 28, match: 'offsets' } sea ice
 * ```
 *
 * @param text The text the citation cites: V1's `text`, or the V2 content block's `text` (or `thinking`).
 * @param citation The citation.
 * @returns Its span and how it was placed, or `undefined` when neither its offsets nor its text place it.
 */
export function locateCitation(text: string, citation: CitationOffsets): CitationLocation | undefined {
  return new CitedText(text).locate(citation);
}
